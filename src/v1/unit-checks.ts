import { ISecret } from 'cdk8s-plus-27';
import { show } from '../errors';
import { isGoDecimal, isGoFloat } from '../go-strconv';
import { LoggerMode } from './logger';
import { LOGGER_URL_ACCEPTED, loggerUrlProblem } from './logger-url';
import { ModelParameter, ModelParameterType } from './model-parameter';
import { resourceProblems } from '../k8s/container-resources';
import { containerEnvProblems } from '../k8s/env';
import { ModelUri, ModelUriKind } from '../model-uri';
import { SELDON_NODE_CONTAINER_NAME, nameProblem } from '../names';
import { ENV_WIPING_NAMES, MODEL_URI_ENV, PARAMETERS_ENV, REJECTS_TENSORFLOW_PROTOCOL, STORAGE_INITIALIZER, ServerRuntime } from './operator-defaults';
import { BuiltInImplementation, PredictiveUnitType, UnitSpec } from './predictive-unit';
import { SeldonProtocol } from './protocol';
import { grpcClientProblems, huggingFaceParameterProblems, ignoredBuiltInLogger, ignoredPrepackagedProblems, tritonReadsUri, tritonUriProblems, UnitRuntimeContext } from './unit-runtime-checks';
import { checkUnitWebhookRules } from './webhook-rules';
import { IRcloneSecret, RcloneSecret, RcloneSecretFormat } from '../rclone/rclone-secret';

/** Receives one problem: the field, what is wrong with it, and what is accepted. */
export type Report = (field: string, problem: string, accepted?: string) => void;

/** The node's context: the deployment's protocol, mode and runtime settings (UnitRuntimeContext), and where the node is. */
export interface UnitCheckContext extends UnitRuntimeContext {
  /** Names the node in messages about deployment-wide settings, e.g. " (node predictors[0].graph)". */
  readonly where: string;
}

const IMAGE_REF = /^[^\s]+$/;
const SELDON_PROTOCOLS: readonly string[] = Object.values(SeldonProtocol);
const LOGGER_MODES: readonly string[] = Object.values(LoggerMode);
/** The webhook's node rules (webhook-rules.ts) a logger and a prepackaged node are checked by; frozen, so their selection is remembered. */
const LOGGER_RULES = Object.freeze([15]);
const PREPACKAGED_RULES = Object.freeze([12, 13]);

/** Checks one graph node's own settings (not its children). */
export function checkUnit(unit: UnitSpec, ctx: UnitCheckContext, report: Report): void {
  const f = ctx.field;
  if (unit.kind === 'builtIn') {
    // No container or Service is derived from a built-in's name (types.go; defaults.go).
    if (typeof unit.name !== 'string' || unit.name.trim() === '') report(f('name'), `${show(unit.name)} is not a node name`, 'a non-empty name, e.g. ab_test');
  } else {
    const nameIssue = nameProblem(unit.name ?? '', SELDON_NODE_CONTAINER_NAME);
    if (nameIssue) report(f('name'), `${nameIssue} (it is the server container name)`, SELDON_NODE_CONTAINER_NAME.accepted);
  }
  // The guards skip work (and garbage) for the settings most nodes leave out.
  if (unit.parameters.length > 0) checkParameters(unit.parameters, f, report, tritonReadsUri(unit, ctx));
  if (unit.env !== undefined) checkEnv(unit, ctx, report);
  if (unit.resources !== undefined) for (const p of resourceProblems(unit.resources)) report(f('resources'), p, 'requests at most the limits, amounts above zero');
  if (unit.image !== undefined && !IMAGE_REF.test(unit.image)) report(f('image'), `${show(unit.image)} is not an image reference`, 'e.g. seldonio/sklearnserver:1.18.2');
  if (unit.logger !== undefined) {
    const modes = LOGGER_MODES;
    checkUnitWebhookRules({ name: unit.name, hasLogger: true, loggerMode: unit.logger.mode }, ctx.protocol, ctx, report, LOGGER_RULES);
    if (unit.logger.mode && !modes.includes(unit.logger.mode)) report(f('logger.mode'), `${show(unit.logger.mode)} is not a logger mode`, `accepted: ${modes.join(', ')}`);
    const urlProblem = unit.logger.url === undefined ? undefined : loggerUrlProblem(unit.logger.url);
    if (urlProblem) report(f('logger.url'), urlProblem, LOGGER_URL_ACCEPTED);
  }

  switch (unit.kind) {
    case 'prepackaged':
      checkPrepackaged(unit, ctx, report);
      break;
    case 'component':
      if (!Object.values(PredictiveUnitType).includes(unit.unitType as PredictiveUnitType)) {
        report(f('unitType'), `${show(unit.unitType)} is not a graph node type`, `accepted: ${Object.values(PredictiveUnitType).join(', ')}`);
      }
      if (!unit.image) report(f('image'), 'is missing; a component runs its own image', 'the image of your transformer, router, combiner or model');
      if ((unit.unitType === PredictiveUnitType.ROUTER || unit.unitType === PredictiveUnitType.COMBINER) && unit.children.length === 0) {
        report(f('children'), `is empty; a ${unit.unitType} needs children to route to or combine`, 'one or more PredictiveUnits');
      }
      grpcClientProblems(unit, ctx, report);
      break;
    case 'builtIn':
      checkBuiltIn(unit, f, report);
      ignoredBuiltInLogger(unit, f, report);
      break;
  }
}

function checkPrepackaged(unit: UnitSpec, ctx: UnitCheckContext, report: Report) {
  const f = ctx.field;
  const server = unit.server;
  if (!server) {
    report(f('server'), 'is missing', 'a PrepackagedServer such as PrepackagedServer.SKLEARN is accepted');
    return;
  }
  if (server.problem) report(f('server'), server.problem);

  const protocol = ctx.protocol;
  const uri = unit.modelUri;
  // The webhook's node rules (webhook-rules.ts): modelUri required, tensorflow protocol.
  // Rule 12 reads an unset modelUri and rule 13 the tensorflow protocol: a node with neither passes both.
  if (uri === undefined || protocol === SeldonProtocol.TENSORFLOW) {
    checkUnitWebhookRules({ name: unit.name, implementation: server.implementation, modelUri: uri === undefined ? undefined : 'set', modelUriRequired: server.modelUriRequired },
      protocol, ctx, report, PREPACKAGED_RULES);
  }
  const rejectedByWebhook = protocol === SeldonProtocol.TENSORFLOW && REJECTS_TENSORFLOW_PROTOCOL.includes(server.implementation);
  if (!rejectedByWebhook && SELDON_PROTOCOLS.includes(protocol ?? SeldonProtocol.SELDON) && !server._supports(protocol)) {
    report('protocol', `${show(protocol ?? 'seldon')}${protocol ? '' : ' (the default)'} is not supported by ${server.implementation}${ctx.where}; the operator has no image for it`,
      `accepted for ${server.implementation}: ${server.supportedProtocols.join(', ')}`);
  }

  if (uri === undefined) {
    if (ctx.explicit) report('explicitStorageInitializer', `is true but there is no modelUri to download${ctx.where}`, 'set modelUri, or leave explicitStorageInitializer false');
  } else if (!tritonReadsUri(unit, ctx)) {
    checkV1Uri(uri, f('modelUri'), report);
  }
  if (tritonReadsUri(unit, ctx)) tritonUriProblems(unit, ctx, report);
  if (unit.parameters.some(p => p.name === 'model_uri')) {
    report(f(`parameters[${unit.parameters.findIndex(p => p.name === 'model_uri')}]`), 'is named "model_uri", which the operator sets from modelUri', 'set modelUri instead');
  }

  const runtime = server._supports(protocol) ? server._runtime(protocol) : undefined;
  const accepted = server._defaults.seldonParameters;
  if (accepted !== undefined && (runtime === ServerRuntime.SELDON_PYTHON || runtime === ServerRuntime.TFSERVING_PROXY)) {
    checkServerParameters(unit, server, accepted, f, report);
  }
  // Both read parameters, ports or a HuggingFace server: skipped for the nodes that have none of them.
  if (unit.parameters.length > 0 || unit.ports !== undefined) ignoredPrepackagedProblems(unit, ctx, report);
  if (server._defaults.mlserverParameters?.settings !== undefined) huggingFaceParameterProblems(unit, ctx, report);
  if (unit.image !== undefined && !ctx.explicit && runtime === ServerRuntime.TFSERVING_PROXY) {
    report(f('image'), `${show(unit.image)} would be replaced by the operator: TENSORFLOW_SERVER under the seldon protocol always runs Seldon's tfserving proxy`,
      'leave image unset, or set explicitStorageInitializer: true to declare the containers');
  }
  if (unit.storageInitializerImage !== undefined && !IMAGE_REF.test(unit.storageInitializerImage)) {
    report(f('storageInitializerImage'), `${show(unit.storageInitializerImage)} is not an image reference`, 'e.g. seldonio/rclone-storage-initializer:1.18.2');
  }
  if (ctx.explicit && runtime !== undefined && !(unit.image ?? server._defaultImage(protocol))) {
    report(f('image'), `is missing; the library declares the ${server.implementation} container in explicit mode and knows no image for it`,
      'set image, or PrepackagedServer.custom(name, { image })');
  }
}

/**
 * Seldon's python wrapper builds the server class with `**parameters`
 * (python/seldon_core/microservice.py): a name the class does not take stops
 * the pod at start.
 */
function checkServerParameters(unit: UnitSpec, server: NonNullable<UnitSpec['server']>, accepted: readonly string[], f: (n: string) => string, report: Report) {
  const implementation = server.implementation;
  unit.parameters.forEach((p, i) => {
    const known = server._defaults.seldonParameterValues?.[p.name];
    if (known !== undefined && (p.parameterType !== ModelParameterType.STRING || !known.values.includes(p.value))) {
      // The class compares the value with strings: another value, or a value of another type, takes the last branch.
      const value = p.parameterType === ModelParameterType.STRING ? show(p.value) : `${p.value} (type ${p.parameterType})`;
      report(f(`parameters[${i}]`), `${show(p.name)} has the value ${value}, which ${implementation} under the seldon protocol does not know: its server class then silently ${known.otherwise}`,
        `accepted: ModelParameter.stringValue(${show(p.name)}, v) with v one of ${known.values.map((v: string) => show(v)).join(', ')} (the first is the default)`);
    }
    if (p.name === 'model_uri') return;
    if (!accepted.includes(p.name)) {
      report(f(`parameters[${i}]`), `is named ${show(p.name)}, which ${implementation} under the seldon protocol does not take: its server class would fail to start`,
        accepted.length ? `accepted: ${accepted.filter(a => a !== 'model_name').join(', ')}` : `no parameters (${implementation} takes only model_uri, from modelUri)`);
    } else if (p.name === 'model_name' && p.value !== unit.name) {
      // prepackaged.go appends model_name=<node> after the user's parameters; the later one wins.
      // Seldon's sample (servers/tfserving/samples/mnist_grpc.yaml) repeats the node name, which is harmless.
      report(f(`parameters[${i}]`), `is named "model_name" with value ${show(p.value)}, but the operator appends model_name=${show(unit.name)} (the node name) after it, so this value would be lost`,
        'the node name as model_name, or rename the node');
    }
  });
}

/** The URI forms the v1 storage initializer can read. */
export function checkV1Uri(uri: ModelUri, field: string, report: Report): void {
  if (uri.problem) {
    report(field, uri.problem, ModelUri.ACCEPTED_FORMS);
  } else if (uri.kind === ModelUriKind.LOCAL_PATH) {
    report(field, `${show(uri.uri)} is a local path, which the storage initializer cannot read (nothing is mounted there)`,
      'to read a model from a volume use ModelUri.pvc(claim, path) (pvc://<claim>/<path>); otherwise a bucket or rclone remote');
  }
}

/** What the Go executor does with its built-ins (executor/predictor/predictor_process.go, components.go). */
function checkBuiltIn(unit: UnitSpec, f: (n: string) => string, report: Report) {
  const implementations = Object.values(BuiltInImplementation) as string[];
  if (!implementations.includes(unit.implementation ?? '')) {
    report(f('implementation'), `${show(unit.implementation)} is not built into the executor`, `accepted: ${implementations.join(', ')}`);
  } else if (unit.implementation === BuiltInImplementation.RANDOM_ABTEST) {
    const n = unit.children.length;
    // abTestRouter returns child 0 or 1: with one child half the requests index past the end.
    if (n === 1) report(f('children'), 'has 1 node; RANDOM_ABTEST sends about half the requests to a second child, and the executor fails on each of those', 'two children');
    if (n > 2) {
      report(f('children'), `has ${n} nodes; Seldon accepts this, but RANDOM_ABTEST only ever picks the first two, so the library rejects children that never receive a request`,
        'two children');
    }
    const ratio = unit.parameters.findIndex(p => p.name === 'ratioA');
    if (ratio >= 0 && unit.parameters.length > 1) {
      report(f('parameters'), `has ${unit.parameters.length} entries; the executor reads ratioA only when it is the node's sole parameter and otherwise splits 50/50`,
        'ratioA alone, e.g. [ModelParameter.floatValue("ratioA", 0.7)]');
    } else if (ratio >= 0) {
      // Parsed with strconv.ParseFloat on every request: a failure fails each request.
      const value = unit.parameters[ratio].value;
      if (isGoFloat(value) && !isGoDecimal(value)) {
        report(f('parameters[0] (ratioA)'), `${show(value)} is read by the executor's strconv.ParseFloat, so Seldon accepts it, but the library takes a decimal share only, so that the split it checks is the split you get`,
          'a number from 0 to 1, e.g. ModelParameter.floatValue("ratioA", 0.7)');
      } else if (!isGoDecimal(value)) {
        report(f('parameters[0] (ratioA)'), `${show(value)} is not a decimal number; the executor parses ratioA with strconv.ParseFloat on every request, and a value it cannot parse fails every request`,
          'a number from 0 to 1, e.g. ModelParameter.floatValue("ratioA", 0.7)');
      } else if (Number(value) < 0 || Number(value) > 1) {
        report(f('parameters[0] (ratioA)'), `${value} is outside 0 to 1; Seldon accepts it, but the executor then sends every request to one child (ratioA is a share, not a percentage), so the library rejects it`,
          'a number from 0 to 1, e.g. ModelParameter.floatValue("ratioA", 0.7)');
      }
    }
  }
}


/** `tritonArgs`: the operator turns the parameters into tritonserver arguments, where `load_model` may repeat. */
function checkParameters(parameters: ModelParameter[], f: (n: string) => string, report: Report, tritonArgs: boolean) {
  const names = new Set<string>();
  parameters.forEach((p, i) => {
    if (p.problem) report(f(`parameters[${i}] (${show(p.name)})`), p.problem, 'see the ModelParameter factories');
    const repeatable = tritonArgs && p.name.toLowerCase() === 'load_model';
    if (names.has(p.name) && !repeatable) report(f(`parameters[${i}]`), `repeats the name ${show(p.name)}`, 'each parameter name once');
    names.add(p.name);
  });
}

function checkEnv(unit: UnitSpec, ctx: UnitCheckContext, report: Report) {
  const f = ctx.field;
  containerEnvProblems(unit.env, name => f(`env[${show(name)}]`), report);
  for (const name of Object.keys(unit.env ?? {})) {
    // controller.go addPortEnvs/addModelEnvs set these with operator/utils/utils.go SetEnvVar(override=false),
    // which returns an empty list when the name is already on the container.
    const wipes = ENV_WIPING_NAMES.includes(name) || (name === MODEL_URI_ENV && unit.modelUri !== undefined && !ctx.explicit);
    if (wipes) {
      report(f(`env[${show(name)}]`), 'is set by the operator with SetEnvVar(override=false), which drops the container\'s whole environment when the name is already taken',
        name === PARAMETERS_ENV ? 'pass parameters instead' : `another name; the operator sets ${name} itself`);
    }
  }
}

/** An RcloneSecret the v1 storage initializer cannot read: one in another format than ENV_VARS. */
function unreadableRclone(secret: ISecret | undefined): IRcloneSecret | undefined {
  const rclone = secret && RcloneSecret.isRcloneSecret(secret) ? secret as IRcloneSecret : undefined;
  return rclone && rclone.format !== RcloneSecretFormat.ENV_VARS ? rclone : undefined;
}

/**
 * The rclone remote a URI names that credentials must define: none for a URI of another kind, an
 * on-the-fly backend (":s3,env_auth=true:bucket", configured by the URI and RCLONE_<BACKEND>_*
 * variables) or a remote the storage initializer builds in.
 */
function remoteToFind(uri: ModelUri | undefined): string | undefined {
  if (!uri || uri.kind !== ModelUriKind.RCLONE_REMOTE || uri.problem) return undefined;
  const remote = uri.remoteName!;
  if (remote.startsWith(':') || (STORAGE_INITIALIZER.builtInRemotes as readonly string[]).includes(remote.toLowerCase())) return undefined;
  return remote;
}

/** rclone's backend type for Google Cloud Storage (`RcloneRemote.gcs()`), by its name or its prefix (rclone fs.Find takes either). */
const GCS_BACKENDS: ReadonlySet<string> = new Set(['google cloud storage', 'gcs']);

/** The storage initializer's built-in remote (`gs`, anonymous) a URI reads, if any. */
function builtInRemote(uri: ModelUri | undefined): string | undefined {
  if (!uri || uri.kind !== ModelUriKind.RCLONE_REMOTE || uri.problem) return undefined;
  const remote = uri.remoteName!.toLowerCase();
  return (STORAGE_INITIALIZER.builtInRemotes as readonly string[]).includes(remote) ? remote : undefined;
}

/**
 * A URI naming an rclone remote must find it in the credentials (checked at
 * synth, once every remote has been added). Whether the answer is settled: no
 * problem, and none can appear later: nothing to find, or the remote found in
 * the library's own RcloneSecret, which only ever gains remotes (`addRemote()`).
 * Answers read from other Secrets (a user's `IRcloneSecret`, an opaque Secret)
 * are not settled, so they are asked again in every pass.
 */
export function checkCredentials(
  uri: ModelUri | undefined, secret: ISecret | undefined, initializerImage: string | undefined,
  field: (which: 'uri' | 'credentials') => string, report: Report,
): boolean {
  const unreadable = unreadableRclone(secret);
  if (unreadable) {
    report(field('credentials'), `is RcloneSecret '${unreadable.node.path}' in format ${unreadable.format}, which the v1 storage initializer cannot read`,
      'an RcloneSecret in format ENV_VARS (the default)');
    return false;
  }
  const remote = remoteToFind(uri);
  const rclone = secret && RcloneSecret.isRcloneSecret(secret) ? secret as IRcloneSecret : undefined;
  if (remote === undefined) return builtInRemoteProblems(uri, rclone, field, report);
  if (rclone) {
    // An existing Secret declared without its remotes cannot be checked.
    // definesRemote() first: remoteNames builds a list on each read.
    if (definesRemote(rclone, remote)) return ownRcloneSecret(rclone);
    if (rclone.remoteNames === undefined) return false;
    report(field('uri'), `${show(uri!.uri)} names rclone remote ${show(remote)}, which credentials RcloneSecret '${rclone.node.path}' does not define`,
      `remotes defined there: ${rclone.remoteNames!.join(', ') || 'none'}; add RcloneRemote named ${show(remote)} or change the URI scheme`);
    return false;
  }
  // A Secret that is not an RcloneSecret is opaque here; so is a custom initializer image.
  if (secret || initializerImage !== undefined) return false;
  report(field('credentials'), `are missing, but ${field('uri')} ${show(uri!.uri)} names rclone remote ${show(remote)}`,
    `pass credentials: an RcloneSecret defining remote ${show(remote)}, or an existing Secret (Secret.fromSecretName); only the anonymous "gs" remote needs none `
    + '(the AWS_* variables the operator adds from a ServiceAccount\'s Secret define no rclone remote: only the older kfserving initializer, set as storageInitializerImage, reads them)');
  return false;
}

/**
 * A URI on the initializer's built-in anonymous `gs` remote with an RcloneSecret that does not redefine it: the
 * image's RCLONE_CONFIG_GS_ANONYMOUS=true reads the bucket, and the Secret's remotes (a `gcs` remote with a key, from
 * `RcloneRemote.gcs()`) are never used, so a private bucket fails at the init container. Returns whether settled.
 */
function builtInRemoteProblems(uri: ModelUri | undefined, rclone: IRcloneSecret | undefined, field: (which: 'uri' | 'credentials') => string,
  report: Report): boolean {
  const builtIn = builtInRemote(uri);
  if (builtIn === undefined || rclone === undefined) return true;
  if (definesRemote(rclone, builtIn)) return ownRcloneSecret(rclone);
  // Only the library's own RcloneSecret tells its remotes' backends: a Google Cloud Storage remote there is a key meant
  // for the bucket. Other remotes (an S3 one a canary on a public gs:// bucket inherits from the model) are no sign of a mistake.
  if (!ownRcloneSecret(rclone)) return false;
  const gcs = (rclone as RcloneSecret).remotes.filter(r => GCS_BACKENDS.has(r.backendType)).map(r => r.name);
  if (gcs.length === 0) return false;
  report(field('uri'), `${show(uri!.uri)} reads with the storage initializer's built-in anonymous remote ${show(builtIn)}, so the Google Cloud Storage `
    + `remote${gcs.length === 1 ? '' : 's'} ${gcs.map(n => show(n)).join(', ')} of credentials RcloneSecret '${rclone.node.path}' ${gcs.length === 1 ? 'is' : 'are'} never used`,
  `ModelUri.remote(<one of those remotes>, 'bucket/path'), e.g. ModelUri.remote('gcs', ...) for RcloneRemote.gcs(); a remote named ${show(builtIn)} in the Secret; or no credentials for a public bucket`);
  return false;
}

/** The library's own RcloneSecret, answering `definesRemote()` with its own code (a subclass may answer otherwise). */
function ownRcloneSecret(secret: IRcloneSecret): boolean {
  return secret instanceof RcloneSecret && secret.definesRemote === RcloneSecret.prototype.definesRemote;
}

/**
 * `secret.definesRemote(remote)`; the library's own RcloneSecret answers without the public method's
 * argument check (src/k8s/method-check.ts), which would run once per model and validation pass on a string held here.
 */
function definesRemote(secret: IRcloneSecret, remote: string): boolean {
  return ownRcloneSecret(secret) ? (secret as RcloneSecret)._definesRemote(remote) : secret.definesRemote(remote);
}
