import { ApiObject, Duration } from 'cdk8s';
import { ISecret, IServiceAccount, k8s } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import { dependOn } from './depend-on';
import { showDuration, wholeDuration } from './duration';
import { labelMapProblems } from './labels';
import { checkConstructor, checkMethods } from './method-check';
import { crossNamespaceProblem } from './namespaces';
import { PodPlacement } from './pod-placement';
import { PrefixedProblems } from './prefixed-problems';

/**
 * Pod-level settings of a pod that a Seldon operator builds from a partial
 * pod spec (a v2 Server or ServerConfig `podSpec`, a v1 `componentSpecs`
 * entry). None needs a container, so a pod spec can carry only these.
 */
export interface PodSettingsProps {
  /**
   * Secrets with registry credentials for pulling the pod's images
   * (`imagePullSecrets`), e.g. a cdk8s-plus `DockerConfigSecret` or
   * `Secret.fromSecretName(...)`. The v2 operator appends them to the
   * ServerConfig's (SELDON-FACTS §2.4). A Secret the app writes must be of
   * type `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`, the
   * only ones the kubelet reads registry credentials from.
   * @default - none: the ServerConfig's, or the namespace service account's
   */
  readonly imagePullSecrets?: ISecret[];
  /**
   * The service account the pods run as (`serviceAccountName`). A v2 server
   * pod's agent reads model-storage Secrets through it, so it needs the same
   * permissions as Seldon's `seldon-server` account.
   * @default - a v1 predictor's pods: the namespace's `default` ServiceAccount; a v2 Server's: the
   *   ServerConfig's (`seldon-server` for the default ones)
   */
  readonly serviceAccount?: IServiceAccount;
  /**
   * The PriorityClass of the pods (`priorityClassName`).
   * @default - the ServerConfig's, else the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * Labels of the pods. For a v2 Server the operator copies the Server's
   * labels onto its pods (statefulset_reconciler.go), so they are rendered
   * as labels of the Server.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Annotations of the pods, rendered like `podLabels` (e.g. for a service
   * mesh or a metrics scraper).
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * How long Kubernetes lets the pods' containers shut down after asking them
   * to stop, before it kills them (`terminationGracePeriodSeconds`), in whole seconds.
   * @default - a v1 predictor's pods: the operator's 20 seconds (seldondeployment_controller.go);
   *   a v2 Server's: the ServerConfig's (120 seconds for the default ones)
   */
  readonly terminationGracePeriod?: Duration;
}

/** Set by `_ofCheckedProps` for the one constructor call it makes. */
let argumentsChecked = false;

/**
 * Pod-level settings and placement of pods a Seldon operator builds: one
 * mechanism for v1 and v2, rendering the pod-spec fields the operators merge
 * onto their own pods.
 */
export class PodSettings {
  /**
   * @internal A construct's pod settings from its props, which its boundary checked,
   * PodSettingsProps' fields with the same shapes (test/perf/build-work.test.ts):
   * the constructor's own argument check is skipped, its rules are not.
   */
  public static _ofCheckedProps(owner: IConstruct, kind: string, props: PodSettingsProps, fieldPrefix?: string): PodSettings {
    argumentsChecked = true;
    return new PodSettings(owner, kind, props, fieldPrefix);
  }

  /** Where the pods may run (`attract`, `tolerate`, `colocate`, `separate`, `spread`, `assign`). */
  public readonly scheduling: PodPlacement;
  private readonly pullSecrets: ISecret[] = [];
  /** The objects written with these settings, which come after the Secrets and service account they name. */
  private readonly users = new Set<ApiObject>();
  private readonly serviceAccount?: IServiceAccount;
  private readonly priorityClassName?: string;
  private readonly labels: { [key: string]: string };
  private readonly annotations: { [key: string]: string };
  private readonly gracePeriodSeconds?: number;
  /** Where the pods run and whether the service account is checked here (`_checkNamespaces`); registered once there is a reference. */
  private namespaceCheck?: { readonly namespace: () => string | undefined; readonly withServiceAccount: boolean; registered: boolean };

  /**
   * @param owner the construct whose pods these are (errors name its path)
   * @param kind the owner's kind, for error messages
   * @param props the settings
   * @param fieldPrefix prefixed to the field names of error messages, e.g. `overrides[0].`
   */
  public constructor(private readonly owner: IConstruct, private readonly kind: string, props: PodSettingsProps = {}, private readonly fieldPrefix: string = '') {
    // The fields' own rules below speak first, named as the owner's fields; the shape check then covers the rest.
    const checkArgs = !argumentsChecked;
    argumentsChecked = false;
    const propsObject = typeof props === 'object' && props !== null;
    if (checkArgs) checkConstructor('PodSettings', [owner, kind, propsObject ? undefined : props, fieldPrefix]);
    this.scheduling = new PodPlacement(owner, kind, fieldPrefix);
    const problems = this.problems();
    if (props.imagePullSecrets !== undefined && !Array.isArray(props.imagePullSecrets)) {
      problems.add('imagePullSecrets', `${show(props.imagePullSecrets)} is not a list`, 'a list of ISecret, e.g. [Secret.fromSecretName(this, "pull", "registry-creds")]');
    }
    if (props.serviceAccount !== undefined && nameOf(props.serviceAccount) === undefined) {
      problems.add('serviceAccount', `${show(props.serviceAccount)} is not a service account`, 'an IServiceAccount, e.g. ServiceAccount.fromServiceAccountName(this, "sa", "models")');
    } else if (props.serviceAccount !== undefined && nameProblem(nameOf(props.serviceAccount)!, DNS_1123_SUBDOMAIN)) {
      problems.add('serviceAccount', `name ${show(nameOf(props.serviceAccount))} is not a valid name`, DNS_1123_SUBDOMAIN.accepted);
    }
    if (props.priorityClassName !== undefined && (typeof props.priorityClassName !== 'string' || nameProblem(props.priorityClassName, DNS_1123_SUBDOMAIN))) {
      problems.add('priorityClassName', `${show(props.priorityClassName)} is not a PriorityClass name`, DNS_1123_SUBDOMAIN.accepted);
    }
    for (const [key, problem, accepted] of labelMapProblems(props.podLabels, true)) problems.add(`podLabels[${show(key)}]`, problem, accepted);
    for (const [key, problem, accepted] of labelMapProblems(props.podAnnotations, false)) problems.add(`podAnnotations[${show(key)}]`, problem, accepted);
    if (props.terminationGracePeriod !== undefined) {
      const seconds = wholeDuration(props.terminationGracePeriod, 'seconds');
      if (seconds === undefined || seconds < 0 || !Number.isSafeInteger(seconds)) {
        const what = typeof (props.terminationGracePeriod as Duration)?.toMilliseconds === 'function'
          ? `${showDuration(props.terminationGracePeriod)} is not a whole number of seconds from 0` : `${show(props.terminationGracePeriod)} is not a Duration`;
        problems.add('terminationGracePeriod', what, 'a Duration of whole seconds from 0, e.g. Duration.seconds(30)');
      }
      this.gracePeriodSeconds = seconds;
    }
    problems.throwIfAny();
    if (checkArgs) checkConstructor('PodSettings', [owner, kind, props, fieldPrefix]);

    for (const secret of Array.isArray(props.imagePullSecrets) ? props.imagePullSecrets : []) this.addImagePullSecret(secret);
    this.serviceAccount = props.serviceAccount;
    this.priorityClassName = props.priorityClassName;
    this.labels = { ...props.podLabels };
    this.annotations = { ...props.podAnnotations };
  }

  /** Adds a Secret with registry credentials to `imagePullSecrets`. Throws if it is there already. */
  public addImagePullSecret(secret: ISecret): void {
    const problems = this.problems();
    const name = nameOf(secret);
    if (name === undefined) {
      problems.add('imagePullSecrets', `${show(secret)} is not a Secret`, 'an ISecret, e.g. Secret.fromSecretName(this, "pull", "registry-creds")');
    } else if (nameProblem(name, DNS_1123_SUBDOMAIN)) {
      problems.add(`imagePullSecrets[${show(name)}]`, 'is not a valid Secret name', DNS_1123_SUBDOMAIN.accepted);
    } else if (this.pullSecrets.some(s => s.name === name)) {
      problems.add(`imagePullSecrets[${show(name)}]`, 'is listed twice (Kubernetes keeps both entries)', 'each Secret once');
    } else {
      const type = writtenSecretType(secret);
      if (type !== undefined && !REGISTRY_SECRET_TYPES.includes(type)) {
        problems.add(`imagePullSecrets[${show(name)}]`, `is a Secret of type ${show(type)} written by the app, from which the kubelet reads no registry credentials `
          + '(it reads only a kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg Secret, pkg/credentialprovider/secrets), so images are pulled without them',
        'a DockerConfigSecret, or Secret.fromSecretName() naming a registry Secret that exists');
      }
    }
    problems.throwIfAny();
    this.pullSecrets.push(secret);
    for (const object of this.users) dependOn(object, secret, `${this.fieldPrefix}imagePullSecrets`);
    this.registerNamespaceCheck();
  }

  /**
   * @internal Reports, when the app is validated, an image pull Secret or the service account in another namespace
   * than `namespace()`, the one the pods run in (src/k8s/namespaces.ts): the kubelet then pulls without the
   * credentials, and the pods of an absent ServiceAccount are never created. Not for settings whose pods run
   * elsewhere than their owner (a ServerConfig's, in each Server's namespace). `withServiceAccount` false leaves the
   * service account to the owner's own reference check (a v1 predictor's).
   */
  public _checkNamespaces(namespace: () => string | undefined, withServiceAccount = true): void {
    this.namespaceCheck = { namespace, withServiceAccount, registered: false };
    this.registerNamespaceCheck();
  }

  /** Adds the namespace check to the owner's validations once there is a reference to check (most pods name none). */
  private registerNamespaceCheck(): void {
    const check = this.namespaceCheck;
    if (check === undefined || check.registered) return;
    if (this.pullSecrets.length === 0 && !(check.withServiceAccount && this.serviceAccount !== undefined)) return;
    check.registered = true;
    this.owner.node.addValidation({
      validate: () => {
        const namespace = check.namespace();
        if (namespace === undefined) return [];
        const problems = this.problems();
        for (const secret of this.pullSecrets) {
          const found = crossNamespaceProblem('Secret', secret, namespace);
          if (found) problems.add(`imagePullSecrets[${show(secret.name)}]`, ...found);
        }
        const account = check.withServiceAccount ? crossNamespaceProblem('ServiceAccount', this.serviceAccount, namespace) : undefined;
        if (account) problems.add('serviceAccount', ...account);
        return problems.messages;
      },
    });
  }

  /** The names of the image pull Secrets. */
  public get imagePullSecretNames(): string[] {
    return this.pullSecrets.map(s => s.name);
  }

  /** The pod labels. */
  public get podLabels(): { [key: string]: string } {
    return { ...this.labels };
  }

  /**
   * The grace period in seconds, when set.
   * @default - not set
   */
  public get terminationGracePeriodSeconds(): number | undefined {
    return this.gracePeriodSeconds;
  }

  /** The pod annotations. */
  public get podAnnotations(): { [key: string]: string } {
    return { ...this.annotations };
  }

  private problems(): Problems {
    return new PrefixedProblems(this.kind, this.owner, this.fieldPrefix);
  }

  /** @internal Orders `object` after the Secrets and service account it uses, and after image pull Secrets added later. */
  public _dependOn(object: ApiObject): void {
    if (this.users.has(object)) return;
    this.users.add(object);
    for (const secret of this.pullSecrets) dependOn(object, secret, `${this.fieldPrefix}imagePullSecrets`);
    if (this.serviceAccount) dependOn(object, this.serviceAccount, `${this.fieldPrefix}serviceAccount`);
  }

  /** @internal The pod-spec fields of these settings, without containers; undefined fields are not rendered. */
  public _toPodSpec(): Partial<k8s.PodSpec> {
    const placement = this.scheduling._toKube();
    const fragment: Partial<k8s.PodSpec> = {
      imagePullSecrets: this.pullSecrets.length ? this.pullSecrets.map(s => ({ name: s.name })) : undefined,
      serviceAccountName: this.serviceAccount?.name,
      priorityClassName: this.priorityClassName,
      affinity: placement.affinity,
      tolerations: placement.tolerations,
      nodeName: placement.nodeName,
      terminationGracePeriodSeconds: this.gracePeriodSeconds,
    };
    return Object.fromEntries(Object.entries(fragment).filter(([, v]) => v !== undefined));
  }

  /** Whether any pod-spec field is set (labels and annotations aside). */
  public get hasPodSpecFields(): boolean {
    return Object.keys(this._toPodSpec()).length > 0;
  }
}

/** The Secret types the kubelet reads image pull credentials from. */
const REGISTRY_SECRET_TYPES = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'];

/**
 * The type of a Secret the app writes (a cdk8s-plus Secret of either line, an RcloneSecret: its `Resource` child is the
 * Secret object; an RcloneExternalSecret: the one its ExternalSecret makes), `Opaque` when none is set (the API server's default); undefined for a reference by name or a token type.
 */
function writtenSecretType(secret: ISecret): string | undefined {
  const object = (secret as { node?: IConstruct['node'] }).node?.tryFindChild('Resource');
  if (!(object instanceof ApiObject)) return undefined;
  // cdk8s-plus keeps the type only in the object's props (read as unique-names.ts reads an ExternalSecret's); a token is unknown.
  const props = (object as unknown as { props?: { type?: unknown; spec?: { target?: { template?: { type?: unknown } } } } }).props;
  let type: unknown;
  if (object.kind === 'Secret' && object.apiGroup === 'core') type = props?.type;
  // An RcloneExternalSecret: the External Secrets Operator makes the Secret of its template's type, Opaque by default.
  else if (object.kind === 'ExternalSecret' && object.apiGroup === 'external-secrets.io') type = props?.spec?.target?.template?.type;
  else return undefined;
  return type === undefined ? 'Opaque' : typeof type === 'string' ? type : undefined;
}

function nameOf(resource: unknown): string | undefined {
  const name = (resource as { name?: unknown } | undefined)?.name;
  return typeof resource === 'object' && typeof name === 'string' ? name : undefined;
}

// A wrong argument type from JavaScript or a jsii language is reported like a prop (src/k8s/method-check.ts).
checkMethods(PodSettings, 'PodSettings', p => {
  const { owner, kind, fieldPrefix } = p as unknown as { owner: IConstruct; kind: string; fieldPrefix: string };
  return { scope: owner, kind, prefix: fieldPrefix };
});
