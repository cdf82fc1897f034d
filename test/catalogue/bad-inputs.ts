import { Chart, Duration, Size } from 'cdk8s';
import { Cpu, EnvValue, Metric, MetricTarget, Node, NodeTaintQuery, Probe, Replicas, Secret, ServiceAccount, ServiceType, TaintEffect, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

import { BadInput, badInput } from './bad-input';
import { COMPOSITION_BAD_INPUTS } from './composition';
import { PACKAGING_BAD_INPUTS } from './packaging';
import { ROBUSTNESS_BAD_INPUTS } from './robustness';
import { UNKNOWN_KEY_BAD_INPUTS } from './unknown-keys';
import { UNREADABLE_BAD_INPUTS } from './unreadable';
import { V1_FIDELITY_BAD_INPUTS } from './v1-fidelity';
import { V1_POD_CONTAINER_BAD_INPUTS } from './v1-pod-containers';
import { V1_PRODUCTION_BAD_INPUTS } from './v1-production';
import { V1_SEPARATE_POD_BAD_INPUTS } from './v1-separate-pods';
import { V1_UNIT_BAD_INPUTS } from './v1-units';
import { V2_FIDELITY_BAD_INPUTS } from './v2-fidelity';
import { V2_PIPELINE_BAD_INPUTS } from './v2-pipelines';
import { V2_PRODUCTION_BAD_INPUTS } from './v2-production';
import { V2_RUNTIME_BAD_INPUTS } from './v2-runtime';
import {
  Autoscaler, BuiltInImplementation, EndpointType, ExplainerProps, ExplainerType, LoggerMode, LoggerProps, ModelParameter, ModelUri, PredictiveUnit,
  PredictiveUnitType, PredictorProps,
  PrepackagedModel, PrepackagedModelProps, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat,
  SeldonDeployment, SeldonModel, SeldonModelProps, SeldonProtocol, SeldonServer, SeldonServerProps, ServerConfigRef,
  Experiment, ExperimentTarget, MigratedModel, Pipeline, StepRef, SeldonRuntime, ModelExplainer, RuntimeComponent, SeldonConfig, RpsAutoscaler,
  ServerConfig,
} from '../../src';

export type { BadInput };

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');

/** A SKLEARN model whose explainer runs on the operator's Alibi image (seldon protocol, no image of its own). */
const alibiExplainer = (input: string, explainer: Partial<ExplainerProps>, error: RegExp, fix: string): BadInput =>
  badInput('PrepackagedModel', 'iris', input, scope => {
    new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, ...explainer });
  }, error, fix);
const model = (props: Partial<PrepackagedModelProps>) => (scope: Construct) => {
  new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props });
};
const secret = (...remotes: RcloneRemote[]) => (scope: Construct) => {
  new RcloneSecret(scope, 'creds', { remotes });
};
const minio = () => RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' });

const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const sdep = (input: string, predictors: PredictorProps[], error: RegExp, fix: string): BadInput => ({
  construct: 'SeldonDeployment',
  id: 'graph',
  input,
  error,
  fix,
  build: scope => {
    new SeldonDeployment(scope, 'graph', { predictors });
  },
});

const server = (input: string, props: SeldonServerProps, error: RegExp, fix: string): BadInput => ({
  construct: 'SeldonServer',
  id: 'server',
  input,
  error,
  fix,
  build: scope => {
    new SeldonServer(scope, 'server', { metadata: { name: 'mlserver-custom' }, ...props });
  },
});
const IRIS_V2 = ModelUri.gcs('seldon-models', 'mlserver/iris');
const v2model = (input: string, props: Partial<SeldonModelProps>, error: RegExp, fix: string, withServer = true): BadInput => ({
  construct: 'SeldonModel',
  id: 'iris',
  input,
  error,
  fix,
  build: scope => {
    const pinned = withServer ? new SeldonServer(scope, 'mlserver', { metadata: { name: 'mlserver-a' }, replicas: 1 }) : undefined;
    new SeldonModel(scope, 'iris', { storageUri: IRIS_V2, server: pinned, requirements: ['sklearn'], ...props });
  },
});

const pm = (input: string, props: Partial<PrepackagedModelProps>, error: RegExp, fix: string): BadInput =>
  ({ construct: 'PrepackagedModel', id: 'iris', input, build: model(props), error, fix });
const rs = (input: string, build: (scope: Construct) => void, error: RegExp, fix: string): BadInput =>
  ({ construct: 'RcloneSecret', id: 'creds', input, build, error, fix });

const CORE_BAD_INPUTS: BadInput[] = [
  // Model location
  pm('modelUri `iris` (no scheme)', { modelUri: ModelUri.parse('iris') }, /modelUri "iris" has no scheme and is not an absolute path; accepted: gs:\/\//,
    'Write a full URI: `gs://bucket/path`, `s3://bucket/path`, `remote:bucket/path`, `pvc://claim/path`.'),
  pm('modelUri empty', { modelUri: ModelUri.parse('') }, /modelUri is empty; accepted:/, 'Give the model location.'),
  pm('modelUri `gs://` (no bucket)', { modelUri: ModelUri.parse('gs://') }, /modelUri "gs:\/\/" names no bucket or path/, 'Add the bucket and path.'),
  pm('modelUri with a space in the scheme', { modelUri: ModelUri.parse('my store://models/iris') }, /modelUri "my store:\/\/models\/iris" has scheme "my store", which is not an rclone remote name/,
    'Name the remote with letters, digits, `_` and `-`.'),
  pm('modelUri with `..` segments', { modelUri: ModelUri.parse('s3://models/../secrets') }, /modelUri "s3:\/\/models\/..\/secrets" contains "." or ".." path segments/,
    'Use a normalised path.'),
  pm('modelUri with a trailing newline', { modelUri: ModelUri.parse('gs://models/iris\n') }, /modelUri .* has leading or trailing whitespace or control characters/,
    'Trim the value (it often comes from a file or a variable).'),
  pm('`pvc://` without a claim', { modelUri: ModelUri.parse('pvc:///iris') }, /modelUri "pvc:\/\/\/iris" names no PersistentVolumeClaim/,
    'Write `pvc://<claim>/<path>` or use `ModelUri.pvc(claim, path)`.'),
  pm('`pvc://` with an invalid claim name', { modelUri: ModelUri.parse('pvc://Models_PVC/iris') }, /modelUri .* names claim "Models_PVC", which is not a valid claim name/,
    'Use the claim\'s Kubernetes name (lower case, digits, `-`, `.`).'),
  pm('`PVC://` in upper case', { modelUri: ModelUri.parse('PVC://models/iris') }, /modelUri "PVC:\/\/models\/iris" is not of the form pvc:\/\/<claim>\/<path>/,
    'Write the scheme in lower case: `pvc://`.'),
  pm('a local path in v1', { modelUri: ModelUri.localPath('/models/iris') }, /modelUri "\/models\/iris" is a local path, which the storage initializer cannot read/,
    'Put the model on a PVC and use `ModelUri.pvc(claim, path)`, or in a bucket.'),
  pm('a bucket given as a whole URI', { modelUri: ModelUri.gcs('gs://seldon-models', 'sklearn/iris') },
    /modelUri bucket "gs:\/\/seldon-models" is not a bucket name \(no bucket name holds ":"\)/,
    'Pass the bucket alone (`ModelUri.gcs(\'seldon-models\', \'sklearn/iris\')`), or the whole URI to `ModelUri.parse()`.'),
  pm('an empty bucket', { modelUri: ModelUri.gcs('', 'sklearn/iris') },
    /modelUri "gs:\/\/\/sklearn\/iris" names no bucket before its path \("\/\/\/"\): rclone strips the slashes and would read the path's first part as the bucket/,
    'Name the bucket: `ModelUri.gcs(\'seldon-models\', \'sklearn/iris\')`.'),
  pm('a URI with no bucket before its path', { modelUri: ModelUri.parse('gs:///sklearn/iris') },
    /modelUri "gs:\/\/\/sklearn\/iris" names no bucket before its path/, 'Write the bucket after `gs://`.'),
  pm('no modelUri for SKLEARN', { modelUri: undefined }, /modelUri is missing; Seldon's webhook requires it on a SKLEARN_SERVER node/, 'Set `modelUri`.'),
  pm('`explicitStorageInitializer` with no modelUri', { server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.V2, modelUri: undefined, explicitStorageInitializer: true },
    /explicitStorageInitializer is true but there is no modelUri to download/, 'Set `modelUri`, or drop `explicitStorageInitializer`.'),
  // Credentials
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: '`s3://` URI with no credentials',
    build: model({ modelUri: ModelUri.s3('models', 'iris') }),
    error: /credentials are missing, but modelUri "s3:\/\/models\/iris" names rclone remote "s3"; pass credentials/,
    fix: 'Pass `credentials`: an `RcloneSecret` defining the remote, or `Secret.fromSecretName(...)`.',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'URI remote `ftp` not in the RcloneSecret',
    build: scope => {
      const creds = new RcloneSecret(scope, 'creds', { remotes: [minio()] });
      model({ modelUri: ModelUri.parse('ftp://models/iris'), credentials: creds })(scope);
    },
    error: /modelUri "ftp:\/\/models\/iris" names rclone remote "ftp", which credentials RcloneSecret '.*\/creds' does not define; remotes defined there: s3/,
    fix: 'Add an `RcloneRemote` with that name, or change the URI scheme to a defined remote.',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'an RcloneSecret in the v2 format as v1 credentials',
    build: scope => {
      const creds = new RcloneSecret(scope, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [minio()] });
      model({ modelUri: ModelUri.s3('models', 'iris'), credentials: creds })(scope);
    },
    error: /credentials is RcloneSecret '.*\/creds' in format v2-document, which the v1 storage initializer cannot read/,
    fix: 'Use an `RcloneSecret` in the default `ENV_VARS` format for v1 models.',
  },
  // Server and protocol
  pm('TRITON with the default protocol', { server: PrepackagedServer.TRITON }, /protocol "seldon" \(the default\) is not supported by TRITON_SERVER; the operator has no image for it; accepted for TRITON_SERVER: v2, kfserving/,
    'Set `protocol: SeldonProtocol.V2`.'),
  pm('SKLEARN with the tensorflow protocol', { protocol: SeldonProtocol.TENSORFLOW }, /protocol "tensorflow" is rejected by Seldon's webhook for SKLEARN_SERVER/,
    'Use `seldon` or `v2`.'),
  pm('HUGGINGFACE with the seldon protocol', { server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.SELDON, modelUri: undefined },
    /protocol "seldon" is not supported by HUGGINGFACE_SERVER/, 'Set `protocol: SeldonProtocol.V2`.'),
  pm('TENSORFLOW with the v2 protocol', { server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.V2 }, /protocol "v2" is not supported by TENSORFLOW_SERVER/,
    'Use `seldon` or `tensorflow`, or serve a SavedModel with TRITON.'),
  pm('an unknown protocol string', { protocol: 'grpc' as SeldonProtocol }, /protocol "grpc" is not a Seldon protocol; accepted: seldon, v2, kfserving, tensorflow/,
    'Use a `SeldonProtocol` value (gRPC is a transport, not a protocol).'),
  pm('a custom server named like a shipped one', { server: PrepackagedServer.custom('SKLEARN_SERVER') }, /server "SKLEARN_SERVER" is a server the operator ships; use PrepackagedServer.SKLEARN instead/,
    'Use the `PrepackagedServer` constant.'),
  pm('a custom server named like an executor built-in', { server: PrepackagedServer.custom('RANDOM_ABTEST') }, /server "RANDOM_ABTEST" is built into the executor/,
    'Give the name your operator registers in `predictor_servers`.'),
  pm('explicit mode for a custom server without image', { server: PrepackagedServer.custom('MY_SERVER'), explicitStorageInitializer: true },
    /image is missing; the library declares the MY_SERVER container in explicit mode and knows no image for it/, 'Set `image` or `PrepackagedServer.custom(name, { image })`.'),
  pm('an image for TENSORFLOW under seldon', { server: PrepackagedServer.TENSORFLOW, image: 'me/tf:1' }, /image "me\/tf:1" would be replaced by the operator/,
    'Leave `image` unset, or use `explicitStorageInitializer: true`.'),
  pm('an image reference with spaces', { image: 'my image:1' }, /image "my image:1" is not an image reference/, 'Write `registry/name:tag`.'),
  pm('a storage initializer image with spaces', { storageInitializerImage: 'rclone init' }, /storageInitializerImage "rclone init" is not an image reference/, 'Write `registry/name:tag`.'),
  // Names and numbers
  pm('name with capitals and `_`', { metadata: { name: 'Iris_Model' } }, /metadata.name "Iris_Model" is not a valid name \(it prefixes the Service names the operator creates\); a SeldonDeployment name is accepted/,
    'Use lower case letters, digits and `-`, starting with a letter.'),
  pm('name starting with a digit', { metadata: { name: '1-iris' } }, /metadata.name "1-iris" is not a valid name/, 'Start the name with a letter.'),
  pm('name of 254 characters', { metadata: { name: 'i'.repeat(254) } }, /metadata.name "i{254}" is not a valid name .*at most 253 characters/, 'Shorten it.'),
  pm('explicit mode for TEMPO without a namespace', { server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2, explicitStorageInitializer: true },
    /graph has a TEMPO_SERVER node but no namespace is set; Seldon accepts this/, 'Set the namespace on the chart or in metadata.'),
  pm('predictor name with capitals', { predictorName: 'Main' }, /predictorName "Main" is not a valid name; a DNS-1123 label is accepted/, 'Use a DNS-1123 label.'),
  pm('graph name with `_`', { graphName: 'iris_model' }, /graphName "iris_model" is not a valid name \(it is the server container name\)/, 'Use a DNS-1123 label of at most 48 characters.'),
  pm('graph name of 49 characters', { graphName: 'g'.repeat(49) }, /graphName "g{49}" is not a valid name \(it is the server container name\); a DNS-1123 label of at most 48 characters.*seldon-app-svc-<name>/,
    'Shorten it to 48 characters: the operator makes the label key seldon-app-svc-<name> of it.'),
  pm('replicas -1', { replicas: -1 }, /replicas -1 is not a replica count; a whole number from 0 to 2147483647 is accepted/, 'Use 0 or more.'),
  pm('replicas 1.5', { replicas: 1.5 }, /replicas 1.5 is not a replica count/, 'Use a whole number.'),
  pm('replicas 2^31 (over int32)', { replicas: 2 ** 31 }, /replicas 2147483648 is not a replica count/, 'Use at most 2147483647.'),
  // Parameters, env, resources
  pm('a logger without a mode', { logger: {} as LoggerProps }, /logger.mode is missing \(the webhook says "No logger mode specified"\); accepted: all, request, response/,
    'Give `mode: LoggerMode.ALL` (or REQUEST, RESPONSE).'),
  pm('a logger URL without scheme', { logger: { mode: LoggerMode.ALL, url: 'logger:8080' } }, /logger.url "logger:8080" is not an http\(s\) URL/, 'Write `http://host:port/path`.'),
  pm('a logger URL Go cannot parse', { logger: { mode: LoggerMode.ALL, url: 'http://broker/a%zz' } },
    /logger.url "http:\/\/broker\/a%zz" has a "%" in its path that is no escape \(two hexadecimal digits\): Go's url.Parse refuses it, and the executor parses it for every request it logs and fails the request.*; an http\(s\) URL with a host that Go's url.Parse reads/,
    'Escape "%" as %25.'),
  pm('a logger URL with a password', { logger: { mode: LoggerMode.ALL, url: 'http://user:s3 cr3t@broker/' } },
    /logger.url "http:\/\/\*\*\*@broker\/" carries user info before "@" \(shown as \*\*\*\): a credential, which a manifest does not hold/,
    'Leave the credentials out of the URL: let the broker authenticate the executor otherwise.'),
  pm('a repeated parameter', { parameters: [ModelParameter.stringValue('a', '1'), ModelParameter.stringValue('a', '2')] }, /parameters\[1\] repeats the name "a"/, 'Give each parameter once.'),
  pm('a `model_uri` parameter', { parameters: [ModelParameter.stringValue('model_uri', '/x')] }, /parameters\[0\] is named "model_uri", which the operator sets from modelUri/, 'Set `modelUri` instead.'),
  pm('an INT parameter of 1.5', { parameters: [ModelParameter.intValue('batch', 1.5)] }, /parameters\[0\] \("batch"\) value 1.5 is not a 32-bit integer/, 'Use `floatValue` or a whole number.'),
  pm('a parameter with an empty name', { parameters: [ModelParameter.stringValue('', 'x')] }, /parameters\[0\] \(""\) has an empty name/, 'Name the parameter.'),
  pm('env `PREDICTIVE_UNIT_PARAMETERS`', { env: { PREDICTIVE_UNIT_PARAMETERS: EnvValue.fromValue('[]') } }, /env\["PREDICTIVE_UNIT_PARAMETERS"\] is set by the operator with SetEnvVar\(override=false\), which drops the container's whole environment/,
    'Pass `parameters` instead.'),
  pm('env name with a space', { env: { 'LOG LEVEL': EnvValue.fromValue('x') } }, /env\["LOG LEVEL"\] is not a valid environment variable name/, 'Use letters, digits, `_`, `-`, `.`.'),
  pm('memory request above the limit', { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } },
    /resources memory request 2Gi is greater than the memory limit 1Gi/, 'Lower the request or raise the limit.'),
  pm('cpu request above the limit', { resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(500) } } }, /resources cpu request 2 is greater than the cpu limit 500m/,
    'Lower the request or raise the limit.'),
  pm('a zero cpu limit', { resources: { cpu: { limit: Cpu.millis(0) } } }, /resources cpu limit "0m" is not a positive amount/, 'Give a positive amount.'),
  // Inference graphs and rollouts
  sdep('no predictors', [], /predictors is empty \("Graph contains no predictors"\)/, 'Add a predictor.'),
  sdep('traffic adding up to 90', [{ name: 'a', graph: sklearn('m'), traffic: 50 }, { name: 'b', graph: sklearn('m'), traffic: 40 }],
    /predictors\[\]\.traffic add up to 90 over a=50, b=40/, 'Make the shares of the non-shadow predictors add up to 100.'),
  sdep('traffic 50 on a single predictor', [{ name: 'a', graph: sklearn('m'), traffic: 50 }], /predictors\[0\]\.traffic is 50 on the only predictor/, 'Leave traffic unset.'),
  sdep('traffic 120', [{ name: 'a', graph: sklearn('m'), traffic: 120 }], /predictors\[0\]\.traffic 120 is not a whole percentage; accepted: 0 to 100/, 'Give a percentage.'),
  sdep('a shadow as the only predictor', [{ name: 'a', graph: sklearn('m'), shadow: true }], /predictors\[0\]\.shadow is true on the only predictor/, 'Add the main predictor.'),
  sdep('two shadows', [{ name: 'a', graph: sklearn('m') }, { name: 'b', graph: sklearn('m'), shadow: true }, { name: 'c', graph: sklearn('m'), shadow: true }],
    /predictors have 2 shadows \("Multiple shadows are not allowed"\)/, 'Keep one shadow.'),
  sdep('two predictors named a', [{ name: 'a', graph: sklearn('m'), traffic: 50 }, { name: 'a', graph: sklearn('m'), traffic: 50 }],
    /predictors\[1\]\.name "a" is taken by another predictor/, 'Name each predictor once.'),
  sdep('two predictors with one seldon.io/svc-name', [
    { name: 'a', graph: sklearn('m'), traffic: 50, annotations: { 'seldon.io/svc-name': 'svc' } },
    { name: 'b', graph: sklearn('m'), traffic: 50, annotations: { 'seldon.io/svc-name': 'svc' } },
  ], /predictors\[1\]\.annotations\["seldon\.io\/svc-name"\] "svc" repeats the service name of predictor a/, 'Give each predictor its own service name.'),
  sdep('seldon.io/no-engine on a graph of two nodes', [{
    name: 'a',
    annotations: { 'seldon.io/no-engine': 'true' },
    graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [sklearn('m')] }),
  }], /predictors\[0\]\.annotations\["seldon\.io\/no-engine"\] is set on a graph of 2 nodes/, 'Drop the annotation, or serve a one-node graph.'),
  sdep('seldon.io/no-engine "yes"', [{ name: 'a', annotations: { 'seldon.io/no-engine': 'yes' }, graph: sklearn('m') }],
    /predictors\[0\]\.annotations\["seldon\.io\/no-engine"\] "yes" keeps the executor: the operator runs a predictor without one only for "true"/, 'Write "true".'),
  sdep('two graph nodes named m', [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [sklearn('m'), sklearn('m')] }) }],
    /predictors\[0\]\.graph\.children\[1\]\.name "m" is also the name of predictors\[0\]\.graph\.children\[0\]/, 'Name each node once per predictor.'),
  sdep('RANDOM_ABTEST with one child', [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters: [ModelParameter.floatValue('ratioA', 0.5)], children: [sklearn('m')] }) }],
    /predictors\[0\]\.graph\.children has 1 node; RANDOM_ABTEST sends about half the requests to a second child/, 'Give it two children.'),
  sdep('a ROUTER component without children', [{ name: 'a', graph: PredictiveUnit.component({ name: 'r', unitType: PredictiveUnitType.ROUTER, image: 'me/router:1' }) }],
    /predictors\[0\]\.graph\.children is empty; a ROUTER needs children/, 'Add the nodes it routes to.'),
  sdep('a component without image', [{ name: 'a', graph: PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.TRANSFORMER, image: '' }) }],
    /predictors\[0\]\.graph\.image is missing; a component runs its own image/, 'Give the component\'s image.'),
  sdep('a component of an unknown type', [{ name: 'a', graph: PredictiveUnit.component({ name: 't', unitType: 'FILTER' as PredictiveUnitType, image: 'me/t:1' }) }],
    /predictors\[0\]\.graph\.unitType "FILTER" is not a graph node type/, 'Use a `PredictiveUnitType`.'),
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'two ServiceAccounts in one predictor in explicit mode',
    error: /predictors\[0\]\.graph runs its nodes as several ServiceAccounts \(sa-a, sa-b\)/,
    fix: 'Run the predictor\'s nodes as one ServiceAccount.',
    build: scope => {
      const node = (n: string) => PredictiveUnit.prepackaged({
        name: n, server: PrepackagedServer.SKLEARN, modelUri: IRIS, serviceAccount: ServiceAccount.fromServiceAccountName(scope, n, `sa-${n}`),
      });
      new SeldonDeployment(scope, 'graph', {
        explicitStorageInitializer: true,
        predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [node('a'), node('b')] }) }],
      });
    },
  },
  sdep('an explainer of an unknown type', [{ name: 'a', graph: sklearn('m'), explainer: { explainerType: 'Lime' as ExplainerType } }],
    /predictors\[0\]\.explainer\.explainerType "Lime" is not an explainer type/, 'Use an `ExplainerType`.'),
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a canary taking 101% of traffic',
    error: /withCanary\(\)\.traffic 101 is not a percentage/,
    fix: 'Give the canary 0 to 100 percent.',
    build: scope => {
      new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS }).withCanary({ modelUri: IRIS, traffic: 101 });
    },
  },
  // Seldon Core v2
  server('both capabilities and extraCapabilities', { capabilities: ['sklearn'], extraCapabilities: ['gpu'] }, /extraCapabilities are ignored by the operator when capabilities are set/,
    'Use `capabilities` to replace the list or `extraCapabilities` to add to it, not both.'),
  server('minReplicas above maxReplicas', { minReplicas: 3, maxReplicas: 1 }, /minReplicas is rejected by the operator \("scaling spec is invalid: min number of replicas 3 must be <= max number of replicas 1"\)/,
    'Make minReplicas <= replicas <= maxReplicas.'),
  server('negative replicas', { replicas: -1 }, /replicas -1 is not a replica count/, 'Use 0 or more.'),
  server('a capability containing ","', { extraCapabilities: ['a,b'] }, /extraCapabilities\[0\] "a,b" contains ","/, 'One capability per entry.'),
  server('an extra capability the config already has', { extraCapabilities: ['sklearn'] }, /extraCapabilities\[0\] repeats "sklearn"; Seldon would accept the repeat .* \(ServerConfig "mlserver" advertises it\)/, 'Drop it.'),
  server('imageCapability without image', { imageCapability: 'mlserver-1.3.4' }, /imageCapability is set without a custom image/, 'Set `image` too.'),
  server('restrictedSecurityContext on a ServerConfig of unknown resources', { serverConfig: ServerConfigRef.fromName('custom', { serverContainerName: 'srv' }), restrictedSecurityContext: true },
    /rcloneContainer.resources are needed: restrictedSecurityContext declares container "rclone" with resources, and ServerConfig "custom"'s are unknown/, 'Give the containers\' resources.'),
  server('a ServerConfig name with capitals', { serverConfig: ServerConfigRef.fromName('Bad') }, /serverConfig "Bad" is not a valid name/, 'Use the ServerConfig\'s Kubernetes name.'),
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'a Server name of 53 characters',
    error: /metadata.name "s{53}" has 53 characters/,
    fix: 'Keep Server names to 52 characters (StatefulSet pods are labelled `<name>-<revision hash>`).',
    build: scope => {
      new SeldonServer(scope, 'server', { metadata: { name: 's'.repeat(53) } });
    },
  },
  v2model('memory "1GB"', { memory: '1GB' }, /memory "1GB" is not a Kubernetes quantity/, 'Write a quantity: `1Gi`, `500Mi`.'),
  v2model('artifactVersion -1', { artifactVersion: -1 }, /artifactVersion -1 is not a whole number from 0 to 2147483647/, 'Use a version folder number.'),
  v2model('storageUri `gs://`', { storageUri: ModelUri.parse('gs://') }, /storageUri "gs:\/\/" names no bucket or path/, 'Add the bucket and path.'),
  v2model('a requirement its pinned server lacks', { requirements: ['onnx'] }, /requirements \["onnx"\] are not all advertised by the pinned SeldonServer/,
    'Pin the model to a server with that capability (e.g. triton), or add the capability to the server.'),
  v2model('a requirement no server in the app has', { requirements: ['tensorrt-llm'], server: undefined }, /requirements \["tensorrt-llm"\] are not all advertised by any Server in the app/,
    'Add a server advertising it, or fix the requirement.'),
  v2model('more replicas than its server', { replicas: 3 }, /replicas 3 exceeds the 1 replica\(s\) of the pinned SeldonServer/, 'Scale the server, or lower the model\'s replicas (or set minReplicas).'),
  v2model('a local path no server mounts', { storageUri: ModelUri.localPath('/var/models/iris'), server: undefined, requirements: ['sklearn'] },
    /storageUri "\/var\/models\/iris" is a local path, but the scheduler may place the model on servers that mount no volume into their rclone container at a parent of it/,
    'Mount the claim on a server with `mountPvc(claim, "/var/models")`.'),
  // Pipelines and experiments (v2)
  {
    construct: 'Pipeline',
    id: 'p',
    input: 'a pipeline whose steps form a cycle',
    error: /steps form a cycle: "a" -> "a"/,
    fix: 'Break the loop, or set `allowCycles: true` (with `maxStepRevisits`).',
    build: scope => {
      const p = new Pipeline(scope, 'p', { metadata: { name: 'p' } });
      p.addStepForModelName('a').addInput(StepRef.fromString('a.outputs'));
    },
  },
  {
    construct: 'Pipeline',
    id: 'p',
    input: 'maxStepRevisits -5',
    error: /maxStepRevisits -5 is not a whole number from 0 to 2147483647/,
    fix: 'Give a count.',
    build: scope => {
      new Pipeline(scope, 'p', { allowCycles: true, maxStepRevisits: -5 });
    },
  },
  {
    construct: 'Pipeline',
    id: 'p',
    input: 'the same model twice in a pipeline',
    error: /addStepForModelName\("iris"\) "iris" is already a step of the pipeline/,
    fix: 'Use each model once per pipeline.',
    build: scope => {
      const p = new Pipeline(scope, 'p');
      p.addStepForModelName('iris');
      p.addStepForModelName('iris');
    },
  },
  {
    construct: 'Experiment',
    id: 'ab',
    input: 'a mirror percent of 101',
    error: /mirror.percent 101 is not a whole percentage; a whole number from 1 to 100/,
    fix: 'Use 1 to 100.',
    build: scope => {
      new Experiment(scope, 'ab', { mirror: { target: ExperimentTarget.modelName('iris'), percent: 101 } });
    },
  },
  {
    construct: 'Experiment',
    id: 'ab',
    input: 'candidate weights that add up to 0',
    error: /candidates weights add up to 0: .*Envoy refuses weighted clusters that add up to 0/,
    fix: 'Give at least one candidate a weight above 0.',
    build: scope => {
      new Experiment(scope, 'ab', { candidates: [{ target: ExperimentTarget.modelName('a'), weight: 0 }, { target: ExperimentTarget.modelName('b'), weight: 0 }] });
    },
  },
  {
    construct: 'Experiment',
    id: 'ab',
    input: 'a mirror and no candidate',
    error: /candidates is empty: Seldon writes the experiment's route with the mirror and no cluster/,
    fix: 'Add the model the traffic goes to as a candidate.',
    build: scope => {
      new Experiment(scope, 'ab', { mirror: { target: ExperimentTarget.modelName('iris'), percent: 10 } });
    },
  },
  {
    construct: 'Experiment',
    id: 'ab',
    input: 'a candidate weight of 0.5',
    error: /addCandidate\("iris"\).weight 0.5 is not a whole number/,
    fix: 'Use whole weights (they are relative).',
    build: scope => {
      new Experiment(scope, 'ab').addCandidate(ExperimentTarget.modelName('iris'), 0.5);
    },
  },
  // Migration v1 -> v2
  {
    construct: 'MigratedModel',
    id: 'v2',
    input: 'migrating a TEMPO model without requirements',
    error: /requirements is missing for TEMPO_SERVER/,
    fix: 'Pass `requirements` for the v2 server that will run it.',
    build: scope => {
      const v1 = new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2, modelUri: IRIS });
      new MigratedModel(scope, 'v2', { prepackagedModel: v1 });
    },
  },
  // RcloneSecret
  rs('S3 remote with one key', secret(RcloneRemote.s3({ accessKeyId: 'a' })), /remotes\[0\] \("s3"\) secretAccessKey is empty while accessKeyId is set/,
    'Pass both keys, neither (public bucket), or `envAuth: true` for IAM roles.'),
  rs('S3 remote with keys and envAuth', secret(RcloneRemote.s3({ envAuth: true, accessKeyId: 'a', secretAccessKey: 'b' })), /accessKeyId is set while envAuth is true/,
    'Drop the keys, or `envAuth`.'),
  rs('MinIO remote without endpoint', secret(RcloneRemote.minio({ endpoint: '', accessKeyId: 'a', secretAccessKey: 'b' })), /endpoint is empty; a MinIO remote needs the endpoint URL/,
    'Give the MinIO URL.'),
  rs('S3 endpoint without scheme', secret(RcloneRemote.s3({ envAuth: true, endpoint: 'minio:9000' })), /endpoint "minio:9000" is not an http\(s\) URL/, 'Write `http://host:port`.'),
  rs('GCS key that is not JSON', secret(RcloneRemote.gcs({ serviceAccountCredentials: 'key.json' })), /serviceAccountCredentials is not a JSON object/,
    'Pass the key file\'s content, not its path.'),
  rs('Azure remote without account', secret(RcloneRemote.azureBlob({ account: '', key: 'k' })), /account is empty; an Azure Blob remote needs the storage account name/, 'Give the account.'),
  rs('Azure remote with key and envAuth', secret(RcloneRemote.azureBlob({ account: 'acct', key: 'k', envAuth: true })), /key is set while envAuth is true/,
    'Drop the key, or `envAuth`.'),
  rs('custom remote without backend type', secret(RcloneRemote.custom('store', '')), /backendType is empty/, 'Give the rclone backend type.'),
  rs('custom remote with option `type`', secret(RcloneRemote.custom('store', 's3', { type: 's3' })), /option "type" is given twice/, 'Pass the type once, as `backendType`.'),
  rs('custom remote with option `access-key`', secret(RcloneRemote.custom('store', 's3', { 'access-key': 'a' })), /option "access-key" is not an rclone option name/,
    'Write rclone option names with `_`: `access_key_id`.'),
  rs('remote name with a space', secret(RcloneRemote.custom('my store', 's3')), /name "my store" is not an rclone remote name/, 'Use letters, digits, `_`, `-`.'),
  rs('remote name with `-` in a v1 Secret', secret(RcloneRemote.gcs({ name: 'gcs-public' })), /name "gcs-public" cannot be an environment variable name/,
    'Use `_` instead of `-` (v1 reads remotes from environment variables).'),
  rs('two remotes named s3 and S3', secret(minio(), RcloneRemote.s3({ name: 'S3', envAuth: true })), /remotes\[1\] \("S3"\) name duplicates a remote already in this Secret/,
    'Give each remote its own name.'),
  rs('two remotes in a v2 Secret', scope => {
    new RcloneSecret(scope, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [minio(), RcloneRemote.gcs()] });
  }, /remotes\[1\] \("gcs"\) cannot be added: a Seldon v2 storage Secret holds exactly one remote/, 'Create one Secret per remote.'),
  rs('an RcloneSecret with no remote', scope => {
    new RcloneSecret(scope, 'creds');
  }, /remotes is empty; add at least one RcloneRemote/, 'Add a remote.'),
];

/** Every entry; each area of the library keeps its own list in its own file. */
export const BAD_INPUTS: BadInput[] = [
  ...CORE_BAD_INPUTS,
  ...V1_FIDELITY_BAD_INPUTS,
  ...V1_UNIT_BAD_INPUTS,
  ...V2_FIDELITY_BAD_INPUTS,
  ...ROBUSTNESS_BAD_INPUTS,
  ...UNREADABLE_BAD_INPUTS,
  ...V1_PRODUCTION_BAD_INPUTS,
  ...V1_POD_CONTAINER_BAD_INPUTS,
  ...V2_PRODUCTION_BAD_INPUTS,
  ...V2_PIPELINE_BAD_INPUTS,
  ...V2_RUNTIME_BAD_INPUTS,
  ...PACKAGING_BAD_INPUTS,
  ...UNKNOWN_KEY_BAD_INPUTS,
  ...V1_SEPARATE_POD_BAD_INPUTS,
  ...COMPOSITION_BAD_INPUTS,
  // Review 19 (v1 production settings against the operator's code).
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'an sslCertificate on a predictor whose graph root is a built-in (RANDOM_ABTEST)',
    error: /predictors\[0\]\.sslCertificate would crash the operator: the graph's root "ab" is a built-in implementation/,
    fix: 'Put a component or prepackaged node at the root (e.g. a transformer before the router), or drop the certificate.',
    build: scope => {
      new SeldonDeployment(scope, 'graph', {
        predictors: [{
          name: 'a',
          sslCertificate: Secret.fromSecretName(scope, 'tls', 'my-tls'),
          graph: PredictiveUnit.builtIn({
            name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters: [ModelParameter.floatValue('ratioA', 0.5)], children: [sklearn('x'), sklearn('y')],
          }),
        }],
      });
    },
  },
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'with separateEnginePod, every node in separatePods and an autoscaler on the predictor',
    error: /predictors\[0\]\.separatePods take every node that runs a container, so the predictor's own pod \(componentSpecs\[0\]\) has none.*its autoscaler would be lost/,
    fix: 'Give the autoscaler to the separate pod, or keep one node in the predictor\'s own pod.',
    build: scope => {
      new SeldonDeployment(scope, 'graph', {
        separateEnginePod: true,
        predictors: [{
          name: 'a',
          graph: sklearn('m'),
          autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, maxReplicas: 3 }),
          separatePods: [{ nodes: ['m'] }],
        }],
      });
    },
  },
  alibiExplainer('a Counterfactuals explainer on the operator\'s Alibi explainer image (seldon protocol)', { explainerType: ExplainerType.COUNTERFACTUALS },
    /explainer\.explainerType "Counterfactuals" would make the explainer exit at start/,
    'Use a type seldonio/alibiexplainer runs (AnchorTabular, KernelShap, ...) or an explainer image of your own.'),
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a gRPC explainer endpoint under the tensorflow protocol',
    error: /explainer\.endpointType would make the explainer exit at start: .*--protocol=tensorflow\.grpc/,
    fix: 'Let the explainer call the predictor over REST, or run an explainer image of your own.',
    build: scope => {
      new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW, modelUri: IRIS })
        .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, endpointType: EndpointType.GRPC });
    },
  },
  alibiExplainer('an explainer config key the explainer type does not declare', { config: { seed: '1' } },
    /explainer\.config\["seed"\] would be dropped/,
    'Use an option of the explainer type (threshold, delta, batch_size, ...).'),
  alibiExplainer('an explainer config key that abbreviates two options', { config: { max: '3' } },
    /explainer\.config\["max"\] would make the explainer exit at start: argparse reads --max as an abbreviation/,
    'Write the option\'s whole name (max_anchor_size or max_samples_start).'),
  alibiExplainer('an explainer config value its option\'s type refuses', { config: { threshold: 'high' } },
    /explainer\.config\["threshold"\] "high" would make the explainer exit at start: .* reads --threshold with type=float/,
    'Give the option a value of its type: `threshold: \'0.95\'` (a float), `batch_size: \'100\'` (an int), `stop_on_first: \'true\'`.'),
  // Review 19 (v2 against the scheduler, agent and operator).
  {
    construct: 'SeldonModel',
    id: 'prod/iris',
    input: 'a name too long for its Kafka topics with its runtime\'s topic prefix',
    build: scope => {
      const prod = new Chart(scope, 'prod', { namespace: 'prod' });
      new SeldonRuntime(prod, 'runtime', { config: { kafka: { topicPrefix: 'acme-production-seldon' } } });
      new SeldonModel(prod, 'iris', { metadata: { name: 'm'.repeat(212) }, storageUri: IRIS });
    },
    error: /metadata.name \(212 characters\) makes the model's Kafka topic "acme-production-seldon.prod.model.<name>.outputs" 254 characters long, .* at most 207 characters in namespace "prod" with the topic prefix "acme-production-seldon" \(config.kafka.topicPrefix of SeldonRuntime 'models\/prod\/runtime'\)/,
    fix: 'A shorter name, or a shorter topic prefix: Seldon names topics `<topicPrefix>.<namespace>.model.<name>.outputs`, the prefix being the runtime\'s `config.kafka.topicPrefix`, else its SeldonConfig\'s, else `seldon`.',
  },
  {
    construct: 'SeldonModel',
    id: 'simple',
    input: 'parameters on a model pinned to a Triton server',
    build: scope => {
      const triton = new SeldonServer(scope, 'triton', { serverConfig: ServerConfigRef.TRITON });
      new SeldonModel(scope, 'simple', { storageUri: IRIS, requirements: ['onnx'], server: triton, parameters: { max_batch_size: '8' } });
    },
    error: /parameters \("max_batch_size"\) would be ignored: the pinned SeldonServer 'models\/triton' \(".*"\) runs a Triton agent, which writes a model's parameters nowhere/,
    fix: 'Put a Triton model\'s settings in the config.pbtxt of its artifact; only an MLServer agent writes `parameters` (into model-settings.json).',
  },
  {
    construct: 'SeldonModel',
    id: 'explainer',
    input: 'an infer_uri parameter on an explainer',
    build: scope => {
      new SeldonModel(scope, 'explainer', {
        storageUri: IRIS, explainer: ModelExplainer.forModelName('anchor_tabular', 'income'), parameters: { infer_uri: 'http://seldon-mesh/v2/models/other/infer' },
      });
    },
    error: /parameters\["infer_uri"\] would replace the inference URL of the model or pipeline it calls, which the agent writes into the model's settings from explainer/,
    fix: 'Leave `infer_uri` (and `explainer_type`) out of the parameters: the agent writes them from `explainer` (or `llm`), and a parameter of that name replaces its value.',
  },
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'with separateEnginePod and every node in separatePods, a toleration added later through predictorPod().scheduling',
    build: scope => {
      const deployment = new SeldonDeployment(scope, 'graph', { separateEnginePod: true, predictors: [{ name: 'a', graph: sklearn('m'), separatePods: [{ nodes: ['m'] }] }] });
      deployment.predictorPod('a').scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
    },
    error: /predictors\[0\]\.separatePods take every node that runs a container, so the predictor's own pod \(componentSpecs\[0\]\) has none.*its tolerations set through predictorPod\("a"\) would be lost/,
    fix: 'Place the separate pod instead (`separatePod(\'a\', 0).scheduling`), or keep one node in the predictor\'s own pod.',
  },
  {
    construct: 'SeldonRuntime',
    id: 'prod/runtime',
    input: 'a Kafka topic prefix so long that no Model\'s name fits in the topics of its namespace',
    build: scope => {
      const prod = new Chart(scope, 'prod', { namespace: 'prod' });
      new SeldonRuntime(prod, 'runtime', { config: { kafka: { topicPrefix: 'p'.repeat(240) } } });
    },
    error: /config\.kafka\.topicPrefix "p+\.\.\. \(240 characters\) leaves no room for a model name in namespace "prod": even a name of one character makes the model's Kafka topic "<prefix>\.prod\.model\.<name>\.outputs" 261 characters long, .* a topic prefix or a namespace shorter by at least 12 characters/,
    fix: 'A shorter topic prefix (or namespace): Seldon names topics `<topicPrefix>.<namespace>.model.<name>.outputs` (`pipeline` for a Pipeline), and Kafka takes at most 249 characters.',
  },
  alibiExplainer('an explainer config key holding "=" (argparse splits --key=value at the first "=")', { config: { 'threshold=2': '0.9' } },
    /explainer\.config\["threshold=2"\] would make the explainer exit at start: argparse splits "--threshold=2=0\.9" at its first "=", into --threshold and the value "2=0\.9"; .* reads --threshold with type=float, which refuses "2=0\.9"/,
    'Name the option alone in the key and put everything after the "=" in the value: `{ threshold: \'0.9\' }`.'),
  alibiExplainer('an empty explainer config key (or one starting with "="): "--" begins every option of the image', { config: { '': '0.9' } },
    /explainer\.config\[""\] would make the explainer exit at start: argparse reads "--" before the "=" as an abbreviation of every option of .* and refuses it as ambiguous/,
    'Name an option the explainer type declares in the key.'),
  {
    construct: 'SeldonConfig',
    id: 'config',
    input: 'a gateway\'s MODELGATEWAY_MAX_NUM_CONSUMERS (or PIPELINEGATEWAY_) that is no count (0, negative, not a whole number, over 2147483647)',
    build: scope => {
      new SeldonConfig(scope, 'config', {
        components: [{
          component: RuntimeComponent.MODEL_GATEWAY,
          podSpec: { containers: [{ name: 'modelgateway', image: 'docker.io/seldonio/seldon-modelgateway:2.10.2', env: [{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '0' }] }] },
        }],
      });
    },
    error: /env\["MODELGATEWAY_MAX_NUM_CONSUMERS"\] "0" is not a count of consumers: the gateway would divide by it hashing its first resource to a consumer/,
    fix: 'A whole number from 1 to 2147483647, e.g. `"10"`, or no entry (the default 100).',
  },
  alibiExplainer('an explainer config key that abbreviates an option of the image\'s outer parsers (server.py\'s --http_port, ..., or two top-level options)',
    { explainerType: ExplainerType.ANCHOR_IMAGES, config: { p: '0.5' } },
    /explainer\.config\["p"\] would make the explainer exit at start: the image's top-level parser \(parser\.py parse_args\), which reads every argument, the sub-command's too, takes --p for an abbreviation of predictor_host, protocol and refuses it as ambiguous/,
    'Write the option\'s whole name (`p_sample`).'),
  {
    construct: 'SeldonRuntime',
    id: 'runtime',
    input: 'a scheduler\'s MODELGATEWAY_MAX_NUM_CONSUMERS (or PIPELINEGATEWAY_) that is no whole number (it exits at start) or is 0 or less (replaced by 100)',
    build: scope => {
      new SeldonRuntime(scope, 'runtime', {
        overrides: [{ component: RuntimeComponent.SCHEDULER, serviceType: ServiceType.CLUSTER_IP, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue('ten') } } }],
      });
    },
    error: /overrides\["seldon-scheduler"\]\.container\.env\["MODELGATEWAY_MAX_NUM_CONSUMERS"\] "ten" is not a whole number Go's strconv\.ParseInt reads, so the scheduler would exit at start/,
    fix: 'A whole number of at least 1, e.g. `"10"`, or no entry (the default 100).',
  },
  {
    construct: 'RpsAutoscaler',
    id: 'hpa',
    input: 'a scaling rule\'s stabilisation window outside 0 seconds to 1 hour, or not in whole seconds',
    build: scope => {
      new RpsAutoscaler(scope, 'hpa', { model: new SeldonModel(scope, 'm', { storageUri: IRIS }), targetRps: 3, maxReplicas: 3, scaleDown: { stabilizationWindow: Duration.hours(2) } });
    },
    error: /scaleDown\.stabilizationWindow 2 hours is not whole seconds from 0 to 1 hour; e\.g\. Duration\.minutes\(5\)/,
    fix: 'At most `Duration.hours(1)`, in whole seconds.',
  },
  {
    construct: 'RpsAutoscaler',
    id: 'hpa',
    input: 'a scaling policy whose change is 0 (or not a whole number), whose period is outside 1 second to 30 minutes, or an empty policy list',
    build: scope => {
      new RpsAutoscaler(scope, 'hpa', { model: new SeldonModel(scope, 'm', { storageUri: IRIS }), targetRps: 3, maxReplicas: 3, scaleUp: { policies: [{ replicas: Replicas.percent(0) }] } });
    },
    error: /scaleUp\.policies\[0\]\.replicas 0 is not a whole number above 0; Replicas\.absolute\(n\) or Replicas\.percent\(n\)/,
    fix: 'A change of at least 1 (`Replicas.absolute(1)`, `Replicas.percent(10)`), a period from `Duration.seconds(1)` to `Duration.minutes(30)`, and at least one policy.',
  },
  {
    construct: 'SeldonModel',
    id: 'm',
    input: 'annotations of more than 256 KiB in all (keys and values, in bytes)',
    build: scope => {
      new SeldonModel(scope, 'm', { metadata: { annotations: { note: 'x'.repeat(262_145) } }, storageUri: IRIS });
    },
    error: /metadata\.annotations hold 262149 bytes \(keys and values\), more than the API server accepts \(ValidateAnnotations: 256 KiB in all\); at most 262144 bytes/,
    fix: 'Keep large data in a ConfigMap or Secret and point to it from a short annotation.',
  },
  {
    construct: 'SeldonConfig',
    id: 'config',
    input: 'a raw container or pod spec (v1 sidecar, SeldonConfig/ServerConfig/override podSpec) with a port outside 1-65535, a negative probe timing, a liveness or startup successThreshold other than 1, activeDeadlineSeconds or maxSkew 0',
    build: scope => {
      new SeldonConfig(scope, 'config', {
        components: [{
          component: RuntimeComponent.SCHEDULER,
          podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2', ports: [{ containerPort: 0 }] }] },
        }],
      });
    },
    error: /components\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.ports\[0\]\.containerPort 0 is not a port number; a whole number from 1 to 65535/,
    fix: 'Ports from 1 to 65535 (hostPort 0 for none), probe times and thresholds of 0 or more (successThreshold 1 on liveness and startup probes), activeDeadlineSeconds, maxSkew and minDomains of 1 or more: the API server refuses the Deployment otherwise.',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a graph node probe (cdk8s-plus Probe) with a port outside 1-65535, a negative or past-int32 time or threshold, or a liveness or startup successThreshold other than 1',
    build: model({ server: PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' }), startupProbe: Probe.fromHttpGet('/ready', { successThreshold: 2 }) }),
    error: /startupProbe\.successThreshold 2 is not 1 \(validateLivenessProbe and validateStartupProbe accept only 1\); successThreshold 1, or leave it out/,
    fix: 'successThreshold 1 on liveness and startup probes (a readiness probe may need more), ports from 1 to 65535, times of 0 seconds up to 2147483647.',
  },
  {
    construct: 'SeldonRuntime',
    id: 'rt',
    input: 'a container of a SeldonConfig component\'s or runtime override\'s podSpec, or an init container of a ServerConfig, whose name is not a DNS-1123 label (upper case, more than 63 letters)',
    build: scope => {
      new SeldonRuntime(scope, 'rt', {
        overrides: [{ component: RuntimeComponent.SCHEDULER, serviceType: ServiceType.CLUSTER_IP, podSpec: { containers: [{ name: 'Scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }] } }],
      });
    },
    error: /overrides\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.name "Scheduler" is not a valid name; a DNS-1123 label/,
    fix: 'Lower-case letters, digits and "-", at most 63 characters (the API server refuses the Deployment or StatefulSet otherwise).',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a user or group id past 2147483647 or negative (a node\'s securityContext, a raw container\'s runAsUser/runAsGroup, a pod spec\'s fsGroup or supplementalGroups), a raw port name that is not IsValidPortName, or a hostname that is not a DNS-1123 label',
    build: model({ securityContext: { user: 2 ** 31 } }),
    error: /securityContext\.user 2147483648 is not a user or group id; a whole number from 0 to 2147483647/,
    fix: 'User and group ids from 0 to 2147483647 (IsValidUserID, IsValidGroupID); port names of at most 15 lower-case letters, digits and single "-"; a hostname of at most 63 lower-case letters, digits and "-".',
  },
  {
    construct: 'ServerConfig',
    id: 'sc',
    input: 'a raw pod spec with a fractional or past-int32 priority, a fractional terminationGracePeriodSeconds or tolerationSeconds, or tolerationSeconds on a toleration whose effect is not NoExecute',
    build: scope => {
      new ServerConfig(scope, 'sc', {
        capabilities: ['mlserver'],
        podSpec: {
          containers: ['rclone', 'agent', 'mlserver'].map(n => ({ name: n, image: `docker.io/seldonio/${n === 'mlserver' ? 'mlserver:1.7.1' : `seldon-${n}:2.10.2`}` })),
          tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }],
        },
      });
    },
    error: /podSpec\.tolerations\[0\]\.tolerationSeconds is set with effect "NoSchedule" \(validateTolerations allows it only with NoExecute\)/,
    fix: 'Whole numbers (priority within int32, usually left to priorityClassName); tolerationSeconds only with effect NoExecute.',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a KEDA autoscaler whose maxReplicaCount is 0',
    build: model({ autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 10, maxReplicaCount: 0 }) }),
    error: /autoscaler\.maxReplicaCount 0 is not a replica bound; a whole number from 1 to 2147483647/,
    fix: 'At least 1: KEDA makes it the maxReplicas of the HPA it creates, and the API server refuses an HPA whose maxReplicas is 0 (KEDA refuses minReplicaCount 0 with it already).',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a raw container (v1 sidecar, SeldonConfig/ServerConfig/override podSpec) requesting more than its limit, a negative amount, a fraction of an extended resource, or an extended resource without an equal limit',
    build: model({ sidecars: [{ name: 'side', image: 'docker.io/library/busybox:1.36', resources: { requests: { 'nvidia.com/gpu': k8s.Quantity.fromString('1') } } }] }),
    error: /sidecars\[0\]\.resources\.requests\["nvidia\.com\/gpu"\] "1" has no equal limit; the same amount in limits: the API server does not overcommit nvidia\.com\/gpu/,
    fix: 'Requests at most the limits; no negative amount; extended resources (nvidia.com/gpu) in whole units, with the request equal to the limit (or only the limit).',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a toleration (scheduling.tolerate) whose evictAfter is not whole seconds',
    build: scope => {
      const m = new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
      m.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('gpu', 'a', { effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) })));
    },
    error: /scheduling\.tolerate\(node\) query 0 evictAfter 1 second 500 millis is not whole seconds \(it becomes tolerationSeconds\)/,
    fix: 'Whole seconds, e.g. `Duration.minutes(5)`: Kubernetes reads tolerationSeconds as an integer (cdk8s-plus threw a bare error here).',
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'an HPA metric (Autoscaler.hpa) whose averageUtilization target is a fraction',
    build: model({
      autoscaler: Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.resourceCpu(MetricTarget.averageUtilization(1.5))] }),
      resources: { cpu: { request: Cpu.millis(100) } },
    }),
    error: /autoscaler\.metrics\[0\] has target averageUtilization 1\.5, not a whole percentage; a whole number from 1 to 2147483647/,
    fix: 'A whole percentage: the HPA (and the SeldonDeployment CRD\'s hpaSpec.metricsv2) reads averageUtilization as an int32.',
  },
  {
    construct: 'SeldonConfig',
    id: 'config',
    input: 'a probe or lifecycle hook on an init container of a raw pod spec (SeldonConfig, ServerConfig or override podSpec)',
    build: scope => {
      new SeldonConfig(scope, 'config', {
        components: [{
          component: RuntimeComponent.SCHEDULER,
          podSpec: {
            containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }],
            initContainers: [{ name: 'init', image: 'docker.io/seldonio/seldon-scheduler:2.10.2', startupProbe: { exec: { command: ['true'] } } }],
          },
        }],
      });
    },
    error: /podSpec\.initContainers\[0\]\.startupProbe is set on an init container, which the API server refuses \(validateInitContainers\)/,
    fix: 'Put probes and lifecycle hooks on the containers; an init container runs to completion before them.',
  },
];
