import { Duration, Size } from 'cdk8s';
import { EnvValue, ServiceAccount } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  BuiltInImplementation, EndpointType, ExplainerType, ModelParameter, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedModelProps,
  PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment, SeldonProtocol, Transport,
} from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });

const graph = (input: string, unit: () => PredictiveUnit, error: RegExp, fix: string): BadInput => badInput('SeldonDeployment', 'graph', input, (scope: Construct) => {
  new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'p', graph: unit() }] });
}, error, fix);
const abTest = (parameters: ModelParameter[], children = [sklearn('a'), sklearn('b')]) => () =>
  PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters, children });
const model = (input: string, props: Partial<PrepackagedModelProps>, error: RegExp, fix: string): BadInput => badInput('PrepackagedModel', 'iris', input, (scope: Construct) => {
  new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props });
}, error, fix);

const explained = (input: string, props: Partial<PrepackagedModelProps>, endpointType: EndpointType | undefined, error: RegExp, fix: string,
  explainer: object = {}): BadInput =>
  badInput('PrepackagedModel', 'iris', input, (scope: Construct) => {
    new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, protocol: SeldonProtocol.V2, ...props })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, endpointType, ...explainer });
  }, error, fix);

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */
export const V1_FIDELITY_BAD_INPUTS: BadInput[] = [
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'explainer env under the v2 protocol (the operator replaces it: seldondeployment_explainers.go createExplainer)',
    error: /explainer\.env would be lost: under the v2 protocol the operator replaces the explainer container's env with MLServer's alibi-explain variables; accepted: no env on a v2 explainer/,
    fix: 'Pass the explainer\'s settings in `initParameters`.',
    build: (scope: Construct) => {
      new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, protocol: SeldonProtocol.V2 })
        .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, env: { LOG_LEVEL: EnvValue.fromValue('debug') } });
    },
  },
  explained('an explainer with endpointType GRPC under the v2 protocol (mlserver.go writes the gRPC endpoint into an http:// infer_uri)', {}, EndpointType.GRPC,
    /explainer\.endpointType would fail every explanation: with endpointType GRPC the operator gives MLServer's alibi-explain runtime the predictor's gRPC endpoint, which it calls over REST/,
    'Leave `endpointType` out (REST) for a v2 explainer.'),
  explained('an explainer on a deployment with grpc transport under the v2 protocol', { transport: Transport.GRPC }, undefined,
    /transport would fail every explanation: with the deployment's grpc transport the operator gives MLServer's alibi-explain runtime the predictor's gRPC endpoint/,
    'Use REST transport on a v2 deployment with an explainer, or serve the explainer from a deployment of its own.'),
  model('podLabels that set seldon-deployment-id, the label the operator\'s Deployment selector matches (seldondeployment_controller.go)',
    { podLabels: { 'seldon-deployment-id': 'iris' } },
    /podLabels\["seldon-deployment-id"\] would replace the label the operator's Deployment selector matches \(seldon-deployment-id: <its id>\), and Kubernetes rejects a Deployment/,
    'Leave `seldon-deployment-id` to the operator; select the pods by a label of your own.'),
  model('a podAnnotations value holding "=" beside the deployment\'s restTimeout (executor/k8s/annotation.go drops every annotation of its pod)',
    { restTimeout: Duration.seconds(10), podAnnotations: { 'example.com/query': 'team=ml' } },
    /podAnnotations\["example\.com\/query"\] "team=ml" holds "=", and the executor splits each line of its pod's annotations file .* so the deployment's restTimeout would be lost/,
    'Write the value without "=", or put it in `metadata.annotations`, which the operator does not copy to pods.'),
  model('a podAnnotations rest-timeout the executor cannot parse (it exits at start: executor/cmd/executor/main.go)', { podAnnotations: { 'seldon.io/rest-timeout': '10s' } },
    /podAnnotations\["seldon\.io\/rest-timeout"\] "10s" is not a number the executor reads; it parses the annotation as an integer and exits at start/,
    'Use the deployment\'s `restTimeout: Duration.seconds(10)`, or write milliseconds: "10000".'),
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'a gs:// URI with an RcloneSecret whose GCS key is remote "gcs" (the initializer reads gs:// with its built-in anonymous remote)',
    error: /modelUri "gs:\/\/private\/iris" reads with the storage initializer's built-in anonymous remote "gs", so the Google Cloud Storage remote "gcs" of credentials RcloneSecret '[^']*creds' is never used/,
    fix: 'Read with the Secret\'s remote: `ModelUri.remote(\'gcs\', \'private/iris\')`.',
    build: (scope: Construct) => {
      const creds = new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.gcs({ serviceAccountCredentials: '{"type":"service_account"}' })] });
      new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('private', 'iris'), credentials: creds });
    },
  },
  model('grpcMaxMessageSize with separateEnginePod (the executor\'s own pod gets only prometheus annotations: seldondeployment_engine.go)',
    { separateEnginePod: true, grpcMaxMessageSize: Size.mebibytes(8) },
    /grpcMaxMessageSize would be lost: the executor reads it from its pod's annotations, and with separateEnginePod the operator gives the executor's pod only its prometheus annotations/,
    'Drop `separateEnginePod`, or the size.'),
  explained('explainer config under the v2 protocol (MLServer\'s alibi-explain runtime gets only initParameters)', {}, undefined,
    /explainer\.config would be lost: under the v2 protocol the operator hands MLServer's alibi-explain runtime only initParameters/,
    'Pass the settings as `initParameters`.', { config: { threshold: '0.95' } }),
  explained('explainer initParameters under the seldon protocol (the Alibi explainer gets config as arguments)', { protocol: undefined }, undefined,
    /explainer\.initParameters would be lost: under the seldon protocol the operator starts the Alibi explainer with config as its arguments/,
    'Pass the settings as `config` (strings).', { initParameters: { threshold: 0.95 } }),
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'engineEnv on a predictor with seldon.io/no-engine "true" (the operator creates no executor)',
    error: /predictors\[0\]\.annotations\["seldon\.io\/no-engine"\] runs the predictor without the executor, so engineEnv would be lost/,
    fix: 'Drop `engineEnv`, or the no-engine annotation.',
    build: (scope: Construct) => {
      new SeldonDeployment(scope, 'graph', {
        predictors: [{ name: 'p', annotations: { 'seldon.io/no-engine': 'true' }, engineEnv: { LOG_LEVEL: EnvValue.fromValue('DEBUG') }, graph: sklearn('m') }],
      });
    },
  },
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'a predictor label seldon-app with separateEnginePod (createEngineDeployment copies the predictor\'s labels over the executor pod\'s)',
    error: /predictors\[0\]\.labels\["seldon-app"\] would replace the label the separate executor Deployment's selector matches/,
    fix: 'Select the pods by a label of your own; the operator sets `seldon-app`.',
    build: (scope: Construct) => {
      new SeldonDeployment(scope, 'graph', { separateEnginePod: true, predictors: [{ name: 'p', labels: { 'seldon-app': 'mine' }, graph: sklearn('m') }] });
    },
  },
  graph('RANDOM_ABTEST with ratioA and another parameter', abTest([ModelParameter.floatValue('ratioA', 0.7), ModelParameter.intValue('seed', 1)]),
    /predictors\[0\]\.graph\.parameters has 2 entries; the executor reads ratioA only when it is the node's sole parameter/, 'Give RANDOM_ABTEST ratioA alone.'),
  graph('RANDOM_ABTEST with a non-numeric ratioA', abTest([ModelParameter.stringValue('ratioA', 'half')]),
    /predictors\[0\]\.graph\.parameters\[0\] \(ratioA\) "half" is not a decimal number/, 'Use `ModelParameter.floatValue("ratioA", 0.5)`.'),
  graph('RANDOM_ABTEST with a hexadecimal ratioA', abTest([ModelParameter.stringValue('ratioA', '0x1p-1')]),
    /ratioA\) "0x1p-1" is read by the executor's strconv\.ParseFloat, so Seldon accepts it, but the library takes a decimal share only/, 'Write the share in decimal.'),
  graph('RANDOM_ABTEST with ratioA 70 (a percentage)', abTest([ModelParameter.floatValue('ratioA', 70)]),
    /ratioA\) 70 is outside 0 to 1; Seldon accepts it, but the executor then sends every request to one child/, 'Write the share as 0.7.'),
  graph('RANDOM_ABTEST with three children', abTest([], [sklearn('a'), sklearn('b'), sklearn('c')]),
    /predictors\[0\]\.graph\.children has 3 nodes; Seldon accepts this, but RANDOM_ABTEST only ever picks the first two/, 'Give it two children (nest another RANDOM_ABTEST for three).'),
  graph('a built-in node with a blank name', () => PredictiveUnit.builtIn({ name: '', implementation: BuiltInImplementation.SIMPLE_MODEL }),
    /predictors\[0\]\.graph\.name "" is not a node name/, 'Name the node.'),
  model('a custom server with modelUriRequired: false and no modelUri', { server: PrepackagedServer.custom('MY_SERVER', { modelUriRequired: false }), modelUri: undefined },
    /modelUri is missing; Seldon's webhook requires it on a MY_SERVER node .*modelUriRequired: false does not change this/, 'Set `modelUri`: only HUGGINGFACE_SERVER may go without.'),
  model('an rclone connection string with an unterminated quote', { modelUri: ModelUri.parse(':s3,endpoint="http://minio:9000:models/iris') },
    /modelUri ":s3,endpoint=\\"http:\/\/minio:9000:models\/iris" has an unterminated " in its connection string/, 'Close the quote around the option value.'),
  model('env MLSERVER_HTTP_PORT (the operator sets it)', { env: { MLSERVER_HTTP_PORT: EnvValue.fromValue('8080') } },
    /env\["MLSERVER_HTTP_PORT"\] is set by the operator with SetEnvVar\(override=false\), which drops the container's whole environment/, 'Drop it: the operator sets the port variables.'),
  model('env MLSERVER_MODEL_URI on a node with modelUri', { protocol: SeldonProtocol.V2, env: { MLSERVER_MODEL_URI: EnvValue.fromValue('/models') } },
    /env\["MLSERVER_MODEL_URI"\] is set by the operator with SetEnvVar/, 'Drop it: the model is at /mnt/models.'),
  model('SKLEARN parameter the server class does not take', { parameters: [ModelParameter.stringValue('threshold', '0.5')] },
    /parameters\[0\] is named "threshold", which SKLEARN_SERVER under the seldon protocol does not take/, 'Use `method`, or the V2 protocol.'),
  model('SKLEARN method its server class does not know', { parameters: [ModelParameter.stringValue('method', 'predict_probability')] },
    /parameters\[0\] "method" has the value "predict_probability", which SKLEARN_SERVER under the seldon protocol does not know: its server class then silently calls predict\(\)/,
    'Write predict_proba, decision_function or predict.'),
  model('XGBOOST with any parameter', { server: PrepackagedServer.XGBOOST, parameters: [ModelParameter.stringValue('method', 'predict')] },
    /parameters\[0\] is named "method", which XGBOOST_SERVER under the seldon protocol does not take/, 'Drop the parameter.'),
  model('TENSORFLOW parameter model_name', { server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('model_name', 'm')] },
    /parameters\[0\] is named "model_name" with value "m", but the operator appends model_name="classifier"/, 'Name the node after the model.'),
  graph('two pvc:// nodes in one default-mode pod', () => PredictiveUnit.builtIn({
    name: 'ab',
    implementation: BuiltInImplementation.RANDOM_ABTEST,
    children: ['a', 'b'].map(n => PredictiveUnit.prepackaged({ name: n, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('models', n) })),
  }), /predictors\[0\]\.graph has 2 pvc:\/\/ nodes in the predictor's pod; the operator adds a volume named kfserving-pvc-source for each/,
  'Use explicitStorageInitializer: true, give one node a pod of its own (separatePods), or keep one pvc:// node per pod.'),
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'a seldon.io/svc-name that is not a Service name',
    error: /predictors\[0\]\.annotations\["seldon\.io\/svc-name"\] "Iris_Svc" is not a Service name/,
    fix: 'Use a DNS-1035 label.',
    build: (scope: Construct) => {
      new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'p', annotations: { 'seldon.io/svc-name': 'Iris_Svc' }, graph: sklearn('m') }] });
    },
  },
  {
    construct: 'PrepackagedModel',
    id: 'iris',
    input: 'an explainer reading through an env_auth remote without its own ServiceAccount, where the predictor has one',
    error: /explainer\.serviceAccount is not set, but explainer\.modelUri "s3:\/\/models\/explainer" is read through remote "s3" of RcloneSecret 'models\/creds', which takes its credentials from the pod's identity/,
    fix: 'Give the explainer the predictor\'s ServiceAccount.',
    build: (scope: Construct) => {
      const credentials = new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
      new PrepackagedModel(scope, 'iris', {
        server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials, serviceAccount: ServiceAccount.fromServiceAccountName(scope, 'sa', 'reader'),
      }).withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('models', 'explainer'), credentials });
    },
  },
];
