import { ApiObject, Duration, Size } from 'cdk8s';
import { Cpu, EnvValue, Node, NodeLabelQuery, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  BuiltInImplementation, Experiment, ExperimentTarget, MigratedModel, ModelExplainer, ModelLlm, ModelParameter, ModelUri, Pipeline,
  PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneExternalSecretProps, RcloneRemote, RcloneSecret,
  RcloneSecretFormat, RuntimeComponent,
  SeldonDeployment, SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigRef, StepRef,
} from '../../src';

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
// What a JavaScript caller can pass that TypeScript would refuse.
const js = <T>(value: unknown) => value as T;

const entry = badInput;
const v1 = (input: string, props: object, error: RegExp, fix: string) => entry('PrepackagedModel', 'iris', input,
  scope => new PrepackagedModel(scope, 'iris', js({ server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props })), error, fix);
const v2 = (input: string, props: object, error: RegExp, fix: string) => entry('SeldonModel', 'iris', input,
  scope => new SeldonModel(scope, 'iris', js({ storageUri: IRIS, ...props })), error, fix);

/** Wrong runtime types, as JavaScript, Python, Java and Go callers can pass them. */
const WRONG_TYPES: BadInput[] = [
  v1('JS: modelUri as a string', { modelUri: 'gs://b/iris' },
    /modelUri is a string "gs:\/\/b\/iris"; accepted: a ModelUri from .*ModelUri.parse\("gs:\/\/b\/iris"\)/, 'ModelUri.parse("gs://b/iris") or ModelUri.gcs("b", "iris")'),
  v1('JS: server as the implementation string', { server: 'SKLEARN_SERVER' },
    /server is a string "SKLEARN_SERVER"; accepted: a PrepackagedServer from .*PrepackagedServer.SKLEARN/, 'server: PrepackagedServer.SKLEARN'),
  v1('JS: credentials as a Secret name', { credentials: 'my-secret' },
    /credentials is a string \(not shown: it may be a credential\); accepted: an ISecret from Secret.fromSecretName\(\)/, 'RcloneSecret.fromExistingSecret(scope, id, "my-secret") or Secret.fromSecretName(scope, id, "my-secret")'),
  v1('JS: env values as plain strings', { env: { A: 'x' } },
    /env.A is a string "x"; accepted: an EnvValue from .*EnvValue.fromValue\("x"\)/, 'env: { A: EnvValue.fromValue("x") }'),
  v1('JS: parameters as plain objects', { parameters: [{ name: 'n', value: 1 }] },
    /parameters\[0\] is a plain object; accepted: a ModelParameter from ModelParameter.boolValue\(\)/, 'ModelParameter.intValue("n", 1)'),
  v1('JS: replicas NaN', { replicas: NaN }, /replicas is NaN; accepted: a finite number/, 'a whole number of replicas'),
  v1('JS: replicas Infinity', { replicas: Infinity }, /replicas is Infinity; accepted: a finite number/, 'a whole number of replicas'),
  v1('JS: replicas as a string', { replicas: '2' }, /replicas is a string "2"; accepted: a finite number/, 'replicas: 2'),
  v1('JS: metadata.labels values as numbers', { metadata: { labels: { tier: 1 } } },
    /metadata.labels.tier is the number 1; accepted: a string/, 'label values are strings: { tier: "1" }'),
  v1('JS: resources.cpu as a string', { resources: { cpu: { request: '100m' } } },
    /resources.cpu.request is a string "100m"; accepted: a Cpu from Cpu.millis\(\), Cpu.units\(\)/, 'resources: { cpu: { request: Cpu.millis(100) } }'),
  v1('JS: explicitStorageInitializer as a string', { explicitStorageInitializer: 'yes' },
    /explicitStorageInitializer is a string "yes"; accepted: true or false/, 'explicitStorageInitializer: true'),
  v1('JS: serviceAccount as a name', { serviceAccount: 'models' },
    /serviceAccount is a string "models"; accepted: an IServiceAccount from ServiceAccount.fromServiceAccountName\(\)/, 'ServiceAccount.fromServiceAccountName(scope, id, "models")'),
  entry('PrepackagedModel', 'iris', 'JS: null props', scope => new PrepackagedModel(scope, 'iris', js(null)),
    /props is null; accepted: a PrepackagedModelProps object with server/, 'pass the props object'),
  v2('JS: storageUri as a string', { storageUri: 'gs://b/iris' },
    /storageUri is a string "gs:\/\/b\/iris"; accepted: a ModelUri from .*ModelUri.parse\("gs:\/\/b\/iris"\)/, 'storageUri: ModelUri.parse("gs://b/iris")'),
  v2('JS: requirements as one string', { requirements: 'sklearn' },
    /requirements is a string "sklearn"; accepted: an array whose elements are each a string/, 'requirements: ["sklearn"]'),
  v2('JS: parameters values as numbers', { parameters: { batch: 4 } },
    /parameters.batch is the number 4; accepted: a string/, 'parameters: { batch: "4" }'),
  v2('JS: server as a name', { server: 'mlserver' },
    /server is a string "mlserver"; accepted: an ISeldonServer from SeldonServer.fromServerName\(\)/, 'SeldonServer.fromServerName(scope, id, "mlserver") or a SeldonServer of the app'),
  v2('JS: secret as a Secret name', { secret: 'creds' },
    /secret is a string \(not shown: it may be a credential\); accepted: an ISecret/, 'RcloneSecret.fromExistingSecret(scope, id, "creds", { format: RcloneSecretFormat.V2_DOCUMENT })'),
  v2('JS: a parameter named __proto__ (a parsed map)', { parameters: JSON.parse('{"__proto__": "x"}') },
    /parameters\.__proto__ would be lost \(JavaScript reads it as the prototype\); accepted: any other key/, 'another name'),
  v2('JS: minReplicas -Infinity', { minReplicas: -Infinity }, /minReplicas is -Infinity; accepted: a finite number/, 'a whole number'),
  entry('SeldonDeployment', 'graph', 'JS: null inside predictors', scope => new SeldonDeployment(scope, 'graph', { predictors: [js(null)] }),
    /predictors\[0\] is null; accepted: a PredictorProps object with graph, name/, 'remove the null entry'),
  entry('SeldonDeployment', 'graph', 'JS: graph as the props of a node', scope => new SeldonDeployment(scope, 'graph', {
    predictors: [{ name: 'default', graph: js({ name: 'classifier', server: PrepackagedServer.SKLEARN, modelUri: IRIS }) }],
  }), /predictors\[0\].graph is a plain object; accepted: a PredictiveUnit from PredictiveUnit.builtIn\(\)/, 'graph: PredictiveUnit.prepackaged({ ... })'),
  entry('SeldonDeployment', 'graph', 'JS: predictors as one object', scope => new SeldonDeployment(scope, 'graph', js({
    predictors: { name: 'default', graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS }) },
  })), /predictors is a plain object; accepted: an array whose elements are each a PredictorProps object/, 'predictors: [{ ... }]'),
  entry('SeldonServer', 'server', 'JS: server replicas as a string', scope => new SeldonServer(scope, 'server', js({ replicas: '1' })),
    /replicas is a string "1"; accepted: a finite number/, 'replicas: 1'),
  entry('SeldonServer', 'server', 'JS: capabilities as one string', scope => new SeldonServer(scope, 'server', js({ extraCapabilities: 'gpu' })),
    /extraCapabilities is a string "gpu"; accepted: an array whose elements are each a string/, 'extraCapabilities: ["gpu"]'),
  entry('SeldonServer', 'server', 'JS: mountPvc with a claim name', scope => new SeldonServer(scope, 'server').mountPvc(js('models'), '/mnt/models'),
    /mountPvc\(\) claim is a string "models"; accepted: an IPersistentVolumeClaim from PersistentVolumeClaim.fromClaimName\(\)/, 'PersistentVolumeClaim.fromClaimName(scope, id, "models")'),
  entry('SeldonServer', 'server', 'JS: addCapability with a number', scope => new SeldonServer(scope, 'server').addCapability(js(3)),
    /addCapability\(\) capability is the number 3; accepted: a string/, 'addCapability("gpu")'),
  entry('ServerConfig', 'config', 'JS: podSpec containers as one object', scope => new ServerConfig(scope, 'config', js({ podSpec: { containers: { name: 'x' } } })),
    /podSpec.containers is a plain object; accepted: an array whose elements are each a k8s.Container object with name/, 'podSpec: { containers: [{ name: "x" }] }'),
  entry('RcloneSecret', 'creds', 'JS: remotes as plain objects', scope => new RcloneSecret(scope, 'creds', js({ remotes: [{ type: 's3' }] })),
    /remotes\[0\] is a plain object; accepted: a RcloneRemote from RcloneRemote.azureBlob\(\)/, 'RcloneRemote.s3({ ... })'),
  entry('RcloneSecret', 'creds', 'JS: addRemote with a connection string', scope => new RcloneSecret(scope, 'creds').addRemote(js(':s3,env_auth=true:')),
    /addRemote\(\) remote is a string \(not shown: it may be a credential\); accepted: a RcloneRemote/, 'addRemote(RcloneRemote.s3({ envAuth: true })); a string given for a remote may be a pasted rclone config, so it is not echoed'),
  entry('RcloneSecret', 'creds', 'JS: fromExistingSecret with a number as the name', scope => RcloneSecret.fromExistingSecret(scope, 'creds', js(7)),
    /name is the number 7; accepted: a string/, 'the Secret name as a string'),
  entry('Pipeline', 'p', 'JS: output.steps as one string', scope => new Pipeline(scope, 'p', js({ metadata: { name: 'p' }, output: { steps: 'iris' } })),
    /output.steps is a string "iris"; accepted: an array whose elements are each a StepRef/, 'output: { steps: [step] }'),
  entry('Pipeline', 'p', 'JS: allowCycles as a string', scope => new Pipeline(scope, 'p', js({ metadata: { name: 'p' }, allowCycles: 'true' })),
    /allowCycles is a string "true"; accepted: true or false/, 'allowCycles: true'),
  entry('Experiment', 'ab', 'JS: candidate weight as a string', scope => new Experiment(scope, 'ab', js({
    metadata: { name: 'ab' }, candidates: [{ target: ExperimentTarget.modelName('a'), weight: '50' }],
  })), /candidates\[0\].weight is a string "50"; accepted: a finite number/, 'weight: 50'),
  entry('Experiment', 'ab', 'JS: addCandidate with a model name', scope => new Experiment(scope, 'ab', { metadata: { name: 'ab' } }).addCandidate(js('iris'), 50),
    /addCandidate\(\) target is a string "iris"; accepted: an ExperimentTarget from .*ExperimentTarget.modelName\("iris"\)/, 'addCandidate(ExperimentTarget.modelName("iris"), 50)'),
  entry('MigratedModel', 'migrated', 'JS: prepackagedModel as its props', scope => new MigratedModel(scope, 'migrated', js({
    prepackagedModel: { server: PrepackagedServer.SKLEARN, modelUri: IRIS },
  })), /prepackagedModel is a plain object; accepted: a PrepackagedModel from new PrepackagedModel\(\)/, 'pass the PrepackagedModel construct'),
  entry('RcloneSecret', 'creds', 'JS: immutable as a string', scope => new RcloneSecret(scope, 'creds', js({ remotes: [RcloneRemote.s3({ envAuth: true })], immutable: 'no' })),
    /immutable is a string "no"; accepted: true or false/, 'immutable: false'),
];

const unitIn = (input: string, unit: () => PredictiveUnit, error: RegExp, fix: string) => entry('SeldonDeployment', 'graph', input,
  scope => new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'default', graph: unit() }] }), error, fix);

/** Wrong runtime types given to the factories of value classes: reported by the construct that receives the value. */
// Arguments of public instance methods and of value-class constructors, as a JavaScript or jsii-language caller passes them (src/k8s/method-check.ts).
const irisModel = (scope: Construct) => new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const METHOD_ARGS: BadInput[] = [
  entry('PrepackagedModel', 'iris', 'predictorPod with a number for the predictor name', scope => irisModel(scope).predictorPod(js(42)),
    /predictorPod\(\) predictorName is the number 42; accepted: a string/, 'predictorPod("default")'),
  entry('PrepackagedModel', 'iris', 'separatePod with a string for the index', scope => irisModel(scope).separatePod('default', js('0')),
    /separatePod\("default"\) index is a string "0"; accepted: a finite number/, 'separatePod("default", 0)'),
  entry('PrepackagedModel', 'iris', 'scheduling.spread with null options', scope => irisModel(scope).predictorPod('default').scheduling.spread(js(null)),
    /scheduling\.spread\(\) options is null; accepted: a WorkloadSchedulingSpreadOptions object, or leave the field out/, 'spread() or spread({ topology: Topology.ZONE })'),
  entry('PrepackagedModel', 'iris', 'scheduling.attract with a string weight', scope => irisModel(scope).predictorPod('default').scheduling.attract(
    Node.labeled(NodeLabelQuery.is('pool', 'gpu')), js({ weight: 'x' })), /scheduling\.attract\(\) options\.weight is a string "x"; accepted: a finite number/,
  'attract(Node.labeled(NodeLabelQuery.is("pool", "gpu")), { weight: 50 })'),
  entry('SeldonServer', 'mlserver', 'scheduling.tolerate with a number', scope => new SeldonServer(scope, 'mlserver', { serverConfig: ServerConfigRef.MLSERVER }).scheduling.tolerate(js(1)),
    /scheduling\.tolerate\(\) node is the number 1; accepted: a TaintedNode/, 'tolerate(Node.tainted(NodeTaintQuery.is("gpu")))'),
  entry('Pipeline', 'p', 'a pipeline step\'s outputs() with a number for the tensor', scope => {
    new Pipeline(scope, 'p', { metadata: { name: 'p' } }).addStepForModelName('m').outputs(js(42));
  }, /steps\["m"\]\.outputs\(\) tensor is the number 42; accepted: a string, or leave the field out/, 'outputs("OUTPUT0"), or outputs() for every tensor'),
  entry('RcloneSecret', 'creds', 'definesRemote with null', scope => new RcloneSecret(scope, 'creds').definesRemote(js(null)),
    /definesRemote\(\) name is null; accepted: a string/, 'definesRemote("s3")'),
  v1('JS: ModelUri.gcs with no arguments', { modelUri: js<(...a: unknown[]) => ModelUri>(ModelUri.gcs)() },
    /modelUri \(ModelUri.gcs\(\) bucket\) is missing; accepted: a string/, 'ModelUri.gcs("bucket", "path")'),
];

const FACTORY_TYPES: BadInput[] = [
  unitIn('JS: PredictiveUnit.prepackaged with a server string', () => PredictiveUnit.prepackaged(js({ name: 'c', server: 'SKLEARN_SERVER', modelUri: IRIS })),
    /predictors\[0\].graph \(PredictiveUnit.prepackaged\(\) props.server\) is a string "SKLEARN_SERVER"; accepted: a PrepackagedServer/, 'server: PrepackagedServer.SKLEARN'),
  unitIn('JS: PredictiveUnit.prepackaged with env strings', () => PredictiveUnit.prepackaged(js({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS, env: { A: 'x' } })),
    /\(PredictiveUnit.prepackaged\(\) props.env.A\) is a string "x"; accepted: an EnvValue/, 'env: { A: EnvValue.fromValue("x") }'),
  unitIn('JS: PredictiveUnit children with null', () => PredictiveUnit.builtIn(js({ name: 'r', implementation: 'SIMPLE_ROUTER', children: [null] })),
    /\(PredictiveUnit.builtIn\(\) props.children\[0\]\) is null; accepted: a PredictiveUnit/, 'remove the null child'),
  unitIn('JS: PredictiveUnit.component with a unitType string', () => PredictiveUnit.component(js({ name: 'c', unitType: 'MODEL', image: 3 })),
    /\(PredictiveUnit.component\(\) props.image\) is the number 3; accepted: a string/, 'image: "repo/image:tag"'),
  unitIn('JS: PredictiveUnit.builtIn with no props', () => PredictiveUnit.builtIn(js(undefined)),
    /\(PredictiveUnit.builtIn\(\) props\) is missing; accepted: a BuiltInUnitProps object with implementation, name/, 'PredictiveUnit.builtIn({ name, implementation })'),
  v1('JS: ModelUri.gcs with a number as the bucket', { modelUri: ModelUri.gcs(js(3), 'iris') },
    /modelUri \(ModelUri.gcs\(\) bucket\) is the number 3; accepted: a string/, 'ModelUri.gcs("bucket", "path")'),
  v1('JS: an env value as a number', { env: { WORKERS: EnvValue.fromValue(js(5)) } },
    /env\["WORKERS"\] is the number 5, which the API server refuses as an env value; a string, e.g. EnvValue.fromValue\("5"\)/, 'EnvValue.fromValue("5")'),
  v1('JS: ModelParameter.intValue with a string', { parameters: [ModelParameter.intValue('n', js('3'))] },
    /parameters\[0\] \(ModelParameter.intValue\("n"\) value\) is a string "3"; accepted: a finite number/, 'ModelParameter.intValue("n", 3)'),
  v1('JS: ModelParameter.boolValue with a string', { parameters: [ModelParameter.boolValue('b', js('true'))] },
    /parameters\[0\] \(ModelParameter.boolValue\("b"\) value\) is a string "true"; accepted: true or false/, 'ModelParameter.boolValue("b", true)'),
  entry('RcloneSecret', 'creds', 'JS: RcloneRemote.s3 with a number as the key', scope => new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.s3(js({ accessKeyId: 1234, secretAccessKey: 'x' }))] }),
    /remotes\[0\] \(RcloneRemote.s3\(\) props.accessKeyId\) is a number \(not shown: it may be a credential\); accepted: a string/, 'credentials are strings'),
  entry('RcloneSecret', 'creds', 'JS: RcloneRemote.custom with a number option', scope => new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.custom('dav', 'webdav', js({ port: 8080 }))] }),
    /remotes\[0\] \(RcloneRemote.custom\("dav"\) options.port\) is the number 8080; accepted: a string/, 'options: { port: "8080" }'),
  entry('RcloneSecret', 'creds', 'JS: RcloneRemote.minio with no props', scope => new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.minio(js(null))] }),
    /remotes\[0\] \(RcloneRemote.minio\(\) props\) is null; accepted: a MinioRemoteProps object with accessKeyId, endpoint, secretAccessKey/, 'RcloneRemote.minio({ endpoint, accessKeyId, secretAccessKey })'),
  entry('SeldonServer', 'server', 'JS: ServerConfigRef.fromName with a number', scope => new SeldonServer(scope, 'server', { serverConfig: ServerConfigRef.fromName(js(7)) }),
    /serverConfig \(ServerConfigRef.fromName\(\) name\) is the number 7; accepted: a string/, 'ServerConfigRef.fromName("mlserver")'),
  entry('Pipeline', 'p', 'JS: StepRef.fromString with a number', scope => new Pipeline(scope, 'p', { metadata: { name: 'p' }, output: { steps: [StepRef.fromString(js(5))] } }),
    /output.steps\[0\] \(StepRef.fromString\(\) reference\) is the number 5; accepted: a string/, 'StepRef.fromString("iris")'),
  entry('Experiment', 'ab', 'JS: ExperimentTarget.modelName with null', scope => new Experiment(scope, 'ab', { metadata: { name: 'ab' }, defaultCandidate: ExperimentTarget.modelName(js(null)) }),
    /defaultCandidate \(ExperimentTarget.modelName\(\) name\) is null; accepted: a string/, 'ExperimentTarget.modelName("iris")'),
  v2('JS: ModelExplainer.forModelName with a number', { explainer: ModelExplainer.forModelName('anchor_tabular', js(1)) },
    /explainer \(ModelExplainer.forModelName\(\) modelName\) is the number 1; accepted: a string/, 'ModelExplainer.forModelName("anchor_tabular", "iris")'),
];

/** Objects of one kind, namespace and name (src/k8s/unique-names.ts). */
const DUPLICATES: BadInput[] = [
  entry('PrepackagedModel', 'b', 'two SeldonDeployments named alike in one namespace', scope => {
    new PrepackagedModel(scope, 'a', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    new PrepackagedModel(scope, 'b', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
  }, /metadata.name "iris" is also the name of the SeldonDeployment of PrepackagedModel 'models\/a'; kubectl apply would keep only one/, 'name one of them differently'),
  entry('RcloneSecret', 'b', 'two RcloneSecrets named alike', scope => {
    new RcloneSecret(scope, 'a', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new RcloneSecret(scope, 'b', { metadata: { name: 'creds' }, remotes: [RcloneRemote.gcs()] });
  }, /metadata.name "creds" is also the name of the Secret of RcloneSecret 'models\/a'/, 'one RcloneSecret with both remotes, or two names'),
  entry('Secret', 'plain', 'a cdk8s-plus Secret named like an RcloneSecret', scope => {
    new RcloneSecret(scope, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new Secret(scope, 'plain', { metadata: { name: 'creds' } });
  }, /metadata.name "creds" is also the name of the Secret of RcloneSecret 'models\/creds'/, 'rename the plain Secret'),
  entry('Secret', 'raw', 'a plain ApiObject named like a library Secret', scope => {
    new RcloneSecret(scope, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new ApiObject(scope, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' } });
  }, /metadata.name "creds" is also the name of the Secret of RcloneSecret 'models\/creds'/, 'rename one of them'),
  entry('SeldonDeployment', 'b', 'two SeldonDeployments with graphs named alike', scope => {
    const graph = () => [{ name: 'default', graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS }) }];
    new SeldonDeployment(scope, 'a', { metadata: { name: 'graph' }, predictors: graph() });
    new SeldonDeployment(scope, 'b', { metadata: { name: 'graph' }, predictors: graph() });
  }, /metadata.name "graph" is also the name of SeldonDeployment 'models\/a'/, 'name one of them differently'),
];

/** Credentials where they do not belong: never accepted, never echoed. */
const CREDENTIALS: BadInput[] = [
  v1('an s3:// URI with an access key and secret in it', { modelUri: ModelUri.parse('s3://AKIAKEY:SECRETKEY@bucket/iris') },
    /modelUri "s3:\/\/\*\*\*@bucket\/iris" carries credentials before "@" \(shown as \*\*\*\); a URI holds no credentials/, 'ModelUri.s3("bucket", "iris") and the keys in an RcloneSecret'),
  v1('a gs:// URI with a token in it', { modelUri: ModelUri.parse('gs://ya29.TOKEN@bucket/iris') },
    /modelUri "gs:\/\/\*\*\*@bucket\/iris" carries credentials before "@"/, 'ModelUri.gcs("bucket", "iris") and RcloneRemote.gcs() credentials in an RcloneSecret'),
  v2('a v2 storageUri with user info', { storageUri: ModelUri.parse('minio://admin:hunter2@models/iris'), requirements: ['sklearn'] },
    /storageUri "minio:\/\/\*\*\*@models\/iris" carries credentials before "@"/, 'the keys in an RcloneSecret with format V2_DOCUMENT, referenced by secret'),
  v1('credentials inside a bucket name given to ModelUri.s3', { modelUri: ModelUri.s3('KEY:SECRET@bucket', 'iris') },
    /modelUri "s3:\/\/\*\*\*@bucket\/iris" carries credentials before "@"/, 'ModelUri.s3("bucket", "iris")'),
  v1('a connection string whose option name is quoted', { modelUri: ModelUri.parse('s3,"secret_access_key"=SECRET:bucket/iris') },
    /modelUri "s3,\\"secret_access_key\\"=\*\*\*:bucket\/iris" has a connection-string option without a name \(rclone writes <remote>,<option>=<value>:<path>\) \(option values shown as \*\*\*\)/,
    'no credential in the URI: ModelUri.s3("bucket", "iris") and the keys in an RcloneSecret'),
  v1('a literal AWS secret key in a model\'s env', { env: { AWS_SECRET_ACCESS_KEY: EnvValue.fromValue('SECRET') } },
    /env\["AWS_SECRET_ACCESS_KEY"\] is a literal value of a variable named as a credential \(value not shown\), which would be written into the resource in plain text; the value in a Secret: EnvValue.fromSecretValue/,
    'EnvValue.fromSecretValue({ secret, key }) with the key in a Secret (or an RcloneSecret for the model\'s storage)'),
  v1('a literal AWS secret key in the executor\'s engineEnv', { engineEnv: { AWS_SECRET_ACCESS_KEY: EnvValue.fromValue('SECRET') } },
    /engineEnv\["AWS_SECRET_ACCESS_KEY"\] is a literal value of a variable named as a credential \(value not shown\)/, 'EnvValue.fromSecretValue({ secret, key })'),
  v1('a literal credential in a sidecar\'s env', { sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29', env: [{ name: 'API_TOKEN', value: 'SECRET' }] }] },
    /sidecars\[0\]\.env\[0\] \("API_TOKEN"\) is a literal value of a variable named as a credential \(value not shown\)/,
    '{ name, valueFrom: { secretKeyRef: { name, key } } } with the value in a Secret'),
  entry('SeldonServer', 'server', 'an rclone credential given to the rclone container as env', s => new SeldonServer(s, 'server', {
    rcloneContainer: { env: { RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: EnvValue.fromValue('SECRET') } },
  }), /rcloneContainer\.env\["RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"\] is a literal value of a variable named as a credential \(value not shown\)/,
  'the remote in an RcloneSecret (format V2_DOCUMENT) referenced by the model\'s secret, or EnvValue.fromSecretValue'),
  entry('SeldonServer', 'server', 'a proxy URL with user info in the rclone container\'s env', s => new SeldonServer(s, 'server', {
    rcloneContainer: { env: { HTTPS_PROXY: EnvValue.fromValue('http://user:SECRET@proxy:3128') } },
  }), /rcloneContainer\.env\["HTTPS_PROXY"\] holds a URL with user info \(not shown: it is a credential\), which would be written into the resource in plain text/,
  'the whole URL in a Secret: EnvValue.fromSecretValue({ secret, key })'),
  entry('SeldonServer', 'server', 'a signed URL in the server container\'s env', s => new SeldonServer(s, 'server', {
    serverContainer: { env: { MODEL_URL: EnvValue.fromValue('https://b.s3.amazonaws.com/m?X-Amz-Expires=3600&X-Amz-Signature=SECRET') } },
  }), /serverContainer\.env\["MODEL_URL"\] holds a URL whose query carries a credential \(a signed URL's signature or token; not shown\)/,
  'the whole URL in a Secret: EnvValue.fromSecretValue({ secret, key })'),
  entry('ServerConfig', 'cfg', 'a literal credential in a podSpec container\'s env', s => new ServerConfig(s, 'cfg', {
    podSpec: { containers: CONFIG_POD.containers.map(c => (c.name === 'rclone' ? { ...c, env: [{ name: 'RCLONE_CONFIG_S3_SECRET_ACCESS_KEY', value: 'SECRET' }] } : c)) },
  }), /podSpec\.containers\[0\]\.env\[0\] \("RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"\) is a literal value of a variable named as a credential \(value not shown\)/,
  '{ name, valueFrom: { secretKeyRef: { name, key } } }, or the remote in an RcloneSecret'),
  entry('SeldonRuntime', 'runtime', 'a literal credential in a component override\'s env', s => new SeldonRuntime(s, 'runtime', {
    overrides: [{ component: RuntimeComponent.HODOMETER, container: { env: { KAFKA_CLIENT_SASL_PASSWORD: EnvValue.fromValue('SECRET') } } }],
  }), /overrides\["hodometer"\]\.container\.env\["KAFKA_CLIENT_SASL_PASSWORD"\] is a literal value of a variable named as a credential \(value not shown\)/,
  'EnvValue.fromSecretValue({ secret, key })'),
];

/** Credentials from a store (External Secrets Operator): the rclone checks, plus the store mapping. */
const storeKeys = [{ remote: 's3', option: 'secret_access_key', key: 'seldon/s3', property: 'secret' }];
const eso = (input: string, props: Partial<RcloneExternalSecretProps>, error: RegExp, fix: string) => entry('RcloneExternalSecret', 'creds', input,
  scope => new RcloneExternalSecret(scope, 'creds', js({ secretStore: { name: 'vault' }, remotes: [RcloneRemote.s3()], values: [], ...props })), error, fix);
const EXTERNAL_SECRETS: BadInput[] = [
  eso('a literal secret key in a remote whose Secret comes from a store', { remotes: [RcloneRemote.s3({ accessKeyId: 'AKIA', secretAccessKey: 'hunter2' })], values: storeKeys },
    /remotes \("s3"\) option "access_key_id" holds a literal credential, which would be written to dist\/; leave it out of the remote/, 'RcloneRemote.s3() without keys, and values: [{ remote: "s3", option: "secret_access_key", key: ... }]'),
  eso('no store values (ESO\'s webhook refuses an ExternalSecret without data)', { values: [] },
    /values is empty, so the ExternalSecret would have no data, which the External Secrets Operator's webhook refuses/, 'map each credential option to a store entry, or use an RcloneSecret for a remote without credentials'),
  eso('a refresh interval beyond Go\'s time.Duration', { values: storeKeys, refreshInterval: Duration.days(365 * 300) },
    /refreshInterval 109500 days is not a whole number of seconds that ESO reads/, 'Duration.hours(1)'),
  eso('a store value for an option the remote also sets', { remotes: [RcloneRemote.custom('s3', 's3', { region: 'eu-west-1' })], values: [{ remote: 's3', option: 'region', key: 'k' }] },
    /values\[0\].option "region" also has a value in RcloneRemote "s3"; leave the option out of the remote/, 'drop region from the remote or from values'),
  eso('a store value for a remote that is not there', { values: [{ remote: 'gcs', option: 'service_account_credentials', key: 'k' }] },
    /values\[0\].remote "gcs" is not one of the remotes; a remote of remotes: s3/, 'add the remote, or name one of remotes'),
  eso('a store value with an empty key', { values: [{ remote: 's3', option: 'secret_access_key', key: '' }] },
    /values\[0\].key "" is empty; the key of the entry in the store/, 'the key of the entry, e.g. "seldon/s3"'),
  eso('an option name with a dash', { values: [{ remote: 's3', option: 'secret-access-key', key: 'k' }] },
    /values\[0\].option "secret-access-key" is not an rclone option name; letters, digits and "_"/, 'secret_access_key'),
  eso('one option mapped twice', { values: [...storeKeys, ...storeKeys] },
    /values\[1\].option "secret_access_key" of remote "s3" is mapped twice; one store entry per option/, 'map each option once'),
  eso('the backend type mapped to a store entry', { values: [{ remote: 's3', option: 'type', key: 'k' }] },
    /values\[0\].option "type" is the backend type, not a credential/, 'give the type with the RcloneRemote'),
  eso('a store name that is no object name', { secretStore: { name: 'My Vault' } },
    /secretStore.name "My Vault" is not a Kubernetes object name; the name of an existing SecretStore/, 'the SecretStore\'s metadata.name, e.g. "vault"'),
  eso('JS: a store kind that is neither', { secretStore: js({ name: 'vault', kind: 'Vault' }) },
    /secretStore.kind "Vault" is not a store kind; ExternalSecretStoreKind.SECRET_STORE or CLUSTER_SECRET_STORE/, 'ExternalSecretStoreKind.CLUSTER_SECRET_STORE'),
  eso('a refresh interval of 1.5 seconds', { values: storeKeys, refreshInterval: Duration.millis(1500) },
    /refreshInterval 1 second 500 millis is not a whole number of seconds that ESO reads; a Duration of whole seconds/, 'Duration.seconds(2)'),
  eso('no remotes', { remotes: [] }, /remotes is empty; at least one RcloneRemote/, 'add the remote the model URIs name'),
  eso('two remotes in one v2 storage Secret', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3(), RcloneRemote.gcs()] },
    /remotes holds 2 remotes, but a Seldon v2 storage Secret holds exactly one; one RcloneExternalSecret with format V2_DOCUMENT per remote/, 'one RcloneExternalSecret per remote'),
  eso('a v1 remote name with a dash', { remotes: [RcloneRemote.s3({ name: 'my-s3' })] },
    /remotes\[0\] \("my-s3"\) name "my-s3" cannot be an environment variable name/, 'name it my_s3'),
  eso('two remotes named alike', { remotes: [RcloneRemote.s3(), RcloneRemote.s3({ name: 'S3' })] },
    /remotes\[1\] \("S3"\) name duplicates another remote \(rclone remote names are case-insensitive\)/, 'rename one remote'),
];

const cyclic = (): object => {
  const o: any = { name: 'iris' };
  o.self = o;
  return o;
};
const CONFIG_POD = { containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `docker.io/seldonio/${name}:2.10.2` })) };
const JSON_DATA = 'accepted: JSON data \\(strings, finite numbers, booleans, null, and arrays and plain objects of them, without cycles\\)';

/** What the hostile-input run (test/fuzz/hostile.ts) found at the boundary, fixed once in src/k8s/prop-check.ts. */
const BOUNDARY: BadInput[] = [
  entry('SeldonModel', 'iris', 'JS: no props at all', scope => new SeldonModel(scope, 'iris', js(undefined)), /props is missing; accepted: a SeldonModelProps object with storageUri/, 'pass the props object'),
  entry('ServerConfig', 'cfg', 'JS: no podSpec', scope => new ServerConfig(scope, 'cfg', js({})),
    /podSpec is missing; accepted: a k8s.PodSpec object with containers/, 'podSpec: { containers: [...] } with the rclone, agent and server containers'),
  entry('MigratedModel', 'v2', 'JS: no prepackagedModel', scope => new MigratedModel(scope, 'v2', js({})),
    /prepackagedModel is missing; accepted: a PrepackagedModel from new PrepackagedModel\(\)/, 'prepackagedModel: the v1 model to migrate'),
  v2('JS: a cycle in metadata', { metadata: cyclic() }, new RegExp(`metadata.self refers back to an object that contains it \\(a cycle\\); ${JSON_DATA}`),
    'metadata holds data: name, namespace, labels, annotations'),
  entry('Pipeline', 'p', 'JS: a function in metadata', scope => new Pipeline(scope, 'p', { metadata: js({ name: 'p', toString: () => 'p' }) }),
    new RegExp(`metadata.toString is a function; ${JSON_DATA}`), 'metadata holds data only'),
  entry('SeldonServer', 'mlserver', 'JS: a Map in metadata', scope => new SeldonServer(scope, 'mlserver', { metadata: js({ name: 'mlserver', extra: new Map() }) }),
    new RegExp(`metadata.extra is a Map object; ${JSON_DATA}`), 'plain objects, not Maps'),
  entry('SeldonServer', 'mlserver', 'JS: serverConfig as a plain object with a name', scope => new SeldonServer(scope, 'mlserver', { serverConfig: js({ name: 'mlserver' }) }),
    /serverConfig is a plain object; accepted: a ServerConfigRef from ServerConfigRef.fromName\(\)/, 'ServerConfigRef.fromName("mlserver") or ServerConfigRef.MLSERVER'),
  entry('SeldonServer', 'mlserver', 'JS: deploymentStrategy as a plain object', scope => new SeldonServer(scope, 'mlserver', { deploymentStrategy: js({ type: 'Recreate' }) }),
    /deploymentStrategy is a plain object; accepted: a DeploymentStrategy from DeploymentStrategy.recreate\(\)/, 'DeploymentStrategy.recreate()'),
  v2('JS: llm as a plain object', { llm: { modelRef: 'base' } },
    /llm is a plain object; accepted: a ModelLlm from ModelLlm.forModel\(\)/, 'ModelLlm.forModelName("base")'),
  v2('JS: a bigint given to ModelLlm.forModelName', { llm: ModelLlm.forModelName(js(10n)) },
    /llm \(ModelLlm.forModelName\(\) modelName\) is a bigint; accepted: a string/, 'ModelLlm.forModelName("base")'),
  entry('SeldonServer', 'mlserver', 'a registry password in image', scope => new SeldonServer(scope, 'mlserver', { image: 'https://bob:hunter2@registry.example.com/mlserver:1' }),
    /image holds a URL with user info \(not shown: it is a credential\); accepted: a string without `user:password@`; keep credentials in a Secret/,
    'the plain image reference; registry credentials go in imagePullSecrets'),
  v1('a URL with user info as predictorName', { predictorName: 's3://AKIA:SECRET@bucket/iris' },
    /predictorName holds a URL with user info \(not shown: it is a credential\)/, 'a predictor name such as "default"'),
  entry('ServerConfig', 'cfg', 'a URL with user info as namespace', scope => new ServerConfig(scope, 'cfg', { podSpec: CONFIG_POD, metadata: { namespace: 's3://AKIA:SECRET@b' } }),
    /metadata.namespace holds a URL with user info \(not shown: it is a credential\)/, 'a namespace name'),
  entry('SeldonRuntime', 'rt', 'a metadata.name that is no object name', scope => new SeldonRuntime(scope, 'rt', { metadata: { name: 'Runtime 1' } }),
    /metadata.name "Runtime 1" is not a valid object name; a DNS-1123 subdomain is accepted/, 'seldon-runtime'),
  entry('RcloneSecret', 'creds', 'a namespace that is no DNS label', scope => new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.gcs()], metadata: { namespace: 'Team_A' } }),
    /metadata.namespace "Team_A" is not a valid namespace; a DNS-1123 label is accepted/, 'team-a'),
  v2('a label key with a space', { metadata: { labels: { 'a b': 'x' } } }, /metadata.labels key "a b" is not a qualified name; a key such as "team"/, 'a-b'),
  v2('a label value of 64 characters', { metadata: { labels: { team: 'x'.repeat(64) } } },
    /metadata.labels value "x{64}" is not a label value; a label value is accepted: empty, or at most 63 characters/, 'at most 63 characters, or an annotation'),
  v2('an annotation key with an empty prefix', { metadata: { annotations: { '/x': 'x' } } }, /metadata.annotations key "\/x" is not a qualified name/, 'x or example.com/x'),
  entry('MigratedModel', 'v2', 'a modelName with a dot', scope => new MigratedModel(scope, 'v2', {
    prepackagedModel: new PrepackagedModel(scope, 'v1', { server: PrepackagedServer.SKLEARN, modelUri: IRIS }), modelName: 'iris.v1',
  }), /modelName "iris.v1" is not a valid Seldon v2 model name; a Seldon v2 name is accepted/, 'iris-v1'),
];

const deepGraph = (depth: number): PredictiveUnit => {
  let unit = PredictiveUnit.prepackaged({ name: 'leaf', server: PrepackagedServer.SKLEARN, modelUri: IRIS });
  for (let i = 0; i < depth; i++) unit = PredictiveUnit.builtIn({ name: `n${i}`, implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [unit] });
  return unit;
};
const selfContaining = (): PredictiveUnit => {
  const root = deepGraph(2);
  (root.children[0]._spec.children as PredictiveUnit[]).push(root);
  return root;
};

/** Graph shapes and quantities that crashed or rendered values Kubernetes cannot parse. */
const SHAPES_AND_AMOUNTS: BadInput[] = [
  entry('SeldonDeployment', 'graph', 'a graph 10,000 nodes deep', scope => new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'p', graph: deepGraph(10_000) }] }),
    /children are 11 levels below the graph root, deeper than the 10 levels the CRD of Seldon's Helm chart keeps/, 'a graph at most 11 nodes deep'),
  entry('SeldonDeployment', 'graph', 'JS: a graph that contains itself', scope => new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'p', graph: selfContaining() }] }),
    /graph.children\[0\].children\[1\] is node "n1", which contains this node: the graph contains itself; a tree of nodes/, 'build each node from its children; never change children afterwards'),
  v1('Cpu.millis(Infinity)', { resources: { cpu: { request: Cpu.millis(Infinity) } } },
    /resources cpu request "Infinitym" is not a Kubernetes quantity \(a finite amount\); requests at most the limits/, 'Cpu.millis(500)'),
  v1('Cpu.units(NaN)', { resources: { cpu: { limit: Cpu.units(NaN) } } }, /resources cpu limit "NaN" is not a Kubernetes quantity/, 'Cpu.units(1)'),
  v1('Size.gibibytes(Infinity) as a memory limit', { resources: { memory: { limit: Size.gibibytes(Infinity) } } },
    /resources memory limit is not a finite amount; requests at most the limits/, 'Size.gibibytes(2)'),
];

/** rclone variables two remotes share, and names of referenced Secrets. */
const RCLONE_KEYS_AND_NAMES: BadInput[] = [
  entry('RcloneSecret', 'creds', 'remotes "a_b" (option c) and "a" (option b_c)', scope => new RcloneSecret(scope, 'creds', {
    remotes: [RcloneRemote.custom('a_b', 's3', { c: 'x' }), RcloneRemote.custom('a', 's3', { b_c: 'y' })],
  }), /remotes\[1\] \("a"\) options sets RCLONE_CONFIG_A_B_C, which remote "a_b" sets too; .*; remotes whose RCLONE_CONFIG_<REMOTE>_<OPTION> variables differ/,
  'rename a remote: ab and a cannot clash'),
  eso('store options of remotes "a_b" and "a" that set one variable', {
    remotes: [RcloneRemote.custom('a_b', 's3'), RcloneRemote.custom('a', 's3')],
    values: [{ remote: 'a_b', option: 'c', key: 'k1' }, { remote: 'a', option: 'b_c', key: 'k2' }],
  }, /remotes\[1\] \("a"\) options sets RCLONE_CONFIG_A_B_C, which remote "a_b" sets too/, 'rename a remote'),
  entry('RcloneExternalSecret', 'creds', 'an RcloneExternalSecret named like an RcloneSecret of the app', scope => {
    new RcloneSecret(scope, 'literal', { remotes: [RcloneRemote.gcs()], metadata: { name: 'creds' } });
    new RcloneExternalSecret(scope, 'creds', { secretStore: { name: 'vault' }, remotes: [RcloneRemote.s3()], values: storeKeys, metadata: { name: 'creds' } });
  }, /metadata.name "creds" makes the External Secrets Operator create a Secret named "creds" \(spec.target.name, else its own name\), which is also the name of the Secret of RcloneSecret 'models\/literal'/,
  'give one of them another metadata.name'),
  entry('RcloneSecret', 'existing', 'fromExistingSecret with a name no Secret can have', scope => RcloneSecret.fromExistingSecret(scope, 'existing', 'My Secret'),
    /name "My Secret" is not a Secret name; a DNS-1123 subdomain is accepted/, 'the Secret\'s metadata.name, e.g. my-secret'),
  entry('RcloneSecret', 'creds', 'an RcloneSecret named with capitals', scope => new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.gcs()], metadata: { name: 'Creds' } }),
    /metadata.name "Creds" is not a valid object name; a DNS-1123 subdomain is accepted/, 'creds'),
];

const graphOf = (graph: PredictiveUnit) => (scope: Construct) => new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'p', graph }] });
const sklearnNode = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });

/** Container names the v1 operator adds to a predictor's pod (src/v1/container-names.ts). */
const CONTAINER_NAMES: BadInput[] = [
  entry('SeldonDeployment', 'graph', 'a node named seldon-container-engine', graphOf(sklearnNode('seldon-container-engine')),
    /graph.name "seldon-container-engine" is the name of the executor container the operator adds \(engine.go\); a node name/, 'another node name'),
  entry('SeldonDeployment', 'graph', 'a TENSORFLOW_SERVER node named tfserving',
    graphOf(PredictiveUnit.prepackaged({ name: 'tfserving', server: PrepackagedServer.TENSORFLOW, modelUri: IRIS })),
    /graph.name "tfserving" is the name of the TensorFlow Serving container the operator adds beside a TENSORFLOW_SERVER node/, 'name the node e.g. classifier'),
  entry('SeldonDeployment', 'graph', 'a 63-character node name', graphOf(sklearnNode('m'.repeat(63))),
    /gives the storage initializer of container "m{63}" the name "m{63}" .*cut to 63 characters, initializer.go\), which is also the name of node/,
    'a node name of at most 45 characters'),
];

/** References a pod cannot follow into another namespace (src/k8s/namespaces.ts). */
const NAMESPACES: BadInput[] = [
  entry('PrepackagedModel', 'iris', 'credentials in another namespace', scope => new PrepackagedModel(scope, 'iris', {
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.parse('s3://bucket/iris'),
    metadata: { namespace: 'models' },
    credentials: new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } }),
  }), /credentials is Secret '[^']+' \("models-creds-[0-9a-f]{8}"\) in namespace "other", but the pod using it runs in namespace "models"/,
  'create the Secret in the model\'s namespace'),
  entry('SeldonModel', 'iris', 'a v2 secret in another namespace', scope => new SeldonModel(scope, 'iris', {
    storageUri: ModelUri.parse('s3://bucket/iris'),
    requirements: ['sklearn'],
    metadata: { namespace: 'models' },
    secret: new RcloneSecret(scope, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } }),
  }), /secret is Secret '[^']+' \("models-creds-[0-9a-f]{8}"\) in namespace "other", but the pod using it runs in namespace "models"/,
  'create the Secret in the model\'s namespace'),
];

export const ROBUSTNESS_BAD_INPUTS: BadInput[] = [
  ...NAMESPACES,
  ...CONTAINER_NAMES,
  ...RCLONE_KEYS_AND_NAMES,
  ...SHAPES_AND_AMOUNTS,
  ...BOUNDARY,
  ...CREDENTIALS,
  ...DUPLICATES,
  ...WRONG_TYPES,
  ...FACTORY_TYPES,
  ...METHOD_ARGS,
  ...EXTERNAL_SECRETS,
];
