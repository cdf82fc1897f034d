import { Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import { exampleCharts, GraphQuery, synthApp } from './helpers';
import { addV1Examples } from '../../examples/v1';
import { addV2Examples } from '../../examples/v2';
import {
  BuiltInImplementation, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedServer, SeldonDeployment,
  SeldonModel, SeldonServer, ServerConfig, ServerConfigRef,
} from '../../src';
import { buildDeploymentGraph, renderDot, renderMermaid } from '../../src/graph';
import { DEFAULT_SERVER_CONFIGS } from '../../src/v2/capabilities';
import * as seed from '../fixtures/seed-v1';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

function exampleGraph(options = {}): GraphQuery {
  const { app, v1, v2 } = exampleCharts();
  addV1Examples(v1);
  addV2Examples(v2);
  return new GraphQuery(buildDeploymentGraph(synthApp(app), options));
}

describe('graph of the example app', () => {
  const q = exampleGraph();

  test('the iris model pinned to mlserver-134 has one edge, labelled with its requirements', () => {
    const iris = q.node('Model', 'iris');
    const server = q.node('Server', 'mlserver-134');
    expect(q.edge(iris, server)).toEqual({ from: iris.id, to: server.id, kind: 'pinned', label: 'pinned: sklearn, mlserver-1.3.4', problem: undefined });
    // Pinned: no other server is a candidate, however capable.
    expect(q.graph.edges.filter(e => e.from === iris.id)).toHaveLength(1);
    expect(server.details).toEqual(['serverConfig mlserver', '+ mlserver-1.3.4', 'replicas 1']);
  });

  test('the unpinned [sklearn, pvc] model goes to mlserver-pvc and not to the plain mlserver', () => {
    const model = q.node('Model', 'iris-pvc');
    expect(q.edge(model, q.node('Server', 'mlserver-pvc'))).toMatchObject({ kind: 'placement', label: 'sklearn, pvc', problem: undefined });
    expect(q.edges(model, q.node('Server', 'mlserver'))).toEqual([]);
    expect(q.edges(model, q.node('Server', 'triton'))).toEqual([]);
    expect(q.targets(model, 'placement')).toEqual(['mlserver-pvc']);
    expect(model.unschedulable).toBeUndefined();
    expect(model.details).toEqual(['/var/models/iris', 'requires sklearn, pvc']);
  });

  test('the installation\'s default servers are drawn in the namespace with models, marked as such', () => {
    const mlserver = q.node('Server', 'mlserver', 'seldon-mesh');
    expect(mlserver.external).toBe('installation default');
    expect(mlserver.details).toEqual(['serverConfig mlserver', 'replicas 1']);
    expect(q.node('Server', 'triton', 'seldon-mesh').external).toBe('installation default');
    expect(q.graph.nodes.filter(n => n.kind === 'Server' && n.namespace === 'seldon')).toEqual([]);
  });

  test('servers and models mount and read claims', () => {
    const pvcServer = q.node('Server', 'mlserver-pvc');
    expect(q.edge(pvcServer, q.node('PersistentVolumeClaim', 'ml-models-pvc'))).toMatchObject({ kind: 'volume', label: 'mounts /var/models (rclone)' });
    expect(q.node('PersistentVolumeClaim', 'ml-models-pvc').details).toEqual(['5Gi ReadWriteOnce']);
    const classifier = q.graph.nodes.find(n => n.kind === 'GraphNode' && n.details.includes('/mnt/pvc/sklearn/iris'))!;
    expect(classifier.details).toEqual(['MODEL', '/mnt/pvc/sklearn/iris', 'seldonio/sklearnserver:1.18.2']);
    expect(q.edge(classifier, q.node('PersistentVolumeClaim', 'model-store'))).toMatchObject({ kind: 'volume', label: 'mounts /mnt/pvc (classifier)' });
  });

  test('the MinIO model reads its credentials Secret', () => {
    const secret = q.node('Secret', 'minio-credentials');
    expect(secret.details).toEqual(['rclone env: s3']);
    const readers = q.graph.edges.filter(e => e.to === secret.id);
    expect(readers).toHaveLength(1);
    expect(readers[0]).toMatchObject({ kind: 'secret', label: 'envSecretRefName' });
    expect(q.graph.nodes.find(n => n.id === readers[0].from)!.details).toEqual(['SKLEARN_SERVER', 's3://sklearn/iris']);
  });

  test('the v1 deployment with a canary and a shadow: traffic shares, the shadow\'s copy, one graph per predictor', () => {
    const sdep = q.node('SeldonDeployment', 'iris-gcs');
    const predictors = q.graph.nodes.filter(n => n.kind === 'Predictor' && n.group === sdep.group);
    expect(predictors.map(p => p.name)).toEqual(['default', 'canary', 'shadow']);
    expect(predictors.map(p => q.edge(sdep, p)).map(e => [e.kind, e.label])).toEqual([
      ['traffic', '90%'], ['traffic', '10%'], ['shadow', 'shadow: copy of requests'],
    ]);
    expect(q.targets(predictors[1], 'child')).toEqual(['classifier']);
    expect(q.graph.groups.find(g => g.id === sdep.group)).toMatchObject({ label: 'SeldonDeployment iris-gcs' });
    expect(q.graph.groups.find(g => g.id === q.graph.groups.find(x => x.id === sdep.group)!.parent)).toMatchObject({ label: 'namespace seldon' });
    // A single predictor gets all the traffic.
    const minio = q.node('SeldonDeployment', 'iris-minio');
    expect(q.graph.edges.filter(e => e.from === minio.id).map(e => e.label)).toEqual(['100%']);
  });

  test('no model is unschedulable and nothing is reported', () => {
    expect(q.graph.nodes.filter(n => n.unschedulable)).toEqual([]);
    expect(q.graph.edges.filter(e => e.problem)).toEqual([]);
    expect(q.graph.warnings).toEqual([]);
  });

  test('--no-default-servers leaves the installation servers out', () => {
    const without = exampleGraph({ defaultServers: false });
    expect(without.graph.nodes.filter(n => n.external)).toEqual([]);
    expect(without.targets(without.node('Model', 'iris-pvc'), 'placement')).toEqual(['mlserver-pvc']);
  });
});

describe('placement', () => {
  test('a model no server can take is marked unschedulable, naming the closest servers', () => {
    // An app without servers: the library leaves its models to the installation's servers, which lack gpu.
    const chart = Testing.chart();
    new SeldonModel(chart, 'big', { metadata: { name: 'big' }, storageUri: IRIS, requirements: ['sklearn', 'gpu'] });
    const q = new GraphQuery(buildDeploymentGraph(Testing.synth(chart)));
    const model = q.node('Model', 'big');
    expect(model.unschedulable).toBe('no Server advertises sklearn, gpu (mlserver lacks gpu; triton lacks sklearn, gpu)');
    expect(q.graph.edges.filter(e => e.from === model.id)).toEqual([]);
  });

  test('with the default servers, an unpinned model with requirements of both configs is unschedulable too', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('mixed', { requirements: ['sklearn', 'onnx'] })]));
    expect(q.node('Model', 'mixed').unschedulable).toBe('no Server advertises sklearn, onnx (mlserver lacks onnx; triton lacks sklearn)');
  });

  test('without any server in the manifests (and no default servers), a model is not judged, as at synth: it may use servers defined elsewhere', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('alone', { namespace: 'ns' })], { defaultServers: false }));
    expect(q.node('Model', 'alone').unschedulable).toBeUndefined();
  });

  test('a model without requirements may go to every server of its namespace', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('any', { namespace: 'a' }), serverObject('x', { namespace: 'a' }), serverObject('y', { namespace: 'b' })]));
    expect(q.targets(q.node('Model', 'any'), 'placement')).toEqual(['x', 'mlserver', 'triton']);
    expect(q.edge(q.node('Model', 'any'), q.node('Server', 'x'))).toMatchObject({ label: 'no requirements' });
  });

  test('a Server named like an installation one, without a namespace, stands for it', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', { namespace: 'a' }), serverObject('mlserver', {})]));
    expect(q.graph.nodes.filter(n => n.kind === 'Server').map(n => `${n.name}${n.external ? ' (default)' : ''}`)).toEqual(['mlserver', 'triton (default)']);
  });

  test('servers without a namespace are visible from every namespace, as the scheduler check assumes', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', { namespace: 'a', requirements: ['sklearn'] }), serverObject('shared', {})], { defaultServers: false }));
    expect(q.targets(q.node('Model', 'm'), 'placement')).toEqual(['shared']);
  });

  test('the requirements of an explainer include alibi-explain, and modelType is one more requirement', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      modelObject('explainer', { explainer: { type: 'anchor_tabular', modelRef: 'iris' } }),
      modelObject('iris', { modelType: 'sklearn' }),
    ]));
    expect(q.edge(q.node('Model', 'explainer'), q.node('Server', 'mlserver'))).toMatchObject({ label: 'alibi-explain' });
    expect(q.targets(q.node('Model', 'explainer'), 'placement')).toEqual(['mlserver']);
    expect(q.targets(q.node('Model', 'explainer'), 'explains')).toEqual(['iris']);
    expect(q.targets(q.node('Model', 'iris'), 'placement')).toEqual(['mlserver']);
  });

  test('a pinned server lacking a requirement: a red edge and an unschedulable model', () => {
    // A reference without a ServerConfig is not checked by the library; the graph knows the installation's triton.
    const chart = Testing.chart();
    const triton = SeldonServer.fromServerName(chart, 'triton', 'triton');
    new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS, requirements: ['sklearn'], server: triton });
    const q = new GraphQuery(buildDeploymentGraph(Testing.synth(chart)));
    const iris = q.node('Model', 'iris');
    expect(q.edge(iris, q.node('Server', 'triton'))).toMatchObject({ kind: 'pinned', label: 'pinned: sklearn', problem: 'lacks sklearn' });
    expect(iris.unschedulable).toBe('pinned Server triton: lacks sklearn');
    // Pinned models are not candidates elsewhere, even where they would fit.
    expect(q.edges(iris, q.node('Server', 'mlserver'))).toEqual([]);
  });

  test('a model pinned to a server the manifests lack points at an external node', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('iris', { server: 'gpu-server' })]));
    const server = q.node('Server', 'gpu-server');
    expect(server.external).toBe('not in the manifests');
    expect(q.edge(q.node('Model', 'iris'), server)).toMatchObject({ kind: 'pinned', problem: undefined });
    expect(q.node('Model', 'iris').unschedulable).toBeUndefined();
  });

  test('a model pinned to an installation server by name is checked against its default capabilities', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('iris', { server: 'triton', requirements: ['sklearn'] })]));
    expect(q.edge(q.node('Model', 'iris'), q.node('Server', 'triton'))).toMatchObject({ problem: 'lacks sklearn' });
  });

  test('replicas: servers with too few are drawn with the problem; minReplicas is the scheduler\'s fallback', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      modelObject('three', { replicas: 3 }), modelObject('fallback', { replicas: 3, minReplicas: 2 }), serverObject('two', { replicas: 2 }),
    ], { defaultServers: false }));
    expect(q.edge(q.node('Model', 'three'), q.node('Server', 'two')).problem).toBe('has 2 replica(s), the model wants 3');
    expect(q.node('Model', 'three').unschedulable).toBe('no Server advertising no requirements has 3 replica(s): two has 2');
    expect(q.edge(q.node('Model', 'fallback'), q.node('Server', 'two')).problem).toBeUndefined();
    expect(q.node('Model', 'three').details).toContain('replicas 3');
  });

  test('a server scaled to zero takes no model', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', {}), serverObject('off', { replicas: 0 })], { defaultServers: false }));
    expect(q.edge(q.node('Model', 'm'), q.node('Server', 'off')).problem).toBe('has 0 replicas');
    expect(q.node('Model', 'm').unschedulable).toMatch(/off has 0$/);
  });

  test('a local-path model is drawn to capable servers without the claim, with the problem, and flagged as the synth check does: the scheduler may put it there', () => {
    const withPvc = serverObject('with-pvc', {
      podSpec: {
        volumes: [{ name: 'models', persistentVolumeClaim: { claimName: 'models' } }],
        containers: [{ name: 'rclone', volumeMounts: [{ name: 'models', mountPath: '/var/models/' }] }],
      },
    });
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', { storageUri: '/var/models/iris', requirements: ['sklearn'] }), serverObject('plain', {}), withPvc], { defaultServers: false }));
    const m = q.node('Model', 'm');
    expect(q.edge(m, q.node('Server', 'plain')).problem).toBe('mounts no claim at a parent of /var/models/iris');
    expect(q.edge(m, q.node('Server', 'with-pvc')).problem).toBeUndefined();
    expect(q.edge(q.node('Server', 'with-pvc'), q.node('PersistentVolumeClaim', 'models'))).toMatchObject({ label: 'mounts /var/models/ (rclone)' });
    expect(m.unschedulable).toBe('the scheduler may place it on a Server mounting no claim at a parent of /var/models/iris: plain');
  });

  test('a server of unknown capabilities is a possible host; the model is not called unschedulable', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', { requirements: ['gpu'] }), serverObject('custom', { serverConfig: 'my-config' })], { defaultServers: false }));
    expect(q.edge(q.node('Model', 'm'), q.node('Server', 'custom'))).toMatchObject({ kind: 'possible', label: '? gpu (capabilities unknown)' });
    expect(q.node('Model', 'm').unschedulable).toBeUndefined();
    expect(q.node('Server', 'custom').details).toEqual(['serverConfig my-config', 'capabilities unknown', 'replicas 1']);
  });

  test('capabilities replace the ServerConfig\'s; extraCapabilities add to them', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      modelObject('m', { requirements: ['gpu'] }),
      serverObject('replaced', { serverConfig: 'mlserver', capabilities: ['gpu'] }),
      serverObject('extra', { serverConfig: 'triton', extraCapabilities: ['gpu'] }),
    ], { defaultServers: false }));
    expect(q.targets(q.node('Model', 'm'), 'placement')).toEqual(['replaced', 'extra']);
    expect(q.node('Server', 'replaced').details).toEqual(['serverConfig mlserver', 'capabilities gpu', 'replicas 1']);
  });

  test('a ServerConfig of the manifests gives its capabilities (its agent\'s SELDON_SERVER_CAPABILITIES) to its servers', () => {
    const mesh = Testing.chart();
    const config = new ServerConfig(mesh, 'gpu', {
      metadata: { name: 'mlserver-gpu' },
      capabilities: ['mlserver', 'sklearn', 'gpu'],
      podSpec: {
        containers: [
          { name: 'rclone', image: 'docker.io/seldonio/seldon-rclone:2.10.2' },
          { name: 'agent', image: 'docker.io/seldonio/seldon-agent:2.10.2' },
          { name: 'mlserver', image: 'docker.io/seldonio/mlserver:1.7.1' },
        ],
      },
    });
    new SeldonServer(mesh, 'server', { metadata: { name: 'gpu-server' }, serverConfig: ServerConfigRef.fromServerConfig(config) });
    new SeldonModel(mesh, 'm', { metadata: { name: 'm' }, storageUri: IRIS, requirements: ['sklearn', 'gpu'] });
    const q = new GraphQuery(buildDeploymentGraph(Testing.synth(mesh)));
    const server = q.node('Server', 'gpu-server');
    expect(q.edge(server, q.node('ServerConfig', 'mlserver-gpu'))).toMatchObject({ kind: 'serverConfig' });
    expect(q.node('ServerConfig', 'mlserver-gpu').details).toEqual(['capabilities mlserver, sklearn, gpu']);
    expect(q.targets(q.node('Model', 'm'), 'placement')).toEqual(['gpu-server']);
  });

  test('a ServerConfig named like an installation one replaces its default capabilities', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      modelObject('m', { requirements: ['sklearn'] }),
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'ServerConfig', metadata: { name: 'mlserver' }, spec: { podSpec: { containers: [{ name: 'agent', env: [{ name: 'SELDON_SERVER_CAPABILITIES', value: 'mlserver, xgboost' }] }] } } },
    ]));
    expect(q.node('Model', 'm').unschedulable).toBe('no Server advertises sklearn (mlserver lacks sklearn; triton lacks sklearn)');
  });

  test('the capability index keeps large apps fast: 3,000 models on 300 servers', () => {
    const values: unknown[] = [];
    for (let s = 0; s < 300; s++) values.push(serverObject(`s${s}`, { serverConfig: 'custom', capabilities: [`c${s}`, 'shared'] }));
    for (let m = 0; m < 3000; m++) values.push(modelObject(`m${m}`, { requirements: [`c${m % 300}`, 'shared'] }));
    const graph = buildDeploymentGraph(values, { defaultServers: false });
    const placements = graph.edges.filter(e => e.kind === 'placement');
    // each model is placed on exactly the one server of its capability (the index answers by capability,
    // the shared matcher of src/v2/capability-index.ts; its linear work is counted in test/perf)
    expect(placements).toHaveLength(3000);
    expect(new Set(placements.map(e => `${e.from}->${e.to}`)).size).toBe(3000);
  });

  test('the capability table is the one of src/v2/capabilities.ts', () => {
    const q = new GraphQuery(buildDeploymentGraph([modelObject('m', { requirements: [...DEFAULT_SERVER_CONFIGS.triton.capabilities] })]));
    expect(q.targets(q.node('Model', 'm'), 'placement')).toEqual(['triton']);
  });
});

describe('v1 graphs, Secrets and claims from manifests the library did not write', () => {
  test('the seed\'s explicit form: graph node, image, initializer source and its envFrom Secret', () => {
    const q = new GraphQuery(buildDeploymentGraph([seed.EXPLICIT_FORM]));
    const unit = q.node('GraphNode', 'classifier');
    expect(unit.details).toEqual(['MODEL', 's3://sklearn/iris', 'seldonio/sklearnserver:1.8.0-dev']);
    const secret = q.node('Secret', 'seldon-init-container-secret');
    expect(secret.external).toBe('not in the manifests');
    expect(q.edge(unit, secret)).toMatchObject({ kind: 'secret', label: 'envFrom (initializer)' });
  });

  test('an inference graph: nodes, children and a pvc:// URI', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'income', {
      metadata: { name: 'income' },
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({
          name: 'preprocess',
          unitType: PredictiveUnitType.TRANSFORMER,
          image: 'example.com/t:1',
          children: [PredictiveUnit.builtIn({
            name: 'ensemble',
            implementation: BuiltInImplementation.AVERAGE_COMBINER,
            children: [
              PredictiveUnit.prepackaged({ name: 'xgb', server: PrepackagedServer.XGBOOST, modelUri: ModelUri.pvcByName('store', 'xgb') }),
              PredictiveUnit.prepackaged({ name: 'mlf', server: PrepackagedServer.MLFLOW, modelUri: IRIS, credentials: Secret.fromSecretName(chart, 's', 'creds') }),
            ],
          })],
        }),
      }],
    });
    const q = new GraphQuery(buildDeploymentGraph(Testing.synth(chart)));
    expect(q.targets(q.node('Predictor', 'default'), 'child')).toEqual(['preprocess']);
    expect(q.targets(q.node('GraphNode', 'preprocess'), 'child')).toEqual(['ensemble']);
    expect(q.targets(q.node('GraphNode', 'ensemble'), 'child')).toEqual(['xgb', 'mlf']);
    expect(q.node('GraphNode', 'preprocess').details).toEqual(['TRANSFORMER', 'example.com/t:1']);
    expect(q.node('GraphNode', 'ensemble').details).toEqual(['AVERAGE_COMBINER']);
    expect(q.edge(q.node('GraphNode', 'xgb'), q.node('PersistentVolumeClaim', 'store'))).toMatchObject({ kind: 'volume', label: 'pvc:// /xgb' });
    expect(q.edge(q.node('GraphNode', 'mlf'), q.node('Secret', 'creds'))).toMatchObject({ kind: 'secret', label: 'envSecretRefName' });
  });

  test('explainers, protocol and replicas', () => {
    const q = new GraphQuery(buildDeploymentGraph([{
      apiVersion: 'machinelearning.seldon.io/v1alpha2',
      kind: 'SeldonDeployment',
      metadata: { name: 'iris', namespace: 'models' },
      spec: {
        protocol: 'v2',
        predictors: [{
          name: 'main',
          replicas: 2,
          graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/iris' },
          explainer: { type: 'AnchorTabular', modelUri: 'pvc://explainers/iris', envSecretRefName: 'ex-creds' },
        }],
      },
    }]));
    expect(q.node('SeldonDeployment', 'iris').details).toEqual(['protocol v2']);
    expect(q.node('Predictor', 'main').details).toEqual(['replicas 2']);
    const explainer = q.node('Explainer', 'explainer');
    expect(explainer.details).toEqual(['AnchorTabular', 'pvc://explainers/iris']);
    expect(q.edge(q.node('Predictor', 'main'), explainer).kind).toBe('explainer');
    expect(q.targets(explainer, 'secret')).toEqual(['ex-creds']);
    expect(q.targets(explainer, 'volume')).toEqual(['explainers']);
  });

  test('a predictor\'s pods: an autoscaler\'s bounds rather than the replicas it overrides, else the operator\'s order of replicas', () => {
    const graph = { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/iris' };
    const q = new GraphQuery(buildDeploymentGraph([{
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'iris', namespace: 'models' },
      spec: {
        replicas: 4,
        predictors: [
          { name: 'hpa', traffic: 40, replicas: 1, graph, componentSpecs: [{ hpaSpec: { minReplicas: 3, maxReplicas: 12, metricsv2: [] }, spec: { containers: [] } }] },
          { name: 'keda', traffic: 30, graph, componentSpecs: [{ kedaSpec: { maxReplicaCount: 5, triggers: [] }, spec: { containers: [] } }] },
          { name: 'component', traffic: 10, replicas: 2, graph, componentSpecs: [{ replicas: 3, spec: { containers: [] } }] },
          { name: 'deployment', traffic: 20, graph },
        ],
      },
    }]));
    expect(q.node('Predictor', 'hpa').details).toEqual(['HPA 3–12 replicas']);
    expect(q.node('Predictor', 'keda').details).toEqual(['KEDA 0–5 replicas']);
    expect(q.node('Predictor', 'component').details).toEqual(['replicas 3']);
    expect(q.node('Predictor', 'deployment').details).toEqual(['replicas 4']);
  });

  test('a v2 model reading a Secret the agent cannot read: the edge carries the problem', () => {
    const v1Style = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'env-style' }, stringData: { RCLONE_CONFIG_S3_TYPE: 's3', RCLONE_CONFIG_S3_PROVIDER: 'minio' } };
    const v2Style = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'doc' }, data: { s3: Buffer.from('type: s3\nname: s3\nparameters: {provider: minio}\n').toString('base64') } };
    const q = new GraphQuery(buildDeploymentGraph([
      v1Style, v2Style, modelObject('a', { secretName: 'env-style', storageUri: 's3://m/a' }), modelObject('b', { secretName: 'doc', storageUri: 's3://m/b' }),
    ]));
    expect(q.edge(q.node('Model', 'a'), q.node('Secret', 'env-style')).problem).toBe('the Secret has 2 keys; the v2 agent reads exactly one ({type, name, parameters})');
    expect(q.edge(q.node('Model', 'b'), q.node('Secret', 'doc')).problem).toBeUndefined();
    expect(q.node('Secret', 'doc').details).toEqual(['rclone v2: s3']);
  });

  test('Pipelines and Experiments: steps, data flow, candidates and mirrors', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      modelObject('tfsimple1', {}), modelObject('tfsimple2', {}),
      {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Pipeline',
        metadata: { name: 'chain' },
        spec: {
          steps: [{ name: 'tfsimple1' }, { name: 'tfsimple2', inputs: ['tfsimple1.outputs.OUTPUT0'], triggers: ['chain.inputs'] }],
          output: { steps: ['tfsimple2'] },
        },
      },
      {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Experiment',
        metadata: { name: 'ab' },
        spec: { default: 'tfsimple1', candidates: [{ name: 'tfsimple1', weight: 50 }, { name: 'tfsimple2', weight: 50 }], mirror: { name: 'tfsimple3', percent: 10 } },
      },
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Experiment', metadata: { name: 'pipelines' }, spec: { resourceType: 'pipeline', candidates: [{ name: 'chain', weight: 100 }] } },
    ]));
    const chain = q.node('Pipeline', 'chain');
    const one = q.node('Model', 'tfsimple1');
    const two = q.node('Model', 'tfsimple2');
    expect(chain.details).toEqual(['2 step(s)']);
    expect(q.edge(chain, one)).toMatchObject({ kind: 'dataflow', label: 'input' });
    expect(q.edge(one, two)).toMatchObject({ kind: 'dataflow', label: 'chain' });
    expect(q.edge(chain, two)).toMatchObject({ kind: 'dataflow', label: 'trigger (chain)' });
    expect(q.edge(two, chain)).toMatchObject({ kind: 'dataflow', label: 'output' });
    const ab = q.node('Experiment', 'ab');
    expect(q.edge(ab, one)).toMatchObject({ kind: 'candidate', label: 'weight 50, default' });
    expect(q.edge(ab, two)).toMatchObject({ kind: 'candidate', label: 'weight 50' });
    expect(q.edge(ab, q.node('Model', 'tfsimple3'))).toMatchObject({ kind: 'mirror', label: 'mirror 10%' });
    expect(q.node('Model', 'tfsimple3').external).toBe('not in the manifests');
    expect(q.edge(q.node('Experiment', 'pipelines'), chain)).toMatchObject({ kind: 'candidate', label: 'weight 100' });
  });

  test('a Pipeline fed by other pipelines', () => {
    const q = new GraphQuery(buildDeploymentGraph([
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Pipeline', metadata: { name: 'first' }, spec: { steps: [{ name: 'a' }] } },
      {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Pipeline',
        metadata: { name: 'second' },
        spec: { steps: [{ name: 'b' }], input: { externalInputs: ['first.outputs'], externalTriggers: ['elsewhere.outputs.flag'] } },
      },
    ]));
    const second = q.node('Pipeline', 'second');
    expect(q.edge(q.node('Pipeline', 'first'), second)).toMatchObject({ kind: 'dataflow', label: 'external input' });
    expect(q.edge(q.node('Pipeline', 'elsewhere'), second)).toMatchObject({ kind: 'dataflow', label: 'external trigger' });
    expect(q.node('Pipeline', 'elsewhere').external).toBe('not in the manifests');
    expect(q.node('Model', 'a').external).toBe('not in the manifests');
  });

  test('duplicates, unnamed objects and other kinds', () => {
    const graph = buildDeploymentGraph([
      modelObject('m', {}), modelObject('m', {}), { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: {} },
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: null } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }, 'not an object', null,
    ], { defaultServers: false });
    expect(graph.nodes.map(n => `${n.kind}/${n.name}`)).toEqual(['Model/m']);
    expect(graph.warnings).toEqual(['Model m is defined twice; the first definition is drawn', 'Model without metadata.name skipped',
      'Server whose metadata.name is no string (null) skipped']);
  });
});

function modelObject(name: string, spec: Record<string, unknown> & { namespace?: string }): Record<string, unknown> {
  const { namespace, ...rest } = spec;
  return { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name, namespace }, spec: { storageUri: 'gs://seldon-models/mlserver/iris', ...rest } };
}

function serverObject(name: string, spec: Record<string, unknown> & { namespace?: string }): Record<string, unknown> {
  const { namespace, ...rest } = spec;
  return { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name, namespace }, spec: { serverConfig: 'mlserver', ...rest } };
}

describe('credentials in manifests the graph reads', () => {
  test('a model URI with user info or a connection string\'s secret is drawn masked (the diagram is committed)', () => {
    const manifests = [
      {
        apiVersion: 'machinelearning.seldon.io/v1',
        kind: 'SeldonDeployment',
        metadata: { name: 'd', namespace: 'seldon' },
        spec: { predictors: [{ name: 'default', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 's3://AKIAEXAMPLE:wJalrSECRETKEY@bucket/iris' } }] },
      },
      {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Model',
        metadata: { name: 'm', namespace: 'seldon-mesh' },
        spec: { storageUri: 's3,secret_access_key=wJalrSECRETKEY:bucket/iris', requirements: ['sklearn'] },
      },
    ];
    // A name with user info (a mistake, but the diagram is shared): masked too.
    manifests.push({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'https://user:wJalrSECRETKEY@host', namespace: 'seldon-mesh' },
      spec: { storageUri: 'gs://b/p', requirements: ['sklearn'] },
    });
    const graph = buildDeploymentGraph(manifests);
    const text = JSON.stringify(graph);
    expect(text).not.toContain('wJalrSECRETKEY');
    expect(new GraphQuery(graph).node('Model', 'm').details[0]).toBe('s3,secret_access_key=***:bucket/iris');
  });

  test('a namespace, a SeldonDeployment drawn as a subgraph, a Server\'s serverConfig and a warning with user info are masked too', () => {
    const model = (name: string) => ({
      apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name, namespace: 's3://AKIA:wJalrSECRETKEY@b/k' }, spec: { storageUri: 'gs://b/p', requirements: ['sklearn'] },
    });
    const deployment = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'https://u:wJalrSECRETKEY@h' },
      spec: { predictors: [{ name: 'default', graph: { name: 'c', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/iris' } }] },
    };
    const server = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'gpu' }, spec: { serverConfig: 'https://u:wJalrSECRETKEY@h/c' } };
    const unplaceable = { ...model('u'), spec: { storageUri: 'gs://b/p', requirements: ['s3://AKIA:wJalrSECRETKEY@b/k'] } };
    expect(new GraphQuery(buildDeploymentGraph([unplaceable])).node('Model', 'u').unschedulable).toBe('no Server in namespace s3://***@b/k advertises s3://***@b/k (mlserver lacks s3://***@b/k; triton lacks s3://***@b/k)');
    const graph = buildDeploymentGraph([model('m'), model('m'), deployment, server]);
    expect(new GraphQuery(graph).node('Server', 'gpu').details).toContain('serverConfig https://***@h/c');
    expect(graph.groups.map(g => g.label)).toContain('namespace s3://***@b/k');
    expect(graph.warnings).toContain('Model s3://***@b/k/m is defined twice; the first definition is drawn');
    expect(`${JSON.stringify(graph)}${renderMermaid(graph)}${renderDot(graph)}`).not.toContain('wJalrSECRETKEY');
  });

  test('an edge\'s label naming a capability with user info (a Model pinned to a Server advertising it) is masked', () => {
    const capability = 'https://u:wJalrSECRETKEY@h';
    const model = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'm' }, spec: { storageUri: 'gs://b/p', requirements: [capability], server: 'gpu' } };
    const server = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'gpu' }, spec: { serverConfig: 'mlserver', capabilities: [capability] } };
    const graph = buildDeploymentGraph([model, server]);
    expect(graph.edges.map(e => e.label)).toEqual(['pinned: https://***@h']);
    expect(`${renderMermaid(graph)}${renderDot(graph)}`).not.toContain('wJalrSECRETKEY');
  });
});
