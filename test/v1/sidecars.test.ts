import { Testing } from 'cdk8s';
import { EmptyDirMedium, Env, Protocol, Secret, Volume } from 'cdk8s-plus-27';
import { ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}
const component = (name: string, unitType = PredictiveUnitType.MODEL, extra: object = {}) =>
  PredictiveUnit.component({ name, unitType, image: `me/${name}:1`, ...extra });

describe('sidecars, volumes and container order of a v1 predictor pod', () => {
  test('a TF Serving sidecar beside a proxy node comes out as examples/models/tfserving-mnist/mnist.json', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'tf', {
      predictors: [{
        name: 'mnist-tfserving',
        graph: PredictiveUnit.component({
          name: 'tfserving-proxy',
          unitType: PredictiveUnitType.MODEL,
          image: 'seldonio/tfserving-proxy:0.1',
          parameters: [ModelParameter.stringValue('grpc_endpoint', 'localhost:7001')],
        }),
        sidecars: [{
          name: 'mnist-model',
          image: 'tensorflow/serving:latest',
          args: ['/usr/bin/tensorflow_model_server', '--port=7001'],
          ports: [{ containerPort: 7001, protocol: 'TCP' }],
          securityContext: { runAsUser: 1000 },
        }],
      }],
    }));
    const containers = sdep.spec.predictors[0].componentSpecs[0].spec.containers;
    // The node first, the sidecar after it: the operator numbers the node's port 9000 (defaults.go).
    expect(containers.map((c: any) => c.name)).toEqual(['tfserving-proxy', 'mnist-model']);
    expect(containers[1]).toEqual({
      name: 'mnist-model',
      image: 'tensorflow/serving:latest',
      args: ['/usr/bin/tensorflow_model_server', '--port=7001'],
      ports: [{ containerPort: 7001, protocol: 'TCP' }],
      securityContext: { runAsUser: 1000 },
    });
    expect(sdep.spec.predictors[0].graph.name).toBe('tfserving-proxy');
  });

  test('containerOrder lists the pod\'s containers in the order of a running deployment; the rest follow', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'p',
        graph: component('output', PredictiveUnitType.OUTPUT_TRANSFORMER, {
          children: [component('input', PredictiveUnitType.TRANSFORMER, { children: [component('model')] })],
        }),
        sidecars: [{ name: 'server', image: 'me/server:1' }],
        containerOrder: ['input', 'server'],
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers.map((c: any) => c.name)).toEqual(['input', 'server', 'output', 'model']);
  });

  test('a prepackaged node named in containerOrder gets a bare container there, which the operator completes', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'p',
        graph: component('transformer', PredictiveUnitType.TRANSFORMER, {
          children: [PredictiveUnit.prepackaged({ name: 'iris', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') })],
        }),
        containerOrder: ['iris'],
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers).toEqual([{ name: 'iris' }, { name: 'transformer', image: 'me/transformer:1' }]);
  });

  test('pod volumes, node mounts, security context, envFrom and ports come out as examples/ray/batch-split-proxy/deploy-seldon.yaml', () => {
    const [sdep] = synth(chart => {
      const shm = Volume.fromEmptyDir(chart, 'dshm', 'dshm', { medium: EmptyDirMedium.MEMORY });
      new SeldonDeployment(chart, 'ray', {
        predictors: [{
          name: 'default',
          volumes: [Volume.fromEmptyDir(chart, 'scratch', 'scratch')],
          graph: component('model', PredictiveUnitType.MODEL, {
            volumeMounts: [{ volume: shm, path: '/dev/shm' }],
            securityContext: { user: 0 },
            envFrom: [Env.fromSecret(Secret.fromSecretName(chart, 'creds', 'minio-credentials'))],
            ports: [{ number: 12345 }, { number: 12346, name: 'node-manager', protocol: Protocol.TCP }],
          }),
        }],
      });
    });
    const spec = sdep.spec.predictors[0].componentSpecs[0].spec;
    expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }, { name: 'dshm', emptyDir: { medium: 'Memory' } }]);
    expect(spec.containers[0]).toEqual({
      name: 'model',
      image: 'me/model:1',
      volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
      securityContext: { runAsUser: 0 },
      envFrom: [{ secretRef: { name: 'minio-credentials' } }],
      ports: [{ containerPort: 12345 }, { containerPort: 12346, name: 'node-manager', protocol: 'TCP' }],
    });
  });

  test('a PrepackagedModel\'s node mounts render on its skeleton container, with the volume in the pod', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'tmp', 'tmp'), path: '/tmp', readOnly: false }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec).toEqual({
      containers: [{ name: 'classifier', volumeMounts: [{ name: 'tmp', mountPath: '/tmp', readOnly: false }] }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    });
  });

  test('a PrepackagedModel names a bad volume of its node by its own prop', () => {
    const chart = Testing.chart();
    expect(() => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'v', 'seldon-podinfo'), path: '/podinfo' }],
    })).toThrow(/PrepackagedModel 'test\/iris': volumeMounts\[0\]\.volume name "seldon-podinfo" is the name of the operator's downward API volume/);
  });

  test('a PrepackagedModel\'s sidecar: before the node the operator appends, and beside its canary\'s node too', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
      volumes: [Volume.fromEmptyDir(chart, 'logs', 'logs')],
    }).withCanary({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris-v2'), traffic: 10 }));
    const [main, canary] = sdep.spec.predictors;
    // The operator appends the skeleton-less node after the sidecar (defaults.go), so it runs on 9001.
    expect(main.componentSpecs[0].spec).toEqual({
      containers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
    expect(canary.componentSpecs[0].spec).toEqual(main.componentSpecs[0].spec);
  });

  test('the volumes of a node in a separate pod go to that pod', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'p',
        graph: component('transformer', PredictiveUnitType.TRANSFORMER, {
          children: [component('model', PredictiveUnitType.MODEL, { volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'v', 'cache'), path: '/cache' }] })],
        }),
        separatePods: [{ nodes: ['model'] }],
      }],
    }));
    const [first, second] = sdep.spec.predictors[0].componentSpecs;
    expect(first.spec.volumes).toBeUndefined();
    expect(second.spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
  });

  test.each([
    ['a sidecar named like a node', { sidecars: [{ name: 'model', image: 'x' }] }, /sidecars\[0\]\.name "model" is the name of a graph node/],
    ['a sidecar named like the executor', { sidecars: [{ name: 'seldon-container-engine', image: 'x' }] }, /is the name of the executor container/],
    ['a sidecar without image', { sidecars: [{ name: 'side' }] }, /sidecars\[0\]\.image is missing; accepted: an image reference/],
    ['a sidecar without name', { sidecars: [{ image: 'busybox:1.36' }] }, /sidecars\[0\]\.name is missing; a DNS-1123 label is accepted/],
    ['a volume named like the operator\'s', { volumes: ['seldon-podinfo'] }, /volumes\[0\] name "seldon-podinfo" is the name of the operator's downward API volume/],
    ['a sidecar mounting no volume of the pod', { sidecars: [{ name: 'side', image: 'x', volumeMounts: [{ name: 'nope', mountPath: '/x' }] }] },
      /sidecars\[0\]\.volumeMounts\[0\]\.name "nope" is no volume of the pod/],
    ['a containerOrder naming no container', { containerOrder: ['ghost'] }, /containerOrder\[0\] "ghost" is no container of the predictor's pod; .*: model/],
    ['a containerOrder naming one twice', { containerOrder: ['model', 'model'] }, /containerOrder\[1\] "model" is repeated/],
  ])('%s is refused', (_, extra: any, error) => {
    const chart = Testing.chart();
    const volumes = extra.volumes?.map((n: string) => Volume.fromEmptyDir(chart, n, n));
    expect(() => new SeldonDeployment(chart, 'g', { predictors: [{ name: 'p', graph: component('model'), ...extra, ...(volumes ? { volumes } : {}) }] })).toThrow(error);
  });

  test.each([
    ['a mount on the operator\'s podinfo path', { volumeMounts: [{ path: '/etc/podinfo' }] }, /volumeMounts\[0\]\.path "\/etc\/podinfo" is already the mount path of the operator's seldon-podinfo mount/],
    ['a port named http', { ports: [{ number: 7000, name: 'http' }] }, /ports\[0\]\.name "http" is a port name the operator looks up/],
    ['a port of the executor', { ports: [{ number: 8000 }] }, /ports\[0\]\.number 8000 is taken by the executor/],
    ['a negative user', { securityContext: { user: -1 } }, /securityContext\.user -1 is not a user or group id/],
    ['a sub-path leaving the volume', { volumeMounts: [{ path: '/data', subPath: '../etc' }] },
      /graph\.volumeMounts\[0\]\.subPath "\.\.\/etc" is not a path inside the volume \(the API server refuses an absolute path or a "\.\." segment\)/],
    ['an absolute sub-path expression', { volumeMounts: [{ path: '/data', subPathExpr: '/$(POD_NAME)' }] }, /graph\.volumeMounts\[0\]\.subPathExpr "\/\$\(POD_NAME\)" is not a path inside the volume/],
  ])('on a node, %s is refused', (_, extra: any, error) => {
    const chart = Testing.chart();
    const mounts = extra.volumeMounts?.map((m: any) => ({ ...m, volume: Volume.fromEmptyDir(chart, 'v', 'v') }));
    const graph = component('model', PredictiveUnitType.MODEL, { ...extra, ...(mounts ? { volumeMounts: mounts } : {}) });
    expect(() => new SeldonDeployment(chart, 'g', { predictors: [{ name: 'p', graph }] })).toThrow(error);
  });

  test('a bad sidecar or volume name is reported once, naming the value once', () => {
    const make = (extra: object) => () => new SeldonDeployment(Testing.chart(), 'sd', { predictors: [{ name: 'p', graph: component('classifier'), ...extra }] });
    const message = (extra: object) => {
      try {
        make(extra)();
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message({ sidecars: [{ name: 'S!', image: 'me/s:1' }] })).toBe(
      'SeldonDeployment \'test/sd\': predictors[0].sidecars[0].name "S!" is not a valid name; a DNS-1123 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit');
    const badVolume = () => Volume.fromEmptyDir(Testing.chart(), 'v', 'V_1');
    expect(message({ volumes: [badVolume()] })).toMatch(/^SeldonDeployment 'test\/sd': predictors\[0\]\.volumes\[0\] name "V_1" is not a valid name; a DNS-1123 label is accepted/);
    const mounted = message({ graph: component('classifier', PredictiveUnitType.MODEL, { volumeMounts: [{ volume: badVolume(), path: '/v' }] }) });
    expect(mounted.split('\n')).toHaveLength(1);
    expect(mounted).toMatch(/volumeMounts\[0\]\.volume name "V_1" is not a valid name; /);
  });

  test('volumes are checked per pod: a separate pod\'s volume is not the predictor pod\'s, and two pods may each have one of a name', () => {
    const chart = () => Testing.chart();
    const cache = (c: ReturnType<typeof Testing.chart>, id: string) => Volume.fromEmptyDir(c, id, 'cache');
    // A: a sidecar mounting a volume only the separated node mounts: Kubernetes would refuse the predictor's Deployment.
    const a = chart();
    expect(() => new SeldonDeployment(a, 'sd', {
      predictors: [{
        name: 'p',
        graph: component('transformer', PredictiveUnitType.TRANSFORMER, { children: [component('model', PredictiveUnitType.MODEL, { volumeMounts: [{ volume: cache(a, 'c'), path: '/cache' }] })] }),
        separatePods: [{ nodes: ['model'] }],
        sidecars: [{ name: 'warmer', image: 'me/warmer:1', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }],
      }],
    })).toThrow(/predictors\[0\]\.sidecars\[0\]\.volumeMounts\[0\]\.name "cache" is no volume of the pod/);
    // B: the predictor's pod and a separate pod each with their own Volume named "cache".
    const b = chart();
    new SeldonDeployment(b, 'sd', {
      predictors: [{
        name: 'p',
        graph: component('transformer', PredictiveUnitType.TRANSFORMER, {
          volumeMounts: [{ volume: cache(b, 'c1'), path: '/cache' }],
          children: [component('model', PredictiveUnitType.MODEL, { volumeMounts: [{ volume: cache(b, 'c2'), path: '/cache' }] })],
        }),
        separatePods: [{ nodes: ['model'] }],
      }],
    });
    const [out] = Testing.synth(b).filter(o => o.kind === 'SeldonDeployment');
    expect(out.spec.predictors[0].componentSpecs.map((c: any) => c.spec.volumes.map((v: any) => v.name))).toEqual([['cache'], ['cache']]);
  });

  test('in explicit mode a node\'s securityContext is set over the restricted context the library declares, not instead of it', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'sd', {
      explicitStorageInitializer: true,
      predictors: [{
        name: 'p',
        graph: PredictiveUnit.prepackaged({
          name: 'm', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'm'), securityContext: { readOnlyRootFilesystem: true, user: 9000 },
        }),
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
      readOnlyRootFilesystem: true,
      runAsUser: 9000,
    });
  });
});
