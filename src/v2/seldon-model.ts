import { ApiObject, ApiObjectMetadata, IAnyProducer, Lazy } from 'cdk8s';
import { IResource, IScalable, ISecret, ScalingTarget } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Problems, show } from '../errors';
import { ModelUri, ModelUriKind } from '../model-uri';
import { ScaleTarget } from './autoscaling/scale-target';
import { CAPABILITY_ACCEPTED, capabilityProblem, repeatProblem } from './capabilities';
import { generatedHint } from './generated-names';
import { modelCalls } from './model-calls';
import { IExplainedModel, ModelExplainer } from './model-explainer';
import { modelExtrasProblems, renderModelExtras } from './model-extras';
import { ModelLlm } from './model-llm';
import { modelSecretProblems } from './model-secret';
import { modelMemoryProblem, quantityAsInt64 } from './quantity';
import { validateScaling } from './scaling';
import { ModelFacts, ModelFactsSource, registerModel, schedulingInputsChanged } from './scheduling';
import { ISeldonServer } from './server-reference';
import { SELDON_V2_NAME } from './v2-names';
import { Model as ModelResource, ModelSpec, ModelSpecMemory, toJson_ModelSpec } from '../imports/mlops.seldon.io';
import { constructScope } from '../k8s/construct-scope';
import { dependOn } from '../k8s/depend-on';
import { failedConstruction } from '../k8s/failed-construction';
import { isInt32Count } from '../k8s/int32';
import { checkedArgs, checkedProps } from '../k8s/prop-check';
import { RenderedApiObject, specProps } from '../k8s/rendered-api-object';
import { sortedKeys } from '../k8s/sorted-json';

/** Props of `SeldonModel`. */
export interface SeldonModelProps {
  /**
   * Where the artifact is (`spec.storageUri`): an rclone remote such as
   * `gs://seldon-models/mlserver/iris`, or a local path inside the server pod
   * where a `SeldonServer` mounts a claim, e.g. `ModelUri.localPath('/var/models/iris')`.
   */
  readonly storageUri: ModelUri;
  /**
   * Capabilities a server must advertise to load the model (`spec.requirements`),
   * e.g. `sklearn`; more can be added with `addRequirement()`.
   * @default - none: any server
   */
  readonly requirements?: string[];
  /**
   * The Server the model must run on (`spec.server`): a `SeldonServer` of the
   * app, or `SeldonServer.fromServerName()` for one outside it.
   * @default - any server advertising the requirements
   */
  readonly server?: ISeldonServer;
  /**
   * Memory the model needs on a server replica (`spec.memory`), a Kubernetes
   * quantity such as `100Mi`; the scheduler packs models by it.
   * @default - not rendered: the scheduler assumes none
   */
  readonly memory?: string;
  /**
   * Replicas of the model, each on a different server replica (`spec.replicas`).
   * @default - not rendered: the operator uses `minReplicas`, or 1
   */
  readonly replicas?: number;
  /**
   * The lower scaling bound (`spec.minReplicas`); also the replicas the scheduler falls back to when a server
   * has too few, which is all it does in 2.10.2: that scheduler never autoscales Models (its main.go).
   * @default - not rendered: no lower bound
   */
  readonly minReplicas?: number;
  /**
   * The upper scaling bound (`spec.maxReplicas`). The 2.10.2 scheduler never autoscales Models, so it only bounds
   * `replicas` in the operator's validation; scale a Model with an HPA (`RpsAutoscaler`) instead.
   * @default - not rendered: no upper bound
   */
  readonly maxReplicas?: number;
  /**
   * The numbered version folder of the artifact to load (`spec.artifactVersion`). An MLServer agent loads a
   * `model-settings.json` at the top of the artifact whatever this says; without one it loads the folder of this
   * number, and fails the model if it has none (mlserver.go FindModelVersionFolder, v2.10.2).
   * @default - not rendered: a top-level model-settings.json, else the highest-numbered folder that has one, else the artifact folder itself
   */
  readonly artifactVersion?: number;
  /**
   * Makes the model an explainer (`spec.explainer`); the model then needs a
   * server advertising `alibi-explain`.
   * @default - not an explainer
   */
  readonly explainer?: ModelExplainer;
  /**
   * Parameters passed to the server when loading the model (`spec.parameters`),
   * written in the order of their names. Only an MLServer agent uses them (as
   * `parameters.extra` of the model's model-settings.json); a Triton agent drops
   * them, so they are refused on a model that only Triton servers of the app take.
   * With `explainer` or `llm`, `infer_uri` (and `explainer_type` with `explainer`)
   * are the agent's own keys, which would contradict them, and are refused.
   * @default - none
   */
  readonly parameters?: { [name: string]: string };
  /**
   * Request a server exclusive to this model (`spec.dedicated`). The scheduler
   * does not enforce it yet (SELDON-FACTS §2.7).
   * @default - not rendered (false)
   */
  readonly dedicated?: boolean;
  /**
   * Storage credentials (`spec.secretName`): a Secret with exactly one key
   * holding the rclone remote as `{type, name, parameters}`, e.g. an
   * `RcloneSecret` with `format: RcloneSecretFormat.V2_DOCUMENT` whose remote
   * is named like the URI's scheme. Put it in the model's namespace.
   * @default - none: remotes configured in the runtime (the anonymous `gs` by default)
   */
  readonly secret?: ISecret;
  /**
   * Makes the model an LLM component over another Model or a Pipeline
   * (`spec.llm`); not together with `explainer`.
   * @default - none
   */
  readonly llm?: ModelLlm;
  /**
   * Log request and response payloads (`spec.logger.percent`). Any logger
   * switches logging on: the 2.10 scheduler does not sample by the percentage
   * (model_types.go AsSchedulerModel), which is rendered for later versions.
   * @default - no payload logging
   */
  readonly logPayloadsPercent?: number;
  /**
   * Where the model's input/output schema is (`spec.schemaUri`).
   * @default - none
   */
  readonly schemaUri?: string;
  /**
   * The model's type, e.g. `sklearn` (`spec.modelType`); the operator adds it
   * to the requirements, so a server must advertise it.
   * @default - none
   */
  readonly modelType?: string;
  /**
   * Mark the model as preloaded (`spec.preloaded`); the 2.10 operator does not
   * forward it to the scheduler (SELDON-FACTS §2.7).
   * @default - not rendered (false)
   */
  readonly preloaded?: boolean;
  /**
   * Delete the model's Kafka topics when the Model is deleted (`spec.dataflow.cleanTopicsOnDelete`).
   * @default - not rendered (false: topics are kept)
   */
  readonly cleanTopicsOnDelete?: boolean;
  /**
   * Metadata of the Model. The namespace and labels of the chart apply unless
   * set here.
   * @default - a name generated by cdk8s from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
}

const KIND = 'SeldonModel';

/**
 * A Seldon Core v2 `Model`: an artifact the scheduler loads onto a Server
 * whose capabilities cover the model's requirements.
 */
export class SeldonModel extends Construct implements IExplainedModel, IScalable, IResource {
  /** cdk8s's and the scheduling check's callbacks of a model in one object, not a closure and an object each. */
  private static readonly Hooks = class implements IAnyProducer, ModelFactsSource {
    public constructor(private readonly owner: SeldonModel) {}
    public produce(): unknown { return toJson_ModelSpec(this.owner.renderSpec()); }
    public modelFacts(): ModelFacts { return this.owner.modelFacts(); }
  };

  /** The `Model` object, for escape hatches (`addJsonPatch`). */
  public readonly apiObject: ApiObject;
  /** The Model name; also its inference endpoint path and Kafka topic name. */
  public readonly name: string;
  /** Where the artifact is. */
  public readonly storageUri: ModelUri;
  /**
   * The pinned server.
   * @default - none
   */
  public readonly server?: ISeldonServer;
  /**
   * The storage credentials Secret.
   * @default - none
   */
  public readonly secret?: ISecret;
  /**
   * The explainer settings.
   * @default - none
   */
  public readonly explainer?: ModelExplainer;
  /** Replicas the operator asks the scheduler for, after its defaulting (§2.6); an autoscaler changes them later. */
  public readonly replicas: number;
  /** The API group (cdk8s-plus `IResource`, e.g. for `Metric.object({ object: model, ... })`). */
  public readonly apiGroup = 'mlops.seldon.io';
  /** The resource type (`IResource`). */
  public readonly resourceType = 'models';
  /** Whether a HorizontalPodAutoscaler scales the model (cdk8s-plus `IScalable`; set by `markHasAutoscaler()`). */
  public hasAutoscaler = false;
  private readonly scale: ScaleTarget;

  private readonly props: SeldonModelProps;
  private readonly _requirements: string[] = [];
  private readonly minReplicas: number;
  private readonly calls: ModelFacts['calls'];
  private readonly parameterNames?: string[];
  private memoryBytes?: number;

  public constructor(scope: Construct, id: string, props: SeldonModelProps) {
    super(constructScope(scope, 'SeldonModel', id), id);
    try {
      props = checkedProps(this, 'SeldonModel', props);
      this.props = props;
      this.storageUri = props.storageUri;
      this.server = props.server;
      this.secret = props.secret;
      this.explainer = props.explainer;
      const hooks = new SeldonModel.Hooks(this);
      this.apiObject = new RenderedApiObject(this, 'Resource',
        specProps(ModelResource.GVK.apiVersion, ModelResource.GVK.kind, props.metadata, Lazy.any(hooks)));
      this.name = this.apiObject.name;
      this.scale = new ScaleTarget(this, KIND, this.apiObject, props);
      const scaling = validateScaling(props);
      this.replicas = scaling.replicas;
      this.minReplicas = scaling.minReplicas;

      const problems = this.checkProps();
      for (const p of scaling.problems) problems.add(p.field, p.problem, p.accepted);
      problems.throwIfAny();
      // sliced, not pushed: push() leaves room for 17 elements, kept as long as the model
      this._requirements = props.requirements?.slice() ?? [];

      if (props.secret) dependOn(this.apiObject, props.secret, 'secret');
      // Reported by the v2 checks (scheduling.ts, references.ts) when taken out of the tree.
      if (props.server) dependOn(this.apiObject, props.server, 'server', true);
      if (props.explainer?.model) dependOn(this.apiObject, props.explainer.model, 'explainer', true);
      if (props.llm?.model) dependOn(this.apiObject, props.llm.model, 'llm', true);
      // The secret is fixed at construction: without one there is nothing to check in each of the (charts + 1) validation passes of a synth.
      if (this.secret) {
        const secret = this.secret;
        this.node.addValidation({ validate: () => modelSecretProblems(this.node.path, this.storageUri, secret, this.apiObject.metadata.namespace) });
      }
      // Read in each validation pass of a synth; the models it calls and its parameters are fixed, so they are read once.
      this.calls = modelCalls(props);
      const parameters = Object.keys(props.parameters ?? {});
      this.parameterNames = parameters.length > 0 ? parameters : undefined;
      registerModel(this, hooks);
    } catch (e) { throw failedConstruction(this, e); }
  }

  /** The API version (`IResource`). */
  public get apiVersion(): string {
    return this.apiObject.apiVersion;
  }

  /** The kind, `Model` (`IResource`). */
  public get kind(): string {
    return this.apiObject.kind;
  }

  /**
   * The resource name (`IResource`).
   * @default - the Model name
   */
  public get resourceName(): string | undefined {
    return this.name;
  }

  /** Called by a cdk8s-plus HorizontalPodAutoscaler that targets the model (`IScalable`). */
  public markHasAutoscaler(): void {
    this.scale.mark();
    this.hasAutoscaler = true;
  }

  /** The HorizontalPodAutoscaler's target: the Model's scale subresource (`IScalable`). */
  public toScalingTarget(): ScalingTarget {
    return this.scale.toScalingTarget();
  }

  /** The capabilities a server must advertise, as rendered (without the explainer's `alibi-explain`). */
  public get requirements(): string[] {
    return [...this._requirements];
  }

  /** Adds a requirement. Throws if it is malformed or already listed. */
  public addRequirement(requirement: string): void {
    [requirement] = checkedArgs(this, 'SeldonModel', 'addRequirement', requirement);
    const problems = new Problems(KIND, this);
    const field = `addRequirement(${show(requirement)})`;
    const issue = capabilityProblem(requirement);
    if (issue) problems.add(field, issue, CAPABILITY_ACCEPTED);
    else if (this._requirements.includes(requirement)) problems.add(field, repeatProblem(requirement, 'requirement'), `requirements so far: ${this._requirements.join(', ')}`);
    problems.throwIfAny();
    this._requirements.push(requirement);
    schedulingInputsChanged();
  }

  private checkProps(): Problems {
    const problems = new Problems(KIND, this);
    const props = this.props;
    if (!SELDON_V2_NAME.check(this.name)) {
      problems.add('metadata.name', `${show(this.name)} is not a valid Seldon v2 model name${generatedHint(props.metadata)}`, SELDON_V2_NAME.accepted);
    }

    const uri = props.storageUri;
    if (uri === undefined) {
      problems.add('storageUri', 'is missing', ModelUri.ACCEPTED_FORMS);
    } else if (uri.problem) {
      problems.add('storageUri', uri.problem, ModelUri.ACCEPTED_FORMS);
    } else if (uri.kind === ModelUriKind.PVC) {
      problems.add('storageUri', `${show(uri.uri)} is a pvc:// URI, which only Seldon Core v1 reads`,
        'for v2, mount the claim on a SeldonServer with mountPvc(claim, "/var/models") and use ModelUri.localPath("/var/models/<path>") with requirements ["pvc"]');
    } else if (uri.kind === ModelUriKind.LOCAL_PATH && props.secret !== undefined) {
      problems.add('secret', `is set, but storageUri ${show(uri.uri)} is a local path; the agent would compare the secret's remote name with the path and fail`,
        'leave secret out for local paths, or use a URI on the secret\'s remote');
    }

    const requirements = props.requirements ?? [];
    const seen = requirements.length > 1 ? new Set<string>() : undefined;
    for (let i = 0; i < requirements.length; i++) {
      const r = requirements[i];
      const issue = capabilityProblem(r);
      if (issue) problems.add(`requirements[${i}]`, issue, CAPABILITY_ACCEPTED);
      else if (seen?.has(r)) problems.add(`requirements[${i}]`, repeatProblem(r, 'requirement'), 'each requirement once');
      seen?.add(r);
    }

    const memoryIssue = props.memory === undefined ? undefined : modelMemoryProblem(props.memory);
    if (memoryIssue) problems.add('memory', ...memoryIssue);

    const version = props.artifactVersion;
    if (version !== undefined && !isInt32Count(version)) {
      problems.add('artifactVersion', `${show(props.artifactVersion)} is not a whole number from 0 to 2147483647`, 'the number of a version folder, e.g. 1');
    }

    for (const [f, p, a] of modelExtrasProblems(props)) problems.add(f, p, a);
    if (props.explainer?.problem) problems.add('explainer', props.explainer.problem);
    if (props.explainer?.modelRef !== undefined && props.explainer.modelRef === this.name) {
      problems.add('explainer', `explains the model ${show(this.name)} itself`, 'the name of the model to explain, which is another Model');
    }

    if (props.parameters !== undefined) {
      for (const [name, value] of Object.entries(props.parameters)) {
        if (name.length === 0) problems.add('parameters', 'has an empty name', 'non-empty parameter names');
        if (typeof value !== 'string') problems.add(`parameters[${show(name)}]`, `${show(value)} is not a string`, 'string values, e.g. "true" or "10"');
      }
    }
    return problems;
  }

  private modelFacts(): ModelFacts {
    const props = this.props;
    return {
      construct: this,
      name: this.name,
      namespace: this.apiObject.metadata.namespace,
      // the operator appends modelType to the requirements (model_types.go AsSchedulerModel)
      requirements: props.modelType === undefined ? this._requirements : [...this._requirements, props.modelType],
      explainer: this.explainer !== undefined,
      replicas: this.replicas,
      minReplicas: this.minReplicas,
      server: this.server,
      localPath: this.storageUri?.kind === ModelUriKind.LOCAL_PATH ? this.storageUri.path : undefined,
      // `props.memory` is fixed: read once
      memory: props.memory === undefined ? undefined : (this.memoryBytes ??= Number(quantityAsInt64(props.memory))),
      // the state markHasAutoscaler() keeps (and the check's counter follows), as for a SeldonServer
      autoscaled: this.scale.hasAutoscaler,
      calls: this.calls,
      parameters: this.parameterNames,
    };
  }

  private renderSpec(): ModelSpec {
    const props = this.props;
    // By name, as cdk8s writes a map: the same parameters give the same list, in whatever order the map holds them.
    const parameters = props.parameters && Object.entries(sortedKeys(props.parameters)).map(([name, value]) => ({ name, value }));
    const explainer = this.explainer;
    const extras = renderModelExtras(props);
    // written out, not spread (toJson_ModelSpec copies every field, in its own order)
    return {
      storageUri: this.storageUri.uri,
      artifactVersion: props.artifactVersion,
      requirements: this._requirements.length ? this._requirements : undefined,
      memory: props.memory !== undefined ? ModelSpecMemory.fromString(props.memory) : undefined,
      replicas: this.scale.renderReplicas(),
      minReplicas: props.minReplicas,
      maxReplicas: props.maxReplicas,
      server: this.server?.name,
      explainer: explainer ? { type: explainer.explainerType, modelRef: explainer.modelRef, pipelineRef: explainer.pipelineRef } : undefined,
      parameters: parameters?.length ? parameters : undefined,
      dedicated: props.dedicated,
      secretName: this.secret?.name,
      llm: extras.llm,
      logger: extras.logger,
      schemaUri: extras.schemaUri,
      modelType: extras.modelType,
      preloaded: extras.preloaded,
      dataflow: extras.dataflow,
    };
  }
}
