import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  BuiltInImplementation, LoggerMode, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedModelProps,
  PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment, SeldonProtocol, Transport,
} from '../../src';

const URI = ModelUri.gcs('seldon-models', 'models/m');
const NO_STORAGE = { 'seldon.io/no-storage-initializer': 'true' };
const model = (input: string, props: Partial<PrepackagedModelProps>, error: RegExp, fix: string): BadInput => badInput('PrepackagedModel', 'm', input, (scope: Construct) => {
  new PrepackagedModel(scope, 'm', { server: PrepackagedServer.SKLEARN, modelUri: URI, ...props });
}, error, fix);
const graph = (input: string, protocol: SeldonProtocol | undefined, transport: Transport | undefined, unit: () => PredictiveUnit, error: RegExp,
  fix: string): BadInput =>
  badInput('SeldonDeployment', 'graph', input, (scope: Construct) => {
    new SeldonDeployment(scope, 'graph', { protocol, transport, predictors: [{ name: 'p', graph: unit() }] });
  }, error, fix);
const custom = (unitType: PredictiveUnitType, server = PrepackagedServer.SKLEARN) => () => PredictiveUnit.component({
  name: 'x', unitType, image: 'example.com/x:1', children: [PredictiveUnit.prepackaged({ name: 'm', server, modelUri: URI })],
});
const hf = (input: string, parameters: ModelParameter[] | undefined, error: RegExp, fix: string) =>
  model(input, { server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.V2, modelUri: undefined, parameters }, error, fix);

/** Bad inputs of v1 graph nodes against what runs them (review 17; see bad-input.ts for the shape of an entry). */
export const V1_UNIT_BAD_INPUTS: BadInput[] = [
  graph('a TRANSFORMER component under the v2 protocol with grpc transport (the executor\'s KFServingGrpcClient panics: executor/api/grpc/kfserving/client.go)',
    SeldonProtocol.V2, Transport.GRPC, custom(PredictiveUnitType.TRANSFORMER),
    /predictors\[0\]\.graph\.unitType "TRANSFORMER" makes the executor call TransformInput on its v2-protocol gRPC client, with the deployment's transport grpc; KFServingGrpcClient\.TransformInput is panic\("implement me"\)/,
    'Use REST transport (leave `transport` unset), or the seldon protocol; under REST a gRPC request to the executor still crashes it, so call it over REST only.'),
  graph('a ROUTER component under the tensorflow protocol with grpc transport (TensorflowGrpcClient.Route panics: executor/api/grpc/tensorflow/client.go)',
    SeldonProtocol.TENSORFLOW, Transport.GRPC, custom(PredictiveUnitType.ROUTER, PrepackagedServer.TENSORFLOW),
    /predictors\[0\]\.graph\.unitType "ROUTER" makes the executor call Route on its tensorflow-protocol gRPC client.*TensorflowGrpcClient\.Route is panic\("Not implemented"\)/,
    'Use REST transport, or the seldon protocol, or a built-in router (`BuiltInImplementation.RANDOM_ABTEST`).'),
  model('a TRITON pvc:// modelUri with seldon.io/no-storage-initializer (Triton gets it verbatim as --model-repository)',
    { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.pvcByName('models', 'triton'), annotations: NO_STORAGE },
    /modelUri "pvc:\/\/models\/triton" is a PersistentVolumeClaim, which only the storage initializer mounts; with seldon\.io\/no-storage-initializer: "true" the operator injects no storage initializer/,
    'Use a gs://, s3:// or as:// URI (or a local path), or drop the annotation so the storage initializer copies the claim.'),
  badInput('PrepackagedModel', 'm', 'an RcloneSecret as TRITON credentials with seldon.io/no-storage-initializer (the operator puts it in Triton\'s envFrom)', (scope: Construct) => {
    const creds = new RcloneSecret(scope, 'creds', { remotes: [RcloneRemote.s3()] });
    new PrepackagedModel(scope, 'm', { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.s3('b', 'triton'), credentials: creds, annotations: NO_STORAGE });
  }, /credentials is RcloneSecret 'models\/creds'; with seldon\.io\/no-storage-initializer: "true" .*Triton reads no RCLONE_CONFIG_\* variables/,
  'Pass a Secret with the AWS_* (or GOOGLE_APPLICATION_CREDENTIALS, AZURE_STORAGE_*) variables Triton reads, e.g. `Secret.fromSecretName(...)`.'),
  hf('HUGGINGFACE_SERVER with neither parameters nor modelUri (MLServer raises MissingHuggingFaceSettings)', undefined,
    /parameters are missing, and so is modelUri; MLServer 1\.3\.5's HUGGINGFACE_SERVER runtime .*raises MissingHuggingFaceSettings/,
    'Pass `parameters` with at least `task` (and `pretrained_model` for a hub model), or set env `MLSERVER_MODEL_EXTRA`.'),
  hf('a HUGGINGFACE_SERVER parameter HuggingFaceSettings does not have (pydantic forbids extra fields)',
    [ModelParameter.stringValue('task', 'text-generation'), ModelParameter.stringValue('max_length', '20')],
    /parameters\[1\] is named "max_length", which HuggingFaceSettings \(MLServer 1\.3\.5's HUGGINGFACE_SERVER runtime\) does not have/,
    'Use only the fields of HuggingFaceSettings: task, task_suffix, pretrained_model, pretrained_tokenizer, framework, optimum_model, device, inter_op_threads, intra_op_threads.'),
  hf('a HUGGINGFACE_SERVER device pydantic cannot read as an int (HuggingFaceSettings.device)',
    [ModelParameter.stringValue('task', 'text-generation'), ModelParameter.stringValue('device', 'cuda:0')],
    /parameters\[1\] "device" is STRING "cuda:0", which pydantic cannot read as HuggingFaceSettings\.device \(int\), so the model never loads/, 'Pass `ModelParameter.intValue(\'device\', 0)` (a GPU ordinal; -1 for the CPU).'),
  hf('HUGGINGFACE_SERVER parameters without task (its default "" is refused)', [ModelParameter.stringValue('pretrained_model', 'distilgpt2')],
    /parameters have no "task" with a value; HuggingFaceSettings\.task defaults to ""/, 'Add `ModelParameter.stringValue(\'task\', ...)`, or set env `MLSERVER_MODEL_HUGGINGFACE_TASK`.'),
  model('SKLEARN_SERVER parameters under the v2 protocol (MLServer\'s sklearn runtime reads no PREDICTIVE_UNIT_PARAMETERS)',
    { protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('method', 'decision_function')] },
    /parameters "method" would have no effect: Seldon accepts this, but MLServer 1\.3\.5's SKLEARN_SERVER runtime never reads PREDICTIVE_UNIT_PARAMETERS/,
    'Drop the parameters; give MLServer settings in env `MLSERVER_MODEL_EXTRA` (e.g. `{"predict_fn":"predict_proba"}`) or a model-settings.json beside the model.'),
  model('TENSORFLOW_SERVER parameters under the tensorflow protocol (tensorflow/serving reads none)',
    { server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW, parameters: [ModelParameter.stringValue('signature_name', 'serving_x')] },
    /parameters "signature_name" would have no effect: Seldon accepts this, but under the tensorflow protocol the node runs tensorflow\/serving/,
    'Drop the parameters, or use the seldon protocol, whose TF proxy takes them.'),
  model('TRITON_SERVER parameters without seldon.io/no-storage-initializer (the operator reads them only with it)',
    { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('model_control_mode', 'explicit')] },
    /parameters "model_control_mode" would have no effect: Seldon accepts this, but the operator reads them only with the annotation seldon\.io\/no-storage-initializer: "true"/,
    'Drop the parameters, or add the annotation and give Triton a URI it reads itself.'),
  model('a TRITON_SERVER parameter the operator does not turn into a tritonserver argument',
    { server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, annotations: NO_STORAGE, parameters: [ModelParameter.stringValue('log_verbose', '1')] },
    /parameters\[0\] "log_verbose" would have no effect: Seldon accepts this, but the operator turns only model_control_mode, load_model, strict_model_config into tritonserver arguments/,
    'Use model_control_mode, load_model or strict_model_config only.'),
  model('ports on an MLServer node (the operator replaces them with grpc and http: mlserver.go)',
    { protocol: SeldonProtocol.V2, ports: [{ number: 8082, name: 'metrics2' }] },
    /ports 8082 would be lost: Seldon accepts this, but the operator replaces the ports of a SKLEARN_SERVER container under the v2 protocol with its own grpc and http/,
    'Drop the ports; point a PodMonitor or probe at the ports named http and grpc, or set `explicitStorageInitializer: true`.'),
  graph('a logger on a built-in without children (it never fires: predictor_process.go)', undefined, undefined,
    () => PredictiveUnit.builtIn({
      name: 'ab',
      implementation: BuiltInImplementation.RANDOM_ABTEST,
      children: [
        PredictiveUnit.builtIn({ name: 'echo', implementation: BuiltInImplementation.SIMPLE_MODEL, logger: { mode: LoggerMode.ALL } }),
        PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: URI }),
      ],
    }),
    /predictors\[0\]\.graph\.children\[0\]\.logger is set on "SIMPLE_MODEL" node "echo", which has no children: Seldon accepts this, but the executor logs a built-in's payloads only around its children/,
    'Put the logger on the built-in\'s parent or on a node with a container.'),
];
