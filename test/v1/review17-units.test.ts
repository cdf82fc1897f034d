import { Testing } from 'cdk8s';
import { EnvValue, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  BuiltInImplementation, EndpointType, LoggerMode, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitMethod, PredictiveUnitType,
  PrepackagedModel, PrepackagedModelProps, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment, SeldonDeploymentProps, SeldonProtocol,
  Transport,
} from '../../src';
import { previewObjects } from '../../src/preview';

const URI = ModelUri.gcs('seldon-models', 'models/m');
const NO_STORAGE = { 'seldon.io/no-storage-initializer': 'true' };

function synth(build: (scope: Construct) => void): any[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}
const model = (props: Partial<PrepackagedModelProps>) => () => synth(c => new PrepackagedModel(c, 'm', { server: PrepackagedServer.SKLEARN, modelUri: URI, ...props }));
const sdep = (props: Partial<SeldonDeploymentProps>, graph: () => PredictiveUnit) => () => synth(c => new SeldonDeployment(c, 'sd', { ...props, predictors: [{ name: 'p', graph: graph() }] }));
const leaf = (server = PrepackagedServer.SKLEARN) => PredictiveUnit.prepackaged({ name: 'm', server, modelUri: URI });
type Extra = { methods?: PredictiveUnitMethod[]; endpointType?: EndpointType; children?: PredictiveUnit[] };
const component = (unitType: PredictiveUnitType, extra: Extra = {}, server = PrepackagedServer.SKLEARN) =>
  () => PredictiveUnit.component({ name: 'x', unitType, image: 'example.com/x:1', children: [leaf(server)], ...extra });

describe('custom units the executor\'s gRPC client cannot call crash it (executor/api/grpc/kfserving/client.go, tensorflow/client.go)', () => {
  test.each([
    [SeldonProtocol.V2, PredictiveUnitType.TRANSFORMER, 'TransformInput'],
    [SeldonProtocol.V2, PredictiveUnitType.OUTPUT_TRANSFORMER, 'TransformOutput'],
    [SeldonProtocol.V2, PredictiveUnitType.ROUTER, 'Route'],
    [SeldonProtocol.KFSERVING, PredictiveUnitType.COMBINER, 'Combine'],
  ])('%s with transport grpc: a %s is refused (KFServingGrpcClient.%s panics)', (protocol, unitType, call) => {
    expect(sdep({ protocol, transport: Transport.GRPC }, component(unitType))).toThrow(new RegExp(
      `SeldonDeployment 'test/sd': predictors\\[0\\]\\.graph\\.unitType "${unitType}" makes the executor call ${call} on its ${protocol}-protocol gRPC client, `
      + `with the deployment's transport grpc; KFServingGrpcClient\\.${call} is panic\\("implement me"\\).*crashes on every gRPC request to this graph; `
      + 'REST transport for this deployment .*or the seldon protocol'));
  });

  test.each([PredictiveUnitType.ROUTER, PredictiveUnitType.COMBINER])('tensorflow with transport grpc: a %s is refused (TensorflowGrpcClient panics)', unitType => {
    expect(sdep({ protocol: SeldonProtocol.TENSORFLOW, transport: Transport.GRPC }, component(unitType, {}, PrepackagedServer.TENSORFLOW)))
      .toThrow(/graph\.unitType "(ROUTER|COMBINER)" makes the executor call (Route|Combine) on its tensorflow-protocol gRPC client.*TensorflowGrpcClient\.\w+ is panic\("Not implemented"\)/);
  });

  test('a method is refused as the type is, and endpointType GRPC on a node counts as the transport', () => {
    const methods = [PredictiveUnitMethod.SEND_FEEDBACK, PredictiveUnitMethod.TRANSFORM_INPUT];
    expect(sdep({ protocol: SeldonProtocol.V2, transport: Transport.GRPC }, component(PredictiveUnitType.MODEL, { methods })))
      .toThrow(/graph\.methods\[1\] "TRANSFORM_INPUT" makes the executor call TransformInput/);
    const grpcNode = { methods: [PredictiveUnitMethod.AGGREGATE], endpointType: EndpointType.GRPC };
    expect(sdep({ protocol: SeldonProtocol.V2 }, component(PredictiveUnitType.MODEL, grpcNode)))
      .toThrow(/graph\.methods\[0\] "AGGREGATE" makes the executor call Combine on its v2-protocol gRPC client, with endpointType GRPC in the graph/);
  });

  test('accepted: REST transport, the seldon protocol, calls the client implements, and Route/Combine on a leaf (never called)', () => {
    expect(sdep({ protocol: SeldonProtocol.V2 }, component(PredictiveUnitType.TRANSFORMER))).not.toThrow();
    expect(sdep({ protocol: SeldonProtocol.V2, transport: Transport.REST }, component(PredictiveUnitType.ROUTER))).not.toThrow();
    expect(sdep({ transport: Transport.GRPC }, component(PredictiveUnitType.COMBINER))).not.toThrow();
    expect(sdep({ protocol: SeldonProtocol.V2, transport: Transport.GRPC }, component(PredictiveUnitType.MODEL))).not.toThrow();
    // TensorflowGrpcClient's TransformInput and TransformOutput call Predict
    const tfTransformer = component(PredictiveUnitType.TRANSFORMER, {}, PrepackagedServer.TENSORFLOW);
    expect(sdep({ protocol: SeldonProtocol.TENSORFLOW, transport: Transport.GRPC }, tfTransformer)).not.toThrow();
    expect(sdep({ protocol: SeldonProtocol.V2, transport: Transport.GRPC },
      () => PredictiveUnit.component({ name: 'x', unitType: PredictiveUnitType.MODEL, image: 'example.com/x:1', methods: [PredictiveUnitMethod.ROUTE] }))).not.toThrow();
  });
});

describe('TRITON with seldon.io/no-storage-initializer reads modelUri itself (seldondeployment_prepackaged_servers.go addTritonServer)', () => {
  const triton = (props: Partial<PrepackagedModelProps>) =>
    model({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, annotations: NO_STORAGE, ...props });

  test.each([
    ['pvc://models/triton', /modelUri "pvc:\/\/models\/triton" is a PersistentVolumeClaim, which only the storage initializer mounts; with seldon\.io\/no-storage-initializer: "true" the operator injects no storage initializer and passes modelUri to tritonserver as --model-repository, and Triton reads only gs:\/\/, s3:\/\/, as:\/\/ and local paths/],
    ['minio:bucket/triton', /modelUri "minio:bucket\/triton" is an rclone remote, which only the storage initializer reads/],
    [':s3,env_auth=true:bucket/triton', /modelUri ":s3,env_auth=true:bucket\/triton" is an rclone remote/],
  ])('%s is refused', (uri, error) => {
    expect(triton({ modelUri: ModelUri.parse(uri), credentials: undefined })).toThrow(error);
  });

  test('an RcloneSecret as credentials is refused: the operator adds it to Triton\'s envFrom, and Triton reads no RCLONE_CONFIG_*', () => {
    const build = () => synth(c => {
      const creds = new RcloneSecret(c, 'creds', { remotes: [RcloneRemote.s3()] });
      new PrepackagedModel(c, 'm', { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.s3('b', 'p'), credentials: creds, annotations: NO_STORAGE });
    });
    expect(build).toThrow(/credentials is RcloneSecret 'test\/creds'; with seldon\.io\/no-storage-initializer: "true" .* Triton reads no RCLONE_CONFIG_\* variables; a Secret with the variables Triton reads \(AWS_ACCESS_KEY_ID/);
  });

  test('accepted: gs://, s3:// (no rclone remote needed), as:// and local paths, with an opaque Secret; the annotation in any case', () => {
    for (const uri of ['gs://b/triton', 's3://b/triton', 'as://account/container/triton', '/models/triton']) {
      expect(triton({ modelUri: ModelUri.parse(uri) })).not.toThrow();
    }
    const secret = (uri: ModelUri) => () => synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.TRITON,
      protocol: SeldonProtocol.V2,
      modelUri: uri,
      credentials: Secret.fromSecretName(c, 's', 'aws-creds'),
      annotations: { 'seldon.io/no-storage-initializer': 'True' },
    }));
    expect(secret(ModelUri.s3('b', 'p'))).not.toThrow();
    // "True" is the annotation too: Triton then reads the URI itself, and a claim is refused
    expect(secret(ModelUri.pvcByName('models', 'triton'))).toThrow(/modelUri "pvc:\/\/models\/triton" is a PersistentVolumeClaim, which only the storage initializer mounts/);
    // The operator then passes the URI to Triton verbatim.
    const out = synth(c => new PrepackagedModel(c, 'm', { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.s3('b', 'p'), annotations: NO_STORAGE }));
    const deployment = previewObjects(out).objects.find((o: any) => o.kind === 'Deployment') as any;
    expect(deployment.spec.template.spec.containers[0].args).toContain('--model-repository=s3://b/p');
  });

  test('without the annotation (the storage initializer reads the URI), pvc:// and an RcloneSecret stay accepted', () => {
    expect(model({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.pvcByName('models', 'triton') })).not.toThrow();
    expect(() => synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.TRITON,
      protocol: SeldonProtocol.V2,
      modelUri: ModelUri.remote('s3', 'b/p'),
      credentials: new RcloneSecret(c, 'creds', { remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })] }),
    }))).not.toThrow();
  });
});

describe('HUGGINGFACE_SERVER parameters as MLServer 1.3.5\'s HuggingFaceSettings reads them (runtimes/huggingface/mlserver_huggingface/settings.py)', () => {
  const hf = (parameters: ModelParameter[] | undefined, extra: Partial<PrepackagedModelProps> = {}) =>
    model({ server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.V2, modelUri: undefined, parameters, ...extra });
  const task = ModelParameter.stringValue('task', 'text-generation');

  test('no parameters and no modelUri: MissingHuggingFaceSettings', () => {
    expect(hf(undefined)).toThrow(/PrepackagedModel 'test\/m': parameters are missing, and so is modelUri; MLServer 1\.3\.5's HUGGINGFACE_SERVER runtime .* raises MissingHuggingFaceSettings/);
  });

  test('a name HuggingFaceSettings does not have is refused (pydantic forbids extra fields)', () => {
    expect(hf([ModelParameter.stringValue('taks', 'text-generation')])).toThrow(
      /parameters\[0\] is named "taks", which HuggingFaceSettings \(MLServer 1\.3\.5's HUGGINGFACE_SERVER runtime\) does not have; .*accepted: task, task_suffix, pretrained_model, pretrained_tokenizer, framework, optimum_model, device, inter_op_threads, intra_op_threads/);
  });

  test('a value of another type than the field\'s is refused', () => {
    expect(hf([task, ModelParameter.stringValue('device', 'cuda:0')])).toThrow(
      /parameters\[1\] "device" is STRING "cuda:0", which pydantic cannot read as HuggingFaceSettings\.device \(int\), so the model never loads; ModelParameter\.intValue\("device", \.\.\.\)/);
    expect(hf([task, ModelParameter.stringValue('optimum_model', 'maybe')])).toThrow(/"optimum_model" is STRING "maybe", which pydantic cannot read as HuggingFaceSettings\.optimum_model \(bool\)/);
    expect(hf([task, ModelParameter.floatValue('device', 0.5)])).toThrow(/"device" is FLOAT "0.5", which pydantic cannot read/);
    // what MLServer converts and pydantic coerces loads (review 17 diff, M1)
    expect(hf([task, ModelParameter.stringValue('device', '0'), ModelParameter.stringValue('optimum_model', 'yes'), ModelParameter.intValue('inter_op_threads', 2),
      ModelParameter.intValue('pretrained_model', 7), ModelParameter.boolValue('intra_op_threads', true)])).not.toThrow();
  });

  test('parameters without task are refused: its default "" is not a task', () => {
    expect(hf([ModelParameter.stringValue('pretrained_model', 'distilgpt2')])).toThrow(/parameters have no "task" with a value; HuggingFaceSettings\.task defaults to ""/);
    // an empty task is the default the runtime refuses (re-read of session 17)
    expect(hf([ModelParameter.stringValue('task', '')])).toThrow(/parameters have no "task" with a value/);
  });

  test('accepted: the fields with their types; task from MLSERVER_MODEL_HUGGINGFACE_TASK; MLSERVER_MODEL_EXTRA or a modelUri instead of parameters; any task value', () => {
    expect(hf([task, ModelParameter.stringValue('pretrained_model', 'distilgpt2'), ModelParameter.intValue('device', -1), ModelParameter.boolValue('optimum_model', false),
      ModelParameter.intValue('inter_op_threads', 2), ModelParameter.stringValue('framework', 'pt')])).not.toThrow();
    expect(hf([ModelParameter.stringValue('pretrained_model', 'distilgpt2')], { env: { MLSERVER_MODEL_HUGGINGFACE_TASK: EnvValue.fromValue('text-generation') } })).not.toThrow();
    expect(hf(undefined, { env: { MLSERVER_MODEL_EXTRA: EnvValue.fromValue('{"task":"text-generation"}') } })).not.toThrow();
    expect(hf(undefined, { modelUri: URI })).not.toThrow();
    // The task's value is left to MLServer: the transformers release in the image decides it.
    expect(hf([ModelParameter.stringValue('task', 'text-generator')])).not.toThrow();
  });
});

describe('settings that nothing reads are refused, stricter than Seldon on purpose', () => {
  test.each([
    ['SKLEARN_SERVER', PrepackagedServer.SKLEARN, SeldonProtocol.V2],
    ['XGBOOST_SERVER', PrepackagedServer.XGBOOST, SeldonProtocol.KFSERVING],
    ['MLFLOW_SERVER', PrepackagedServer.MLFLOW, SeldonProtocol.V2],
  ])('parameters under MLServer\'s %s runtime, which reads no PREDICTIVE_UNIT_PARAMETERS', (name, server, protocol) => {
    expect(model({ server, protocol, parameters: [ModelParameter.stringValue('method', 'decision_function')] })).toThrow(new RegExp(
      `parameters "method" would have no effect: Seldon accepts this, but MLServer 1\\.3\\.5's ${name} runtime never reads PREDICTIVE_UNIT_PARAMETERS .*so the library rejects them; no parameters.*give MLServer settings in env MLSERVER_MODEL_EXTRA`));
  });

  test('SKLEARN under v2 with method: predict, as Seldon\'s own docs write it (doc/source/servers/sklearn.md), says what MLServer does anyway (review 17 diff, H1)', () => {
    expect(model({ server: PrepackagedServer.SKLEARN, protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('method', 'predict')] })).not.toThrow();
    expect(model({ server: PrepackagedServer.SKLEARN, protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('method', 'predict_proba')] })).toThrow(
      /parameters "method" would have no effect: .*; no parameters \(or only method: "predict", which says what the runtime does anyway\); give MLServer settings in env MLSERVER_MODEL_EXTRA as JSON \(e\.g\. \{"predict_fn":"predict_proba"\}/);
    expect(model({ server: PrepackagedServer.XGBOOST, protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('method', 'predict')] })).toThrow(/would have no effect/);
  });

  test('TRITON parameters without the no-storage annotation, or names the operator does not turn into arguments', () => {
    const params = [ModelParameter.stringValue('model_control_mode', 'explicit'), ModelParameter.stringValue('load_model', 'm1')];
    expect(model({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, parameters: params })).toThrow(
      /parameters "model_control_mode", "load_model" would have no effect: Seldon accepts this, but the operator reads them only with the annotation seldon\.io\/no-storage-initializer: "true"/);
    expect(model({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, annotations: NO_STORAGE, parameters: [ModelParameter.stringValue('log_verbose', '1')] }))
      .toThrow(/parameters\[0\] "log_verbose" would have no effect: .*accepted: model_control_mode, load_model, strict_model_config/);
    // With it: accepted, and load_model may repeat (one argument each).
    const out = model({
      server: PrepackagedServer.TRITON,
      protocol: SeldonProtocol.V2,
      annotations: NO_STORAGE,
      parameters: [...params, ModelParameter.stringValue('load_model', 'm2'), ModelParameter.stringValue('STRICT_MODEL_CONFIG', 'false')],
    })();
    const args = (previewObjects(out).objects.find((o: any) => o.kind === 'Deployment') as any).spec.template.spec.containers[0].args;
    expect(args).toEqual(expect.arrayContaining(['--model-control-mode=explicit', '--load-model=m1', '--load-model=m2']));
  });

  test('TENSORFLOW parameters under the tensorflow protocol (tensorflow/serving reads none); the seldon protocol\'s proxy takes them', () => {
    expect(model({ server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW, parameters: [ModelParameter.stringValue('signature_name', 'x')] }))
      .toThrow(/parameters "signature_name" would have no effect: Seldon accepts this, but under the tensorflow protocol the node runs tensorflow\/serving/);
    expect(model({ server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('signature_name', 'x')] })).not.toThrow();
    // model_name repeating the node name says what the operator's --model_name=<node> does (Seldon's halfplustwo_rest.yaml sample)
    const modelName = (value: string) => model({ server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW, parameters: [ModelParameter.stringValue('model_name', value)] });
    expect(modelName('classifier')).not.toThrow();
    expect(modelName('half')).toThrow(/parameters "model_name" would have no effect/);
  });

  test('parameters of TEMPO (Tempo\'s runtime) and of seldon-protocol servers stay accepted', () => {
    expect(model({ server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('k', 'v')], metadata: { namespace: 'ns' } })).not.toThrow();
    expect(model({ parameters: [ModelParameter.stringValue('method', 'predict')] })).not.toThrow();
  });

  test.each([
    ['TRITON', PrepackagedServer.TRITON, SeldonProtocol.V2, 'addTritonServer'],
    ['SKLEARN v2', PrepackagedServer.SKLEARN, SeldonProtocol.V2, 'mergeMLServerContainer'],
  ])('ports on a %s node, which the operator replaces with grpc and http', (_, server, protocol, where) => {
    expect(model({ server, protocol, ports: [{ number: 8002, name: 'trmetrics' }] })).toThrow(new RegExp(
      `ports 8002 would be lost: Seldon accepts this, but the operator replaces the ports of a \\w+ container under the v2 protocol with its own grpc and http \\(.*${where}\\)`));
  });

  test('ports stay accepted where the operator keeps them: a seldon-protocol server, and explicit mode (no implementation for the operator to act on)', () => {
    expect(model({ ports: [{ number: 8002, name: 'admin' }] })).not.toThrow();
    const out = model({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, explicitStorageInitializer: true, ports: [{ number: 8002, name: 'trmetrics' }] })();
    const ports = (previewObjects(out).objects.find((o: any) => o.kind === 'Deployment') as any).spec.template.spec.containers[0].ports;
    expect(ports).toEqual(expect.arrayContaining([expect.objectContaining({ containerPort: 8002, name: 'trmetrics' })]));
  });

  test('a logger on a built-in without children never fires', () => {
    const echo = (children: PredictiveUnit[] = []) => PredictiveUnit.builtIn({ name: 'echo', implementation: BuiltInImplementation.SIMPLE_MODEL, logger: { mode: LoggerMode.ALL }, children });
    expect(sdep({}, () => PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [echo(), leaf()] })))
      .toThrow(/predictors\[0\]\.graph\.children\[0\]\.logger is set on "SIMPLE_MODEL" node "echo", which has no children: Seldon accepts this, but the executor logs a built-in's payloads only around its children/);
    expect(sdep({}, () => echo([leaf()]))).not.toThrow();
  });
});
