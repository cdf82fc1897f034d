import { ApiObject } from 'cdk8s';
import { IPodSelector, LabelExpression, Pods, PodsSelectOptions } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { EmptyOwnPod, laterOwnPodProblems } from './empty-own-pod';
import { seldonId } from './operator/names';
import { PredictorProps } from './predictor';
import { PodSettings, PodSettingsProps } from '../k8s/pod-settings';

/**
 * Every field of `PodSettingsProps`, each of which makes a predictor's settings at once: the type
 * requires one entry per field, so a field added there and forgotten here fails to compile instead
 * of being left out of the manifest.
 */
const POD_FIELDS_RECORD: { readonly [K in keyof Required<PodSettingsProps>]: true } = {
  imagePullSecrets: true,
  serviceAccount: true,
  priorityClassName: true,
  podLabels: true,
  podAnnotations: true,
  terminationGracePeriod: true,
};
const POD_FIELDS = Object.keys(POD_FIELDS_RECORD) as ReadonlyArray<keyof PodSettingsProps>;

/** One predictor's pod settings: made at once when its props set a pod field or separate pods, else on first use. */
interface PredictorPodEntry {
  readonly predictor: PredictorProps;
  /** What the predictor's fields are named with in messages: `predictors[0].` in a SeldonDeployment, nothing in a PrepackagedModel. */
  readonly fieldPrefix: string;
  settings?: PodSettings;
  readonly separate: PodSettings[];
}

/**
 * The pod settings of a SeldonDeployment's predictors (`predictorPod()`) and
 * their separate pods (`separatePod()`). Most predictors set no pod field and
 * nobody asks for their pod settings; those settings would be empty (no check
 * can fail, nothing is rendered, nothing to depend on), so they are made only
 * when `pod()` is first called, with what an eager construction would have made.
 */
export class PredictorPods {
  /**
   * The first predictor's entry, and a map once a second predictor is added: most deployments have one predictor,
   * and a Map kept per deployment costs it about 180 bytes for as long as the app lives.
   */
  private first?: PredictorPodEntry;
  private more?: Map<string, PredictorPodEntry>;

  /**
   * @param owner the SeldonDeployment (errors name its path; `spread()`'s selector is its child)
   * @param kind its kind, for error messages
   * @param apiObject the object that depends on the pods' Secrets and ServiceAccounts
   */
  public constructor(private readonly owner: Construct, private readonly kind: string, private readonly apiObject: ApiObject) {}

  /**
   * Registers a predictor (its props checked at the boundary); throws if its pod settings break their rules.
   * `fieldPrefix`: what its fields are named with in messages (`predictors[0].`).
   * `emptyOwnPod`: the rule of its own pod when that keeps no container (separatePodProblems), then asked at synth.
   */
  public add(predictor: PredictorProps, fieldPrefix: string, emptyOwnPod?: EmptyOwnPod): void {
    const entry: PredictorPodEntry = { predictor, fieldPrefix, separate: [] };
    const eager = POD_FIELDS.some(field => predictor[field] !== undefined)
      || (predictor.separatePods !== undefined && predictor.separatePods.length > 0);
    if (eager) this.make(entry);
    this.set(predictor.name, entry);
    // Settings made later through pod(), which the operator would drop: only such a pod pays for a validation.
    if (emptyOwnPod) {
      this.owner.node.addValidation({ validate: () => laterOwnPodProblems(this.owner, this.kind, predictor.name, entry.settings, emptyOwnPod) });
    }
  }

  /** The pod settings of the predictor named `name`, made now if not made yet; undefined when there is no such predictor. */
  public pod(name: string): PodSettings | undefined {
    const entry = this.get(name);
    if (entry === undefined) return undefined;
    if (entry.settings === undefined) this.make(entry);
    return entry.settings;
  }

  /** The pod settings made so far, for rendering: a predictor's never made are empty and render as none. */
  public made(name: string): PodSettings | undefined {
    return this.get(name)?.settings;
  }

  /** The separate pods' settings of the predictor named `name` (made with the predictor's). */
  public separate(name: string): PodSettings[] | undefined {
    return this.get(name)?.separate;
  }

  /** The predictors' names, in the order they were added. */
  public names(): string[] {
    return this.entries().map(([name]) => name);
  }

  /** Every predictor's separate pods, by predictor name, in the order they were added. */
  public allSeparate(): Array<[string, PodSettings[]]> {
    return this.entries().map(([name, entry]) => [name, entry.separate]);
  }

  /** As `Map.set` (an entry's name is its predictor's): a name added again replaces its entry in its place. */
  private set(name: string, entry: PredictorPodEntry): void {
    if (this.first === undefined || this.first.predictor.name === name) this.first = entry;
    else (this.more ??= new Map()).set(name, entry);
  }

  private get(name: string): PredictorPodEntry | undefined {
    return this.first?.predictor.name === name ? this.first : this.more?.get(name);
  }

  /** The entries in the order their names were first added. */
  private entries(): Array<[string, PredictorPodEntry]> {
    if (this.first === undefined) return [];
    return [[this.first.predictor.name, this.first], ...this.more ?? []];
  }

  /** `spread()` separates the pods the operator labels with this deployment and predictor. */
  private make(entry: PredictorPodEntry): void {
    const { predictor, fieldPrefix } = entry;
    const pod = PodSettings._ofCheckedProps(this.owner, this.kind, predictor, fieldPrefix);
    // Made only when spread() needs it, once for the predictor's pod and its separate pods.
    let own: IPodSelector | undefined;
    // The predictor's version label, and any other a separate pod sets on itself (the operator's label on the pod wins).
    const select = () => own ??= Pods.select(this.owner, `Pods-${predictor.name}`, ownPods(seldonId({ metadata: { name: this.apiObject.name } }), predictor));
    pod.scheduling._selectOwnPods(select);
    pod._dependOn(this.apiObject);
    // The operator makes the pods in the SeldonDeployment's namespace; the predictor's ServiceAccount is checked with its other references (namespace-refs.ts).
    const namespace = () => this.apiObject.metadata.namespace;
    pod._checkNamespaces(namespace, false);
    entry.settings = pod;
    (predictor.separatePods ?? []).forEach((p, j) => {
      const separate = PodSettings._ofCheckedProps(this.owner, this.kind, p, `${fieldPrefix}separatePods[${j}].`);
      separate.scheduling._selectOwnPods(select);
      separate._dependOn(this.apiObject);
      separate._checkNamespaces(namespace);
      entry.separate.push(separate);
    });
  }
}

/** The labels of a predictor's pods: its deployment's id, and its version, or one of the versions its pods set on themselves. */
function ownPods(id: string, predictor: PredictorProps): PodsSelectOptions {
  const version = predictor.labels?.version ?? predictor.name;
  const versions = new Set([version]);
  // The predictor's own pod says another version only with separateEnginePod (predictor-deployment-checks.ts).
  if (typeof predictor.podLabels?.version === 'string') versions.add(predictor.podLabels.version);
  for (const pod of predictor.separatePods ?? []) {
    const own = pod?.podLabels?.version;
    if (typeof own === 'string') versions.add(own);
  }
  return versions.size === 1
    ? { labels: { 'seldon-deployment-id': id, 'version': version } }
    : { labels: { 'seldon-deployment-id': id }, expressions: [LabelExpression.in('version', [...versions])] };
}
