/**
 * Checks of a graph node against what runs it: the executor's gRPC client for
 * the deployment's protocol, and the server that reads (or never reads) the
 * node's parameters, modelUri and ports. Each cites the code that decides it.
 */
import { show } from '../errors';
import { ModelParameterType } from './model-parameter';
import { ModelUriKind } from '../model-uri';
import { DeploymentSettingsProps, Transport } from './deployment-settings';
import { ANNOTATIONS, noStorageInitializerIn } from './operator/names';
import { MLSERVER_EXTRA_ENV, MlserverSettingsClass, ServerRuntime, TRITON_NO_STORAGE_PARAMETERS, TRITON_URI_SCHEMES } from './operator-defaults';
import { PredictiveUnit, PredictiveUnitType, UnitSpec } from './predictive-unit';
import { SeldonProtocol } from './protocol';
import { EndpointType, PredictiveUnitMethod } from './unit-endpoint';
import { IRcloneSecret, RcloneSecret } from '../rclone/rclone-secret';

type Report = (field: string, problem: string, accepted?: string) => void;

/** What these checks read of the deployment besides the node. */
export interface UnitRuntimeContext {
  readonly protocol?: SeldonProtocol;
  /** Whether the containers are declared in full (explicitStorageInitializer). */
  readonly explicit: boolean;
  /** Why the deployment's clients call the executor over gRPC ("the deployment's transport grpc"), or undefined; asked only of components. */
  readonly grpc: () => string | undefined;
  /** Whether `spec.annotations` has `seldon.io/no-storage-initializer: "true"` (compared lower-cased, as the operator does). */
  readonly noStorageInitializer: boolean;
  /** The user-facing name of a field of this node. */
  readonly field: (name: string) => string;
}

/** The deployment's part of the context, for the nodes of one predictor's graph. */
export function unitRuntimeSettings(settings: DeploymentSettingsProps, graph: PredictiveUnit): Pick<UnitRuntimeContext, 'grpc' | 'noStorageInitializer'> {
  // Most graphs have no component, and the walk for an endpoint type is made only when one asks.
  let grpc: string | undefined | null = null;
  const ask = () => grpc !== null ? grpc : grpc = settings.transport === Transport.GRPC ? 'the deployment\'s transport grpc'
    : graph._walk().some(u => u._spec.endpointType === EndpointType.GRPC) ? 'endpointType GRPC in the graph' : undefined;
  return { grpc: ask, noStorageInitializer: noStorageInitializerIn(settings.annotations) };
}


/** The calls each protocol's executor gRPC client panics on, by the node type or method that makes them (predictor_process.go). */
type GrpcCall = readonly [PredictiveUnitType, PredictiveUnitMethod, string];
const GRPC_PANICS: Readonly<Record<string, { readonly client: string; readonly source: string; readonly calls: readonly GrpcCall[] }>> = (() => {
  const route = [PredictiveUnitType.ROUTER, PredictiveUnitMethod.ROUTE, 'Route'] as const;
  const combine = [PredictiveUnitType.COMBINER, PredictiveUnitMethod.AGGREGATE, 'Combine'] as const;
  const kfserving = {
    client: 'KFServingGrpcClient',
    source: 'panic("implement me"), executor/api/grpc/kfserving/client.go',
    calls: [[PredictiveUnitType.TRANSFORMER, PredictiveUnitMethod.TRANSFORM_INPUT, 'TransformInput'] as const,
      [PredictiveUnitType.OUTPUT_TRANSFORMER, PredictiveUnitMethod.TRANSFORM_OUTPUT, 'TransformOutput'] as const, route, combine],
  };
  return {
    [SeldonProtocol.V2]: kfserving,
    [SeldonProtocol.KFSERVING]: kfserving,
    [SeldonProtocol.TENSORFLOW]: { client: 'TensorflowGrpcClient', source: 'panic("Not implemented"), executor/api/grpc/tensorflow/client.go', calls: [route, combine] },
  };
})();

/**
 * A component the executor's gRPC client cannot call. The executor serves gRPC with the protocol's gRPC client
 * (executor/cmd/executor/main.go), whose calls for these types and methods panic; the gRPC server has no recovery
 * interceptor (executor/api/grpc/server.go), so the executor process dies on the first such request. Route and
 * Combine are made only for a node with children (predictChildren).
 */
export function grpcClientProblems(unit: UnitSpec, ctx: UnitRuntimeContext, report: Report): void {
  if (unit.kind !== 'component' || ctx.protocol === undefined) return;
  const panics = GRPC_PANICS[ctx.protocol];
  const grpc = panics === undefined ? undefined : ctx.grpc();
  if (grpc === undefined) return;
  const methods: readonly string[] = Array.isArray(unit.methods) ? unit.methods : [];
  for (const [type, method, call] of panics.calls) {
    if ((call === 'Route' || call === 'Combine') && unit.children.length === 0) continue;
    const byType = unit.unitType === type;
    const index = methods.indexOf(method);
    if (!byType && index < 0) continue;
    report(byType ? ctx.field('unitType') : ctx.field(`methods[${index}]`),
      `${show(byType ? type : method)} makes the executor call ${call} on its ${ctx.protocol}-protocol gRPC client, with ${grpc}; `
      + `${panics.client}.${call} is ${panics.source}, so the executor process crashes on every gRPC request to this graph`,
      `REST transport for this deployment (no transport grpc and no endpointType GRPC), or the seldon protocol; under ${ctx.protocol}, a node whose type and methods `
      + `make no ${panics.calls.map(c => c[2]).join('/')} call`);
    // One report per node: the second reason would be the same crash.
    return;
  }
}

/**
 * TRITON_SERVER with `seldon.io/no-storage-initializer: "true"`: the operator injects no storage initializer and
 * passes modelUri to Triton as --model-repository, and the credentials Secret as Triton's envFrom
 * (seldondeployment_prepackaged_servers.go addTritonServer). Returns whether the node runs so (the other URI checks
 * are then skipped).
 */
export function tritonReadsUri(unit: UnitSpec, ctx: Pick<UnitRuntimeContext, 'noStorageInitializer' | 'explicit' | 'protocol'>): boolean {
  return ctx.noStorageInitializer && !ctx.explicit && unit.kind === 'prepackaged' && unit.server?._runtime(ctx.protocol) === ServerRuntime.TRITON;
}

export function tritonUriProblems(unit: UnitSpec, ctx: UnitRuntimeContext, report: Report): void {
  const f = ctx.field;
  const why = `with ${NO_STORAGE}: "true" the operator injects no storage initializer and passes modelUri to tritonserver as --model-repository`;
  const uri = unit.modelUri;
  if (uri !== undefined) {
    const readable = uri.kind === ModelUriKind.LOCAL_PATH
      || (uri.kind === ModelUriKind.RCLONE_REMOTE && TRITON_URI_SCHEMES.some(s => uri.uri.startsWith(s)));
    if (uri.problem) {
      report(f('modelUri'), uri.problem, `${TRITON_URI_SCHEMES.map(s => `${s}<bucket>/<path>`).join(', ')} or a local path`);
    } else if (!readable) {
      const what = uri.kind === ModelUriKind.PVC ? 'a PersistentVolumeClaim, which only the storage initializer mounts' : 'an rclone remote, which only the storage initializer reads';
      report(f('modelUri'), `${show(uri.uri)} is ${what}; ${why}, and Triton reads only ${TRITON_URI_SCHEMES.join(', ')} and local paths (so it cannot open its model repository and exits)`,
        `a gs://, s3:// or as:// URI or a local path, or drop the annotation to let the storage initializer download ${show(uri.uri)}`);
    }
  }
  const secret = unit.credentials;
  if (secret !== undefined && RcloneSecret.isRcloneSecret(secret)) {
    report(f('credentials'), `is RcloneSecret '${(secret as IRcloneSecret).node.path}'; ${why}, and adds this Secret to Triton's envFrom, and Triton reads no RCLONE_CONFIG_* variables`,
      'a Secret with the variables Triton reads (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION; GOOGLE_APPLICATION_CREDENTIALS; AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY), '
      + 'e.g. Secret.fromSecretName(...), or drop the annotation');
  }
}

/** "Seldon accepts …, but … so the library rejects it": settings that have no effect where they are rendered. */
const STRICTER = 'Seldon accepts this, but';
const NO_STORAGE = ANNOTATIONS.noStorageInitializer;

/**
 * Settings of a prepackaged node that nothing reads: parameters under a runtime that ignores them, ports the
 * operator replaces. (Seldon's Python servers and the TF proxy are checked by name in unit-checks.ts.)
 */
export function ignoredPrepackagedProblems(unit: UnitSpec, ctx: UnitRuntimeContext, report: Report): void {
  const f = ctx.field;
  const server = unit.server;
  if (!server || !server._supports(ctx.protocol)) return;
  const runtime = server._runtime(ctx.protocol);
  const listed = () => unit.parameters.map(p => show(p.name)).join(', ');
  if (unit.parameters.length > 0) {
    const mlserver = runtime === ServerRuntime.MLSERVER ? server._defaults.mlserverParameters : undefined;
    const harmless = mlserver?.sayingTheDefault;
    if (mlserver !== undefined && mlserver.settings === undefined
      && !unit.parameters.every(p => p.parameterType === ModelParameterType.STRING && harmless?.[p.name] === p.value)) {
      report(f('parameters'), `${listed()} would have no effect: ${STRICTER} MLServer 1.3.5's ${server.implementation} runtime never reads PREDICTIVE_UNIT_PARAMETERS `
        + '(only its HuggingFace runtime does), so the library rejects them',
      `no parameters${harmless ? ` (or only ${Object.entries(harmless).map(([k, v]) => `${k}: ${show(v)}`).join(', ')}, which says what the runtime does anyway)` : ''}; `
      + `give MLServer settings in env ${MLSERVER_EXTRA_ENV} as JSON (e.g. {"predict_fn":"predict_proba"} for SKLEARN), or in a model-settings.json beside the model`);
    } else if (runtime === ServerRuntime.TFSERVING && unit.parameters.some(p => p.name !== 'model_name' || p.value !== unit.name)) {
      // model_name repeating the node name (Seldon's servers/tfserving/samples/halfplustwo_rest.yaml) says what the operator's
      // --model_name=<node> does, as under the seldon protocol (unit-checks.ts): harmless, so let through.
      report(f('parameters'), `${listed()} would have no effect: ${STRICTER} under the tensorflow protocol the node runs tensorflow/serving, which reads no PREDICTIVE_UNIT_PARAMETERS `
        + '(only the seldon protocol\'s TF proxy takes parameters), so the library rejects them', 'no parameters; pass TF Serving flags in args with a custom image, or use the seldon protocol');
    } else if (runtime === ServerRuntime.TRITON) {
      tritonParameterProblems(unit, ctx, report);
    }
  }
  if (!ctx.explicit && (unit.ports?.length ?? 0) > 0 && (runtime === ServerRuntime.MLSERVER || runtime === ServerRuntime.TRITON)) {
    const where = runtime === ServerRuntime.TRITON ? 'seldondeployment_prepackaged_servers.go addTritonServer' : 'mlserver.go mergeMLServerContainer';
    report(f('ports'), `${(unit.ports ?? []).map(p => show(p?.number)).join(', ')} would be lost: ${STRICTER} the operator replaces the ports of a ${server.implementation} container `
      + `under the ${ctx.protocol ?? 'seldon'} protocol with its own grpc and http (${where}), so the library rejects them`,
    'no ports on this node; a PodMonitor or probe can use the ports named http and grpc, or set explicitStorageInitializer: true to declare the container');
  }
}

/** TRITON parameters: read only with the no-storage annotation, and then only three names (lower-cased). */
function tritonParameterProblems(unit: UnitSpec, ctx: UnitRuntimeContext, report: Report): void {
  const f = ctx.field;
  if (!tritonReadsUri(unit, ctx)) {
    const why = ctx.explicit
      ? 'in explicit mode the library declares Triton\'s arguments and the operator reads none of the node\'s parameters'
      : `the operator reads them only with the annotation ${NO_STORAGE}: "true" (seldondeployment_prepackaged_servers.go addTritonServer)`;
    report(f('parameters'), `${unit.parameters.map(p => show(p.name)).join(', ')} would have no effect: ${STRICTER} ${why}, and Triton reads no PREDICTIVE_UNIT_PARAMETERS, so the library rejects them`,
      `no parameters; or ${TRITON_NO_STORAGE_PARAMETERS.join(', ')} with ${NO_STORAGE}: "true" in the deployment's annotations (Triton then reads modelUri itself)`);
    return;
  }
  unit.parameters.forEach((p, i) => {
    if (TRITON_NO_STORAGE_PARAMETERS.includes(p.name.toLowerCase())) return;
    report(f(`parameters[${i}]`), `${show(p.name)} would have no effect: ${STRICTER} the operator turns only ${TRITON_NO_STORAGE_PARAMETERS.join(', ')} into tritonserver `
      + 'arguments and Triton reads no PREDICTIVE_UNIT_PARAMETERS, so the library rejects it', `accepted: ${TRITON_NO_STORAGE_PARAMETERS.join(', ')} (any case)`);
  });
}

/** A logger on a built-in without children: it has no type, so no call of the executor logs it (predictor_process.go). */
export function ignoredBuiltInLogger(unit: UnitSpec, field: (n: string) => string, report: Report): void {
  if (unit.kind !== 'builtIn' || unit.logger === undefined || unit.children.length > 0) return;
  report(field('logger'), `is set on ${show(unit.implementation)} node ${show(unit.name)}, which has no children: ${STRICTER} the executor logs a built-in's payloads only `
    + 'around its children (a built-in has no type, so no call of its own logs), so this logger never fires and the library rejects it',
  'a logger on the node\'s parent or on a node with a container, or children for this built-in');
}

/**
 * HUGGINGFACE_SERVER under MLServer 1.3.5 (runtimes/huggingface/mlserver_huggingface/settings.py): the runtime
 * builds `HuggingFaceSettings(**parameters)` when the node has parameters (pydantic 1.x BaseSettings: no extra
 * fields), else from `parameters.extra` (`MLSERVER_MODEL_EXTRA`, or a model-settings.json that MLServer finds under
 * /mnt/models, where the storage initializer puts the artifact: mlserver/repository/repository.py), else raises
 * MissingHuggingFaceSettings. A field
 * missing from the parameters comes from the variable `MLSERVER_MODEL_HUGGINGFACE_<FIELD>`, else its default; the
 * task's default ("") is refused. The task's value is not checked: it must be among the SUPPORTED_TASKS of the
 * transformers release in the image, which MLServer does not pin.
 */
export function huggingFaceParameterProblems(unit: UnitSpec, ctx: UnitRuntimeContext, report: Report): void {
  const server = unit.server;
  if (unit.kind !== 'prepackaged' || server?._runtime(ctx.protocol) !== ServerRuntime.MLSERVER) return;
  const settings = server._defaults.mlserverParameters?.settings;
  if (settings === undefined) return;
  const f = ctx.field;
  const env = unit.env ?? {};
  if (unit.parameters.length === 0) {
    // With a modelUri, a model-settings.json in the artifact (MLServer starts on /mnt/models) may hold parameters.extra.
    if (env[MLSERVER_EXTRA_ENV] !== undefined || unit.modelUri !== undefined) return;
    report(f('parameters'), `are missing, and so is modelUri; MLServer 1.3.5's ${server.implementation} runtime reads its settings from the parameters, `
      + `env ${MLSERVER_EXTRA_ENV} or a model-settings.json in the model's folder, and raises MissingHuggingFaceSettings without any, so the model never loads`,
    `parameters with at least ${requiredExample(settings)}, env ${MLSERVER_EXTRA_ENV}, or a modelUri whose folder holds a model-settings.json`);
    return;
  }
  settingsClassProblems(unit, settings, server.implementation, f, report);
}

function requiredExample(settings: MlserverSettingsClass): string {
  return settings.required.map(n => `ModelParameter.stringValue(${show(n)}, ...)`).join(', ') + ' (e.g. "text-classification")';
}

const PYTHON_TYPES: Readonly<Record<string, string>> = { STRING: 'str', INT: 'int', BOOL: 'bool' };
/** pydantic 1.x's bool_validator: these strings (lower-cased), and the numbers 0 and 1. */
const PYDANTIC_BOOLS: readonly string[] = ['0', 'off', 'f', 'false', 'n', 'no', '1', 'on', 't', 'true', 'y', 'yes'];

/**
 * Whether pydantic 1.x reads a parameter as a field of `type`. MLServer first converts the value by the parameter's own
 * type (settings.py parse_parameters_from_env: int(), float(), str(), strtobool()), then pydantic coerces it: a str
 * field takes any of them, an int field an int, a bool, a whole float or a string Python's int() reads, a bool field
 * a bool, 0 or 1, or one of its true and false words.
 */
function pydanticReads(type: ModelParameterType, p: { readonly parameterType: ModelParameterType; readonly value: string }): boolean {
  if (type === ModelParameterType.STRING || p.parameterType === type) return true;
  const numeric = p.parameterType !== ModelParameterType.STRING && p.parameterType !== ModelParameterType.BOOL;
  if (type === ModelParameterType.INT) {
    return p.parameterType === ModelParameterType.BOOL || (numeric ? Number.isInteger(Number(p.value)) : /^\s*[+-]?\d+(_\d+)*\s*$/.test(p.value));
  }
  return numeric ? Number(p.value) === 0 || Number(p.value) === 1 : PYDANTIC_BOOLS.includes(p.value.toLowerCase());
}
const FACTORIES: Readonly<Record<string, string>> = { STRING: 'stringValue', INT: 'intValue', BOOL: 'boolValue' };

function settingsClassProblems(unit: UnitSpec, settings: MlserverSettingsClass, implementation: string, f: (n: string) => string,
  report: Report): void {
  const known = Object.keys(settings.fields);
  unit.parameters.forEach((p, i) => {
    if (p.name === 'model_uri') return; // reported in unit-checks.ts
    const type = settings.fields[p.name];
    if (type === undefined) {
      report(f(`parameters[${i}]`), `is named ${show(p.name)}, which ${settings.name} (MLServer 1.3.5's ${implementation} runtime) does not have; `
        + 'it is a pydantic settings class that forbids other fields, so the model never loads', `accepted: ${known.join(', ')}`);
    } else if (!pydanticReads(type, p)) {
      report(f(`parameters[${i}]`), `${show(p.name)} is ${p.parameterType} ${show(p.value)}, which pydantic cannot read as ${settings.name}.${p.name} (${PYTHON_TYPES[type]}), `
        + 'so the model never loads',
      `ModelParameter.${FACTORIES[type]}(${show(p.name)}, ...)${type === ModelParameterType.INT ? ' (device: a GPU ordinal, -1 for the CPU)' : ''}`);
    }
  });
  const env = unit.env ?? {};
  for (const name of settings.required) {
    // An empty value is the default the runtime refuses, as much as no value.
    if (unit.parameters.some(p => p.name === name && p.value !== '') || env[`${settings.envPrefix}${name.toUpperCase()}`] !== undefined) continue;
    report(f('parameters'), `have no ${show(name)} with a value; ${settings.name}.${name} defaults to "" when neither the parameters nor env ${settings.envPrefix}${name.toUpperCase()} set it, `
      + `and MLServer 1.3.5's ${implementation} runtime refuses that, so the model never loads (${MLSERVER_EXTRA_ENV} is not read when the node has parameters)`,
    requiredExample(settings));
  }
}
