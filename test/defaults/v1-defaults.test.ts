import { Testing } from 'cdk8s';
import {
  Autoscaler, ExplainerType, KedaTrigger, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedModelProps, PrepackagedServer,
  SeldonDeployment, SeldonProtocol,
} from '../../src';

// Each test leaves a prop out and checks that the manifest holds what its `@default` says.

const URI = ModelUri.gcs('seldon-models', 'sklearn/iris');

function sdep(props: Partial<PrepackagedModelProps> = {}, more?: (m: PrepackagedModel) => void): any {
  const chart = Testing.chart();
  const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: URI, ...props });
  more?.(model);
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
}

function containers(spec: any, predictor = 0): any[] {
  return spec.predictors[predictor].componentSpecs[0].spec.containers;
}

describe('PrepackagedModel defaults', () => {
  test('predictor, node, replicas; settings the operator defaults are not rendered', () => {
    const { spec, metadata } = sdep();
    expect(spec.predictors).toHaveLength(1);
    const [p] = spec.predictors;
    expect(p.name).toBe('default');
    expect(p.graph.name).toBe('classifier');
    expect(p.replicas).toBe(1);
    // protocol, transport, serverType: the operator's seldon, rest, rpc
    expect(Object.keys(spec).sort()).toEqual(['predictors']);
    // separateEnginePod false and no timeouts: no annotation; no svcOrchSpec (engineResources), traffic, shadow, componentSpecs
    expect(metadata.annotations).toBeUndefined();
    expect(Object.keys(p).sort()).toEqual(['graph', 'name', 'replicas']);
    expect(p.graph.storageInitializerImage).toBeUndefined();
  });

  test('canary and shadow: predictors named canary and shadow with 1 replica', () => {
    const { spec } = sdep({}, m => m.withCanary({ modelUri: URI, traffic: 10 }).withShadow({ modelUri: URI }));
    expect(spec.predictors.map((p: any) => [p.name, p.replicas])).toEqual([['default', 1], ['canary', 1], ['shadow', 1]]);
  });

  test('explicit mode: the initializer image and resources, the server resources and security context', () => {
    const { spec } = sdep({ explicitStorageInitializer: true });
    const pod = spec.predictors[0].componentSpecs[0].spec;
    expect(pod.initContainers).toHaveLength(1);
    const [init] = pod.initContainers;
    expect(init.image).toBe('seldonio/rclone-storage-initializer:1.18.2');
    expect(init.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    const server = containers(spec).find(c => c.name === 'classifier');
    expect(server.resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
    expect(server.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 8888, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('explicit mode: no default resources for TRITON', () => {
    const { spec } = sdep({ explicitStorageInitializer: true, server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2 });
    expect(containers(spec).find(c => c.name === 'classifier').resources).toBeUndefined();
  });

  test('explicit mode: an MLServer node checks /v2/health/live and /v2/health/ready over HTTP', () => {
    const { spec } = sdep({ explicitStorageInitializer: true, protocol: SeldonProtocol.V2 });
    const server = containers(spec).find(c => c.name === 'classifier');
    expect(server.livenessProbe.httpGet.path).toBe('/v2/health/live');
    expect(server.livenessProbe.initialDelaySeconds).toBe(60);
    expect(server.readinessProbe.httpGet.path).toBe('/v2/health/ready');
    expect(server.readinessProbe.initialDelaySeconds).toBe(20);
  });
});

describe('SeldonDeployment defaults', () => {
  function predictors(replicas?: number): any[] {
    const chart = Testing.chart();
    const graph = PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: URI });
    new SeldonDeployment(chart, 'sd', { replicas, predictors: [{ name: 'p', graph }] });
    return Testing.synth(chart)[0].spec.predictors;
  }

  test('a predictor without replicas gets 1, or the SeldonDeployment\'s replicas', () => {
    expect(predictors()[0].replicas).toBe(1);
    expect(predictors(3)[0].replicas).toBeUndefined();
  });

  test('an explainer\'s replicas are not rendered', () => {
    const { spec } = sdep({}, m => m.withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR }));
    expect(spec.predictors[0].explainer).toEqual({ type: 'AnchorTabular' });
  });
});

describe('autoscaler defaults', () => {
  // Explicit mode gives the server a cpu request, which an HPA scaling on cpu needs.
  const scaled = (autoscaler: Autoscaler) => sdep({ autoscaler, explicitStorageInitializer: true }).spec.predictors[0];

  test('HPA: minReplicas not rendered (Kubernetes\' 1), nor the predictor\'s replicas', () => {
    for (const a of [Autoscaler.hpa({ maxReplicas: 3 }), Autoscaler.cpuUtilization({ targetPercent: 70, maxReplicas: 3 })]) {
      const p = scaled(a);
      expect(p.replicas).toBeUndefined();
      expect(p.componentSpecs[0].hpaSpec.maxReplicas).toBe(3);
      expect(p.componentSpecs[0].hpaSpec.minReplicas).toBeUndefined();
    }
  });

  test('KEDA: a fallback fails over after 3 failures; KEDA\'s bounds and timings are not rendered', () => {
    const trigger = KedaTrigger.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 10 });
    const keda = scaled(Autoscaler.keda({ triggers: [trigger], fallbackReplicas: 2 })).componentSpecs[0].kedaSpec;
    expect(keda.fallback).toEqual({ failureThreshold: 3, replicas: 2 });
    expect(Object.keys(keda).sort()).toEqual(['fallback', 'triggers']);
    expect(keda.triggers[0].metadata.activationThreshold).toBeUndefined();
  });
});

describe('value defaults', () => {
  test('ModelUri without a path is the bucket or claim itself', () => {
    expect(ModelUri.gcs('b').uri).toBe('gs://b');
    expect(ModelUri.s3('b').uri).toBe('s3://b');
    expect(ModelUri.pvcByName('claim').uri).toBe('pvc://claim');
  });

  test('defaultImage() without a protocol is the seldon protocol\'s image', () => {
    expect(PrepackagedServer.SKLEARN.defaultImage()).toBe('seldonio/sklearnserver:1.18.2');
    expect(PrepackagedServer.SKLEARN.defaultImage()).toBe(PrepackagedServer.SKLEARN.defaultImage(SeldonProtocol.SELDON));
  });
});
