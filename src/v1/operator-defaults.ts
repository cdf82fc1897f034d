/**
 * What the Seldon Core v1 operator (1.18.2, Helm defaults) does on its own.
 * Every fact here is cited in SELDON-FACTS.md Part 1; this is the only file
 * that knows them.
 */
import { ModelParameterType } from './model-parameter';
import { ProtocolFamily } from './protocol-family';

/** The operator release these defaults come from. */
export const SELDON_CORE_V1_VERSION = '1.18.2';

/**
 * How a prepackaged server runs for one protocol; decides what the explicit
 * storage-initializer mode declares (SELDON-FACTS §1.7–1.10).
 */
export enum ServerRuntime {
  /** Seldon's Python servers: model path passed in `PREDICTIVE_UNIT_PARAMETERS`. */
  SELDON_PYTHON = 'seldon-python',
  /** MLServer: model path and runtime passed in `MLSERVER_*` variables. */
  MLSERVER = 'mlserver',
  /** TensorFlow under the Seldon protocol: a proxy container plus a `tfserving` container. */
  TFSERVING_PROXY = 'tfserving-proxy',
  /** TensorFlow Serving speaking its own protocol. */
  TFSERVING = 'tfserving',
  /** NVIDIA Triton. */
  TRITON = 'triton',
}

export interface ProtocolDefaults {
  readonly image: string;
  readonly runtime: ServerRuntime;
}

export interface ServerDefaults {
  readonly protocols: Partial<Record<ProtocolFamily, ProtocolDefaults>>;
  /** The webhook accepts an empty modelUri only for HUGGINGFACE_SERVER (§1.4 #12). */
  readonly modelUriRequired: boolean;
  /** `MLSERVER_MODEL_IMPLEMENTATION` (§1.8). */
  readonly mlserverImplementation?: string;
  /** Extra MLServer variables the operator sets for this server (§1.8). */
  readonly mlserverEnv?: Readonly<Record<string, string>>;
  /**
   * The server's memory grows with the model (Triton, HuggingFace, TF
   * Serving): explicit mode declares no default resources for it.
   */
  readonly sizedByModel?: boolean;
  /**
   * The parameters the seldon-protocol server class takes besides
   * `model_uri`: the python wrapper builds it with `**parameters`, so any
   * other name stops the pod at start (servers/*@v1.18.2).
   */
  readonly seldonParameters?: readonly string[];
  /**
   * The values a parameter of `seldonParameters` is compared with, first the
   * default: the server class takes any other value silently for the last
   * branch of its comparison (a `STRING` parameter; other types never match).
   */
  readonly seldonParameterValues?: Readonly<Record<string, { readonly values: readonly string[]; readonly otherwise: string }>>;
  /**
   * What the server's MLServer 1.3.5 runtime reads of `PREDICTIVE_UNIT_PARAMETERS`:
   * `undefined` where the library does not know the runtime (TEMPO's is Tempo's).
   */
  readonly mlserverParameters?: MlserverParameters;
}

/** How an MLServer runtime reads `PREDICTIVE_UNIT_PARAMETERS` (MLServer 1.3.5). */
export interface MlserverParameters {
  /**
   * The settings class built from the parameters, or none: only the
   * HuggingFace runtime reads the variable (`git grep PREDICTIVE_UNIT_PARAMETERS`
   * at 1.3.5 finds only runtimes/huggingface/mlserver_huggingface/settings.py).
   */
  readonly settings?: MlserverSettingsClass;
  /**
   * Parameters that say what the runtime does anyway, by name and STRING value: harmless, so let through where the
   * runtime reads none (Seldon's own v2 SKLEARN samples write `method: predict`).
   */
  readonly sayingTheDefault?: Readonly<Record<string, string>>;
}

/** A pydantic 1.x `BaseSettings` class an MLServer runtime builds from the parameters. */
export interface MlserverSettingsClass {
  readonly name: string;
  /** Its fields and the parameter type each takes (`extra` is forbidden: any other name fails model load). */
  readonly fields: Readonly<Record<string, ModelParameterType>>;
  /** Fields the runtime refuses to load without (a default it rejects). */
  readonly required: readonly string[];
  /** `Config.env_prefix`: a field can come from the variable `<prefix><FIELD>` instead. */
  readonly envPrefix: string;
}

/** `MLSERVER_MODEL_EXTRA`: MLServer's `parameters.extra` (JSON), which the HuggingFace runtime reads when there are no parameters. */
export const MLSERVER_EXTRA_ENV = 'MLSERVER_MODEL_EXTRA';

const MLSERVER_READS_NO_PARAMETERS: MlserverParameters = {};

/**
 * runtimes/huggingface/mlserver_huggingface/settings.py at MLServer 1.3.5: `HuggingFaceSettings(**extra)`;
 * `task` defaults to "", which is not among transformers' SUPPORTED_TASKS (InvalidTransformersTask).
 */
const HUGGINGFACE_SETTINGS: MlserverSettingsClass = {
  name: 'HuggingFaceSettings',
  fields: {
    task: ModelParameterType.STRING,
    task_suffix: ModelParameterType.STRING,
    pretrained_model: ModelParameterType.STRING,
    pretrained_tokenizer: ModelParameterType.STRING,
    framework: ModelParameterType.STRING,
    optimum_model: ModelParameterType.BOOL,
    device: ModelParameterType.INT,
    inter_op_threads: ModelParameterType.INT,
    intra_op_threads: ModelParameterType.INT,
  },
  required: ['task'],
  envPrefix: 'MLSERVER_MODEL_HUGGINGFACE_',
};

/**
 * The parameters the operator reads on a TRITON_SERVER node, only with `seldon.io/no-storage-initializer: "true"`,
 * compared lower-cased (seldondeployment_prepackaged_servers.go addTritonServer); `load_model` may repeat.
 */
export const TRITON_NO_STORAGE_PARAMETERS: readonly string[] = ['model_control_mode', 'load_model', 'strict_model_config'];


/** The URI forms Triton reads itself (its model_repository docs): cloud schemes, else a local path. */
export const TRITON_URI_SCHEMES: readonly string[] = ['gs://', 's3://', 'as://'];

const MLSERVER = 'seldonio/mlserver:1.3.5';
const seldonPython = (image: string): ProtocolDefaults => ({ image: `seldonio/${image}:${SELDON_CORE_V1_VERSION}`, runtime: ServerRuntime.SELDON_PYTHON });
const mlserver = (flavour: string): ProtocolDefaults => ({ image: `${MLSERVER}-${flavour}`, runtime: ServerRuntime.MLSERVER });

export const TFSERVING_IMAGE = 'tensorflow/serving:2.1.0';

/** `predictor_servers` of the Helm chart (§1.3), keyed by implementation. */
export const PREPACKAGED_SERVERS: Readonly<Record<string, ServerDefaults>> = {
  SKLEARN_SERVER: {
    protocols: { seldon: seldonPython('sklearnserver'), v2: mlserver('sklearn') },
    modelUriRequired: true,
    seldonParameters: ['method'], // servers/sklearnserver/sklearnserver/SKLearnServer.py
    // SKLearnServer.predict: predict_proba, decision_function, else predict.
    seldonParameterValues: { method: { values: ['predict_proba', 'decision_function', 'predict'], otherwise: 'calls predict(), returning class labels' } },
    mlserverImplementation: 'mlserver_sklearn.SKLearnModel',
    // SKLearnModel returns predict() unless the request or parameters.extra's predict_fn asks otherwise
    // (runtimes/sklearn/mlserver_sklearn/sklearn.py _check_request, MLServer 1.3.5).
    mlserverParameters: { sayingTheDefault: { method: 'predict' } },
  },
  XGBOOST_SERVER: {
    protocols: { seldon: seldonPython('xgboostserver'), v2: mlserver('xgboost') },
    modelUriRequired: true,
    seldonParameters: [], // servers/xgboostserver/xgboostserver/XGBoostServer.py
    mlserverImplementation: 'mlserver_xgboost.XGBoostModel',
    mlserverParameters: MLSERVER_READS_NO_PARAMETERS,
  },
  MLFLOW_SERVER: {
    protocols: { seldon: seldonPython('mlflowserver'), v2: mlserver('mlflow') },
    modelUriRequired: true,
    seldonParameters: ['xtype'], // servers/mlflowserver/mlflowserver/MLFlowServer.py
    mlserverImplementation: 'mlserver_mlflow.MLflowRuntime',
    mlserverParameters: MLSERVER_READS_NO_PARAMETERS,
  },
  TENSORFLOW_SERVER: {
    protocols: {
      seldon: { image: `seldonio/tfserving-proxy:${SELDON_CORE_V1_VERSION}`, runtime: ServerRuntime.TFSERVING_PROXY },
      tensorflow: { image: TFSERVING_IMAGE, runtime: ServerRuntime.TFSERVING },
    },
    modelUriRequired: true,
    sizedByModel: true,
    // servers/tfserving_proxy/TfServingProxy.py; the operator appends model_name=<node> after the user's (§1.9).
    seldonParameters: ['rest_endpoint', 'grpc_endpoint', 'model_name', 'signature_name', 'model_input', 'model_output'],
  },
  TRITON_SERVER: {
    protocols: { v2: { image: 'nvcr.io/nvidia/tritonserver:21.08-py3', runtime: ServerRuntime.TRITON } },
    modelUriRequired: true,
    sizedByModel: true,
  },
  HUGGINGFACE_SERVER: {
    protocols: { v2: mlserver('huggingface') },
    // A HuggingFace model can come from the hub, named in parameters.
    modelUriRequired: false,
    mlserverImplementation: 'mlserver_huggingface.HuggingFaceRuntime',
    mlserverParameters: { settings: HUGGINGFACE_SETTINGS },
    mlserverEnv: { MLSERVER_PARALLEL_WORKERS: '0', XDG_CACHE_HOME: '/opt/mlserver' },
    sizedByModel: true,
  },
  TEMPO_SERVER: {
    protocols: { v2: mlserver('slim') },
    modelUriRequired: true,
    mlserverImplementation: 'tempo.mlserver.InferenceRuntime',
  },
};

/** Implementations built into the executor; they are not prepackaged servers (§1.3). */
export const BUILT_IN_IMPLEMENTATIONS = ['UNKNOWN_IMPLEMENTATION', 'SIMPLE_MODEL', 'SIMPLE_ROUTER', 'RANDOM_ABTEST', 'AVERAGE_COMBINER'];

/** The webhook rejects `protocol: tensorflow` for these (§1.4 #13). */
export const REJECTS_TENSORFLOW_PROTOCOL = ['SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER', 'HUGGINGFACE_SERVER'];

/** Storage initializer injection (§1.11, §1.13). */
export const STORAGE_INITIALIZER = {
  image: `seldonio/rclone-storage-initializer:${SELDON_CORE_V1_VERSION}`,
  /** The image's user; it writes the model as this uid. */
  user: 8888,
  modelsPath: '/mnt/models',
  initContainerSuffix: '-model-initializer',
  volumeSuffix: '-provision-location',
  pvcVolumeName: 'kfserving-pvc-source',
  pvcMountPath: '/mnt/pvc',
  /** `seldon-config` storageInitializer resources of the Helm chart. */
  resources: { cpuRequest: 100, cpuLimit: 1000, memoryRequestMi: 100, memoryLimitMi: 1024 },
  /** The remote baked into the image: anonymous Google Cloud Storage. */
  builtInRemotes: ['gs'],
} as const;

/** The uid the operator runs Seldon pods as when the pod sets none (Helm `defaultUserID`, §1.6.2). */
export const DEFAULT_USER_ID = 8888;

/** The first ports the operator allocates in a SeldonDeployment (§1.5). */
export const FIRST_HTTP_PORT = 9000;
export const FIRST_GRPC_PORT = 9500;

/** TensorFlow Serving beside the proxy (§1.9). */
export const TFSERVING_SIDECAR = {
  name: 'tfserving',
  grpcPort: 2000,
  restPort: 2001,
} as const;

/** The variable holding graph parameters as JSON (§1.6.1). */
export const PARAMETERS_ENV = 'PREDICTIVE_UNIT_PARAMETERS';

/**
 * Variables the operator sets on every graph container with
 * `SetEnvVar(..., override=false)` (controller.go addPortEnvs; §1.6.1): one
 * already on the container makes the operator drop the container's whole env
 * (operator/utils/utils.go SetEnvVar).
 */
export const ENV_WIPING_NAMES: readonly string[] = [
  'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', 'MLSERVER_HTTP_PORT', 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', 'MLSERVER_GRPC_PORT', PARAMETERS_ENV,
];

/** Set the same way when the node has a `modelUri` (§1.6.1 item 7). */
export const MODEL_URI_ENV = 'MLSERVER_MODEL_URI';

/** Truncation the operator applies to derived container and volume names (§1.11). */
export function operatorDerivedName(container: string, suffix: string): string {
  return `${container}${suffix}`.slice(0, 63).replace(/-+$/, '');
}
