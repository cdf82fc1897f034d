import { Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import {
  BuiltInImplementation, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedModelProps, PrepackagedServer,
  SeldonDeployment, SeldonProtocol,
} from '../../src';

const URI = ModelUri.gcs('seldon-models', 'models/iris');

function sdepOf(props: Partial<PrepackagedModelProps>) {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: URI, explicitStorageInitializer: true, ...props });
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
}
const podOf = (props: Partial<PrepackagedModelProps>) => sdepOf(props).spec.predictors[0].componentSpecs[0].spec;

/** operator/utils/utils.go SetEnvVar@v1.18.2, line for line: a taken name without override returns nothing. */
function setEnvVar(envs: any[], v: any, override: boolean): any[] {
  const index = envs.findIndex(e => e.name === v.name);
  if (index >= 0 && override) return [...envs.slice(0, index), v, ...envs.slice(index + 1)];
  if (index < 0) return [...envs, v];
  return [];
}

/** controller.go addPortEnvs + addModelEnvs as they run on a graph container. */
function operatorEnv(container: any, node: any): any[] {
  let env = container.env ?? [];
  for (const name of ['PREDICTIVE_UNIT_HTTP_SERVICE_PORT', 'MLSERVER_HTTP_PORT', 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', 'MLSERVER_GRPC_PORT']) {
    env = setEnvVar(env, { name, value: '9000' }, false);
  }
  if ((node.parameters ?? []).length > 0) env = setEnvVar(env, { name: 'PREDICTIVE_UNIT_PARAMETERS', value: JSON.stringify(node.parameters) }, false);
  if (node.modelUri) env = setEnvVar(env, { name: 'MLSERVER_MODEL_URI', value: '/mnt/models' }, false);
  return env;
}

describe('explicit mode survives the operator\'s SetEnvVar(override=false) (operator/utils/utils.go, controller.go addModelEnvs)', () => {
  test.each([
    ['SKLEARN seldon', PrepackagedServer.SKLEARN, undefined, [ModelParameter.stringValue('method', 'predict')]],
    ['TENSORFLOW seldon', PrepackagedServer.TENSORFLOW, undefined, [ModelParameter.stringValue('signature_name', 'serving_default')]],
    ['custom seldon', PrepackagedServer.custom('MY_SERVER', { image: 'me/s:1' }), undefined, [ModelParameter.intValue('batch', 8)]],
    // SKLEARN, XGBOOST and MLFLOW under v2 and TRITON in explicit mode read no parameters, and are refused them (review 17, D8)
    ['HUGGINGFACE v2', PrepackagedServer.HUGGINGFACE, SeldonProtocol.V2, [ModelParameter.stringValue('task', 'text-classification')]],
    ['TEMPO v2', PrepackagedServer.TEMPO, SeldonProtocol.V2, [ModelParameter.stringValue('k', 'v')]],
  ])('%s with parameters keeps its whole env: the parameters are in the container only, not on the node', (_, server, protocol, parameters) => {
    const sdep = sdepOf({ server, protocol, parameters, env: { USER_VAR: EnvValue.fromValue('kept') }, metadata: { namespace: 'models' } });
    const node = sdep.spec.predictors[0].graph;
    expect(node.parameters).toBeUndefined();
    const container = sdep.spec.predictors[0].componentSpecs[0].spec.containers[0];
    const names = (container.env ?? []).map((e: any) => e.name);
    expect(names).toContain('USER_VAR');
    expect(names).toContain('PREDICTIVE_UNIT_PARAMETERS');
    const after = operatorEnv(container, node).map((e: any) => e.name);
    expect(after).toEqual(expect.arrayContaining(['USER_VAR', 'PREDICTIVE_UNIT_PARAMETERS', 'MLSERVER_HTTP_PORT', 'MLSERVER_GRPC_PORT']));
  });

  test('the simulation itself wipes the env of a node that carries parameters and declares the variable', () => {
    expect(operatorEnv({ env: [{ name: 'A', value: '1' }, { name: 'PREDICTIVE_UNIT_PARAMETERS', value: '[]' }] }, { parameters: [{ name: 'x' }] })).toEqual([]);
  });

  test.each(['PREDICTIVE_UNIT_HTTP_SERVICE_PORT', 'MLSERVER_HTTP_PORT', 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', 'MLSERVER_GRPC_PORT'])(
    'user env %s is rejected in both modes and on components (controller.go addPortEnvs)', name => {
      const expected = new RegExp(`env\\["${name}"\\] is set by the operator with SetEnvVar\\(override=false\\), which drops the container's whole environment when the name is already taken; another name`);
      for (const explicit of [false, true]) {
        expect(() => sdepOf({ explicitStorageInitializer: explicit, env: { [name]: EnvValue.fromValue('1') } })).toThrow(expected);
      }
      expect(() => new SeldonDeployment(Testing.chart(), 'c', {
        predictors: [{ name: 'p', graph: PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.MODEL, image: 'me/t:1', env: { [name]: EnvValue.fromValue('1') } }) }],
      })).toThrow(expected);
    });

  test('MLSERVER_MODEL_URI is rejected on a default-mode node with a modelUri (controller.go addModelEnvs), kept in explicit mode', () => {
    expect(() => sdepOf({ explicitStorageInitializer: false, protocol: SeldonProtocol.V2, env: { MLSERVER_MODEL_URI: EnvValue.fromValue('/x') } }))
      .toThrow(/env\["MLSERVER_MODEL_URI"\] is set by the operator with SetEnvVar/);
    const env = podOf({ protocol: SeldonProtocol.V2, env: { MLSERVER_MODEL_URI: EnvValue.fromValue('/mnt/models/sub') } }).containers[0].env;
    expect(env.filter((e: any) => e.name === 'MLSERVER_MODEL_URI')).toEqual([{ name: 'MLSERVER_MODEL_URI', value: '/mnt/models/sub' }]);
  });
});

describe('declared server containers match what the operator builds (prepackaged.go, mlserver.go)', () => {
  test('MLServer: ports [grpc, http], httpGet health probes with controller.go timings, MLSERVER_MODEL_NAME left to the operator', () => {
    const c = podOf({ protocol: SeldonProtocol.V2 }).containers[0];
    expect(c.ports).toEqual([{ name: 'grpc', containerPort: 9500, protocol: 'TCP' }, { name: 'http', containerPort: 9000, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/v2/health/ready', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 20, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/v2/health/live', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 });
    expect(c.env.map((e: any) => e.name)).not.toContain('MLSERVER_MODEL_NAME');
  });

  test('TEMPO_RUNTIME_OPTIONS carries the namespace, "default" when none is set (defaults.go)', () => {
    const env = (ns?: string) => podOf({ protocol: SeldonProtocol.V2, metadata: ns ? { namespace: ns } : undefined }).containers[0].env
      .find((e: any) => e.name === 'TEMPO_RUNTIME_OPTIONS').value;
    expect(env()).toBe('{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "default"}}');
    expect(env('models')).toContain('"namespace": "models"');
  });

  test('Triton: ports [grpc, http] as addTritonServer writes them', () => {
    const c = podOf({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2 }).containers[0];
    expect(c.ports.map((p: any) => p.name)).toEqual(['grpc', 'http']);
  });

  test.each([
    ['TRITON v2', PrepackagedServer.TRITON, SeldonProtocol.V2, ['classifier']],
    ['HUGGINGFACE v2', PrepackagedServer.HUGGINGFACE, SeldonProtocol.V2, ['classifier']],
    ['TENSORFLOW tensorflow', PrepackagedServer.TENSORFLOW, SeldonProtocol.TENSORFLOW, ['classifier']],
    ['TENSORFLOW seldon', PrepackagedServer.TENSORFLOW, undefined, ['tfserving']],
  ])('%s: no default memory limit on the model server, which default mode does not have either', (_, server, protocol, unsized) => {
    const parameters = server === PrepackagedServer.HUGGINGFACE ? [ModelParameter.stringValue('task', 'text-classification')] : undefined;
    for (const c of podOf({ server, protocol, parameters }).containers) {
      if (unsized.includes(c.name)) expect(c.resources).toBeUndefined();
      else expect(c.resources.limits.memory).toBe('1Gi');
    }
  });

  test('a TF proxy node does not shift the ports of the nodes after it; the Deployment keeps default mode\'s name', () => {
    const graph = () => PredictiveUnit.builtIn({
      name: 'ab',
      implementation: BuiltInImplementation.RANDOM_ABTEST,
      children: [
        PredictiveUnit.prepackaged({ name: 'tf', server: PrepackagedServer.TENSORFLOW, modelUri: URI }),
        PredictiveUnit.prepackaged({ name: 'iris', server: PrepackagedServer.SKLEARN, modelUri: URI }),
      ],
    });
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'tf', { explicitStorageInitializer: true, predictors: [{ name: 'p', graph: graph() }] });
    const spec = Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0];
    // defaults.go numbers containers in pod order: tf 9000, iris 9001, then tfserving (added last).
    expect(spec.spec.containers.map((c: any) => c.name)).toEqual(['tf', 'iris', 'tfserving']);
    // types.go GetDeploymentName joins the container names; default mode has [tf, iris] when it names the Deployment.
    expect(spec.metadata).toEqual({ name: 'tf-iris' });
  });

  test('explicit mode orders containers as default mode: rendered ones first, then the nodes the operator adds', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'o', {
      explicitStorageInitializer: true,
      protocol: SeldonProtocol.V2,
      predictors: [{
        name: 'p',
        graph: PredictiveUnit.prepackaged({
          name: 'a',
          server: PrepackagedServer.TRITON,
          modelUri: URI,
          children: [PredictiveUnit.component({ name: 'b', unitType: PredictiveUnitType.MODEL, image: 'me/b:1' })],
        }),
      }],
    });
    const spec = Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0];
    expect(spec.spec.containers.map((c: any) => c.name)).toEqual(['b', 'a']);
    expect(spec.spec.containers[1].args).toContain('--http-port=9001');
    expect(spec.metadata).toBeUndefined();
  });
});

describe('parameters a seldon-protocol server class takes (servers/*@v1.18.2, built with **parameters)', () => {
  test.each([
    ['SKLEARN', PrepackagedServer.SKLEARN, 'method', 'decision_function'],
    ['MLFLOW', PrepackagedServer.MLFLOW, 'xtype', 'DataFrame'],
    ['TENSORFLOW', PrepackagedServer.TENSORFLOW, 'signature_name', 'x'],
    ['TENSORFLOW', PrepackagedServer.TENSORFLOW, 'model_input', 'x'],
  ])('%s takes %s', (_, server, name, value) => {
    const sdep = sdepOf({ server, explicitStorageInitializer: false, parameters: [ModelParameter.stringValue(name, value)] });
    expect(sdep.spec.predictors[0].graph.parameters).toEqual([{ name, value, type: 'STRING' }]);
  });

  test('SKLEARN\'s method is one its server class compares with: any other value silently calls predict() (SKLearnServer.py)', () => {
    for (const value of ['predict_proba', 'decision_function', 'predict']) {
      expect(sdepOf({ explicitStorageInitializer: false, parameters: [ModelParameter.stringValue('method', value)] }).spec.predictors[0].graph.parameters[0].value).toBe(value);
    }
    const accepted = 'accepted: ModelParameter.stringValue\\("method", v\\) with v one of "predict_proba", "decision_function", "predict" \\(the first is the default\\)';
    expect(() => sdepOf({ parameters: [ModelParameter.stringValue('method', 'predict_probability')] })).toThrow(new RegExp(
      `parameters\\[0\\] "method" has the value "predict_probability", which SKLEARN_SERVER under the seldon protocol does not know: its server class then silently calls predict\\(\\), returning class labels; ${accepted}`));
    expect(() => sdepOf({ parameters: [ModelParameter.intValue('method', 1)] })).toThrow(/"method" has the value 1 \(type INT\), which SKLEARN_SERVER/);
    // MLServer's SKLEARN runtime reads no PREDICTIVE_UNIT_PARAMETERS at all: under the V2 protocol any parameter is refused (review 17, D8)
    expect(() => sdepOf({ protocol: SeldonProtocol.V2, parameters: [ModelParameter.stringValue('method', 'anything')] })).toThrow(/parameters "method" would have no effect/);
  });

  test.each([
    ['SKLEARN', PrepackagedServer.SKLEARN, 'xtype', /accepted: method/],
    ['MLFLOW', PrepackagedServer.MLFLOW, 'method', /accepted: xtype/],
    ['XGBOOST', PrepackagedServer.XGBOOST, 'method', /no parameters \(XGBOOST_SERVER takes only model_uri, from modelUri\)/],
    ['TENSORFLOW', PrepackagedServer.TENSORFLOW, 'batch', /accepted: rest_endpoint, grpc_endpoint, signature_name, model_input, model_output/],
  ])('%s does not take %s: the pod would not start', (_, server, name, accepted) => {
    expect(() => sdepOf({ server, explicitStorageInitializer: false, parameters: [ModelParameter.stringValue(name, 'x')] }))
      .toThrow(new RegExp(`parameters\\[0\\] is named "${name}", which \\w+ under the seldon protocol does not take: its server class would fail to start; ${accepted.source}`));
  });

  test('TENSORFLOW model_name other than the node name would be overridden by the operator\'s (prepackaged.go appends it)', () => {
    expect(() => sdepOf({ server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('model_name', 'x')] }))
      .toThrow(/parameters\[0\] is named "model_name" with value "x", but the operator appends model_name="classifier" \(the node name\) after it/);
    expect(sdepOf({ server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('model_name', 'classifier')] })).toBeDefined();
  });

  test('under the V2 protocol for TEMPO (Tempo\'s own MLServer runtime), and for custom servers, parameter names are not checked', () => {
    // accepted, and passed on in the container's PREDICTIVE_UNIT_PARAMETERS
    const passed = (props: Partial<PrepackagedModelProps>) => JSON.parse(podOf({ ...props, parameters: [ModelParameter.stringValue('anything', 'x')] })
      .containers[0].env.find((e: any) => e.name === 'PREDICTIVE_UNIT_PARAMETERS').value)[0];
    expect(passed({ server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2, metadata: { namespace: 'models' } })).toEqual({ name: 'anything', value: 'x', type: 'STRING' });
    expect(passed({ server: PrepackagedServer.custom('MY', { image: 'me/s:1' }) })).toEqual({ name: 'anything', value: 'x', type: 'STRING' });
  });
});

describe('predictor rules of the operator', () => {
  test('two pvc:// nodes in one default-mode pod: a repeated kfserving-pvc-source volume (model_initializer_injector.go)', () => {
    const node = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('models', name) });
    const build = (explicit: boolean) => new SeldonDeployment(Testing.chart(), 'x', {
      explicitStorageInitializer: explicit,
      predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [node('a'), node('b')] }) }],
    });
    expect(() => build(false)).toThrow(/predictors\[0\]\.graph has 2 pvc:\/\/ nodes in the predictor's pod; the operator adds a volume named kfserving-pvc-source for each to that pod/);
    expect(() => build(true)).not.toThrow();
  });

  test('pvc:// nodes in different pods: each pod gets its own kfserving-pvc-source (seldondeployment_prepackaged_servers.go)', () => {
    const node = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('models', name) });
    const build = (separatePods: Array<{ nodes: string[] }>) => () => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [node('a'), node('b'), node('c')] }), separatePods }],
    });
    expect(build([{ nodes: ['b'] }])).toThrow(/graph has 2 pvc:\/\/ nodes in the predictor's pod/);
    expect(build([{ nodes: ['b'] }, { nodes: ['c'] }])).not.toThrow();
    expect(build([{ nodes: ['b', 'c'] }])).toThrow(/graph has 2 pvc:\/\/ nodes in the separate pod of b, c; .*; one pvc:\/\/ node per pod/);
  });

  test.each(['My_Svc', '1svc', 'svc.name', 'x'.repeat(64)])('seldon.io/svc-name %s is not a Service name (types.go GetPredictorKey uses it verbatim)', value => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'p', annotations: { 'seldon.io/svc-name': value }, graph: PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: URI }) }],
    })).toThrow(/predictors\[0\]\.annotations\["seldon\.io\/svc-name"\] ".*" is not a Service name \(the operator names the predictor's Service after it, unshortened\); a DNS-1035 label/);
  });
});
