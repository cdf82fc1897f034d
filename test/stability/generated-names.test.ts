import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Experiment, ExperimentTarget, ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote,
  RcloneSecret, RpsAutoscaler, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigRef,
} from '../../src';

/**
 * The names cdk8s generates for objects without metadata.name hash the whole construct path, the library's own child
 * ids included ('Resource', an autoscaler's 'Model' and 'Server'). Renaming one of those in a release would rename
 * every such object in the users' clusters (a new object, the old one pruned), so the names are pinned here in full.
 */
function app(chart: Chart): void {
  const team = new Construct(chart, 'team');
  new PrepackagedModel(team, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });
  new RcloneSecret(team, 'creds', { remotes: [RcloneRemote.gcs()] });
  new RcloneExternalSecret(team, 'store', {
    secretStore: { name: 'vault' },
    remotes: [RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio:9000' })],
    values: [{ remote: 's3', option: 'access_key_id', key: 'k' }, { remote: 's3', option: 'secret_access_key', key: 'k' }],
  });
  new ServerConfig(team, 'config', {
    podSpec: { containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `docker.io/seldonio/${name}:2.10.2` })) }, capabilities: ['sklearn'],
  });
  const server = new SeldonServer(team, 'server', { serverConfig: ServerConfigRef.MLSERVER });
  const model = new SeldonModel(team, 'model', { storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'], server });
  const other = new SeldonModel(team, 'other', { storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'] });
  const pipeline = new Pipeline(team, 'pipeline');
  pipeline.addOutput(pipeline.addStep(other));
  const experiment = new Experiment(team, 'experiment');
  experiment.addCandidate(ExperimentTarget.model(other), 50, { isDefault: true });
  experiment.addCandidate(ExperimentTarget.model(model), 50);
  new RpsAutoscaler(team, 'scaler', { model, server, targetRps: 3, maxReplicas: 3 });
  const scheduler = { component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }] } };
  new SeldonRuntime(team, 'runtime', { seldonConfig: new SeldonConfig(team, 'seldon-config', { components: [scheduler] }) });
}

describe('generated names', () => {
  test('every object the library writes without metadata.name keeps the name it has had', () => {
    const chart = Testing.chart();
    app(chart);
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind} ${o.metadata.name}`)).toEqual([
      'SeldonDeployment test-team-iris-c89cf0d5',
      'Secret test-team-creds-c84e7d59',
      'ExternalSecret test-team-store-c8f26e39',
      'ServerConfig test-team-config-c867056e',
      'Server test-team-server-c8228a9e',
      'Model test-team-model-c89ec224',
      'Model test-team-other-c88f7131',
      'Pipeline test-team-pipeline-c8c30841',
      'Experiment test-team-experiment-c88d2b57',
      'HorizontalPodAutoscaler test-team-scaler-model-c8ca0875',
      'HorizontalPodAutoscaler test-team-scaler-server-c81fb2f2',
      'SeldonConfig test-team-seldon-config-c85c73fc',
      'SeldonRuntime test-team-runtime-c8b2491f',
    ]);
    // The references carry the same names.
    const find = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name.startsWith(name));
    expect(find('Model', 'test-team-model').spec.server).toBe('test-team-server-c8228a9e');
    expect(find('Experiment', 'test-team-experiment').spec.candidates.map((c: { name: string }) => c.name)).toEqual(['test-team-other-c88f7131', 'test-team-model-c89ec224']);
    expect(find('Pipeline', 'test-team-pipeline').spec.steps.map((s: { name: string }) => s.name)).toEqual(['test-team-other-c88f7131']);
    expect(find('HorizontalPodAutoscaler', 'test-team-scaler-model').spec.scaleTargetRef.name).toBe('test-team-model-c89ec224');
    expect(find('SeldonRuntime', 'test-team-runtime').spec.seldonConfig).toBe('test-team-seldon-config-c85c73fc');
  });

  test('a name depends on the construct path only: not on construction order, nor on other objects of the app', () => {
    const names = (build: (chart: Chart) => void) => {
      const chart = new Chart(Testing.app(), 'test');
      build(chart);
      return Object.fromEntries(Testing.synth(chart).map(o => [`${o.kind} ${o.metadata.name}`, o]));
    };
    const alone = names(app);
    const crowded = names(chart => {
      // Unrelated objects before and after, in the same scope and in another.
      new SeldonModel(new Construct(chart, 'early'), 'model', { storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'] });
      new RcloneSecret(chart, 'first', { remotes: [RcloneRemote.gcs()] });
      app(chart);
      new SeldonModel(chart.node.findChild('team'), 'last', { storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'] });
    });
    for (const [key, object] of Object.entries(alone)) expect(crowded[key]).toEqual(object);
    expect(Object.keys(crowded)).toEqual(expect.arrayContaining(['Model test-early-model-c86e811c', 'Secret test-first-c8769f4b']));
    expect(Object.keys(crowded)).toHaveLength(Object.keys(alone).length + 3);
  });

  test('moving a construct to another scope renames its object (the path is hashed): set metadata.name to move it freely', () => {
    const chart = Testing.chart();
    new SeldonModel(new Construct(chart, 'moved'), 'model', { storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'] });
    new SeldonModel(new Construct(chart, 'named'), 'model', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'] });
    expect(Testing.synth(chart).map(o => o.metadata.name)).toEqual([expect.stringMatching(/^test-moved-model-c8[0-9a-f]{6}$/), 'iris']);
  });
});
