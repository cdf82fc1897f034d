// cdk8s apps made by `cdk8s init typescript-app` today use cdk8s-plus-33; the
// library's types come from cdk8s-plus-27. Every prop typed with a
// cdk8s-plus-27 interface or value class takes the cdk8s-plus-33 object too
// (recognised by its members: src/k8s/prop-check.ts), and what it renders is
// the same. An object of the wrong kind is refused with the shape expected.
import { Chart, Size, Testing } from 'cdk8s';
import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import {
  Autoscaler, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonModel, SeldonProtocol, SeldonServer,
} from '../src';
import { MigratedModel } from '../src/migration';
import { bundledRegistry, CrdValidator } from '../src/validation';

const validator = new CrdValidator(bundledRegistry(), { strict: true });

function synthValid(chart: ReturnType<typeof Testing.chart>): any[] {
  const objects = Testing.synth(chart);
  expect(validator.validateObjects(objects).errors).toEqual([]);
  return objects;
}

describe('cdk8s-plus-33 objects where the library takes cdk8s-plus-27 types', () => {
  test('v1: Secret as credentials, ServiceAccount, ContainerResources with plus-33 Cpu, EnvValue (from a plus-33 Secret)', () => {
    const chart = Testing.chart();
    const secret = plus33.Secret.fromSecretName(chart, 'creds', 's3-credentials');
    const account = new plus33.ServiceAccount(chart, 'sa', { metadata: { name: 'model-reader' } });
    const model = new PrepackagedModel(chart, 'income', {
      server: PrepackagedServer.XGBOOST,
      protocol: SeldonProtocol.V2,
      modelUri: ModelUri.s3('models', 'income'),
      credentials: secret,
      serviceAccount: account,
      resources: {
        cpu: { request: plus33.Cpu.millis(250), limit: plus33.Cpu.units(1) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
      env: {
        LOG_LEVEL: plus33.EnvValue.fromValue('debug'),
        TOKEN: plus33.EnvValue.fromSecretValue({ secret: plus33.Secret.fromSecretName(chart, 'token', 'api-token'), key: 'token' }),
      },
    });
    const objects = synthValid(chart);
    const sdep = objects.find(o => o.kind === 'SeldonDeployment');
    const graph = sdep.spec.predictors[0].graph;
    expect(graph.envSecretRefName).toBe('s3-credentials');
    expect(graph.serviceAccountName).toBe('model-reader');
    const container = sdep.spec.predictors[0].componentSpecs[0].spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(container.env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api-token', key: 'token' } } },
    ]);
    // The ServiceAccount the app declares is applied before the model that uses it.
    expect(objects.map(o => o.kind)).toEqual(['ServiceAccount', 'SeldonDeployment']);
    expect(model.apiObject.name).toBe(sdep.metadata.name);
  });

  test('v1: a plus-33 PersistentVolumeClaim as the model location, applied before the model', () => {
    const chart = Testing.chart();
    const claim = new plus33.PersistentVolumeClaim(chart, 'claim', { metadata: { name: 'models' }, storage: Size.gibibytes(5) });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'iris') });
    const objects = synthValid(chart);
    expect(objects.map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'SeldonDeployment']);
    expect(objects[1].spec.predictors[0].graph.modelUri).toBe('pvc://models/iris');
  });

  test('v2: a plus-33 claim mounted into a Server, a plus-33 Secret for a Model, plus-33 resources on a container', () => {
    const chart = Testing.chart();
    const claim = new plus33.PersistentVolumeClaim(chart, 'claim', {
      metadata: { name: 'models' }, storage: Size.gibibytes(5), accessModes: [plus33.PersistentVolumeAccessMode.READ_ONLY_MANY],
    });
    const server = new SeldonServer(chart, 'server', {
      metadata: { name: 'mlserver-pvc' },
      serverContainer: { resources: { cpu: { request: plus33.Cpu.millis(500) }, memory: { limit: Size.gibibytes(2) } } },
    });
    server.mountPvc(claim, '/var/models');
    new SeldonModel(chart, 'model', {
      storageUri: ModelUri.s3('bucket', 'iris'),
      requirements: ['sklearn'],
      server,
      secret: plus33.Secret.fromSecretName(chart, 'creds', 'seldon-rclone'),
    });
    const objects = synthValid(chart);
    const rendered = objects.find(o => o.kind === 'Server');
    expect(rendered.spec.podSpec.volumes).toEqual([expect.objectContaining({ persistentVolumeClaim: expect.objectContaining({ claimName: 'models' }) })]);
    expect(rendered.spec.podSpec.containers).toEqual(expect.arrayContaining([
      expect.objectContaining({ resources: { requests: { cpu: '500m' }, limits: { memory: '2Gi' } } }),
    ]));
    expect(objects.find(o => o.kind === 'Model').spec.secretName).toBe('seldon-rclone');
  });

  test('v2: a plus-33 ReadWriteOnce claim gets the same replica check as a plus-27 one', () => {
    for (const plus of [plus27, plus33] as const) {
      const chart = Testing.chart();
      const claim = new plus.PersistentVolumeClaim(chart, 'claim', {
        metadata: { name: 'models' }, storage: Size.gibibytes(5), accessModes: [plus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      });
      const server = new SeldonServer(chart, 'server', { replicas: 2 });
      expect(() => server.mountPvc(claim as plus27.IPersistentVolumeClaim, '/var/models')).toThrow(/"models" is ReadWriteOnce, which only pods on one node can mount/);
    }
  });

  test('migration: a plus-33 claim of another namespace is reported as a plus-27 one is', () => {
    const app = Testing.app();
    const v1 = new Chart(app, 'v1', { namespace: 'seldon' });
    const v2 = new Chart(app, 'v2', { namespace: 'seldon-mesh' });
    const claim = new plus33.PersistentVolumeClaim(v1, 'store', { metadata: { name: 'store' }, storage: Size.gibibytes(1) });
    const model = new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'iris') });
    expect(() => new MigratedModel(v2, 'iris', { prepackagedModel: model }))
      .toThrow(/MigratedModel 'v2\/iris': pvcClaim is claim "store" of pvc:\/\/store\/iris in namespace "seldon", but the v2 Server would run in namespace "seldon-mesh"/);
  });

  test('a v2 Server: a plus-33 ServiceAccount, pull Secret and claim of another namespace are reported as plus-27 ones are', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'team-a' });
    const b = new Chart(app, 'b', { namespace: 'team-b' });
    const server = new SeldonServer(a, 'srv', {
      metadata: { name: 'srv' },
      serviceAccount: new plus33.ServiceAccount(b, 'sa', { metadata: { name: 'server' } }),
      imagePullSecrets: [new plus33.DockerConfigSecret(b, 'pull', { data: {}, metadata: { name: 'registry' } })],
    });
    server.mountPvc(new plus33.PersistentVolumeClaim(b, 'claim', { metadata: { name: 'models' } }), '/var/models');
    const message = () => { try { app.synthYaml(); return ''; } catch (e) { return (e as Error).message; } };
    const text = message();
    expect(text).toMatch(/SeldonServer 'a\/srv': imagePullSecrets\["registry"\] is Secret '[^']+' \("registry"\) in namespace "team-b"/);
    expect(text).toMatch(/SeldonServer 'a\/srv': serviceAccount is ServiceAccount '[^']+' \("server"\) in namespace "team-b"/);
    expect(text).toMatch(/SeldonServer 'a\/srv': mountPvc\("\/var\/models"\) claim is PersistentVolumeClaim '[^']+' \("models"\) in namespace "team-b"/);
  });

  test('an RcloneSecret the library makes works with plus-33 objects in one chart', () => {
    const chart = Testing.chart();
    const sa = new plus33.ServiceAccount(chart, 'sa');
    const creds = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3({ envAuth: true })] });
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('b', 'm'), credentials: creds, serviceAccount: sa });
    // The model comes after both objects it uses; they keep the order the app created them in.
    expect(synthValid(chart).map(o => o.kind)).toEqual(['ServiceAccount', 'Secret', 'SeldonDeployment']);
  });
});

describe('cdk8s-plus-33 objects in placement, probes, volumes, envFrom and HPA metrics', () => {
  type Plus = typeof plus27 | typeof plus33;
  // The same app built from one line's objects; TypeScript sees the two lines' classes as different types (private
  // members), so the plus-33 objects go through `any`, as they do in a JavaScript app or after a cast.
  const build = (plus: Plus): any[] => {
    const p = plus as any;
    const chart = Testing.chart();
    const cache = p.Volume.fromEmptyDir(chart, 'cache', 'cache');
    const model = new PrepackagedModel(chart, 'm', {
      metadata: { name: 'm' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('b', 'm'),
      resources: { cpu: { request: p.Cpu.millis(250) } },
      livenessProbe: p.Probe.fromHttpGet('/health/ping', { port: 9000 }),
      volumes: [cache],
      volumeMounts: [{ volume: cache, path: '/cache' }],
      envFrom: [p.Env.fromSecret(p.Secret.fromSecretName(chart, 'env', 'model-env'))],
      autoscaler: Autoscaler.hpa({ maxReplicas: 4, metrics: [p.Metric.resourceCpu(p.MetricTarget.averageUtilization(70))] }),
    });
    model.scheduling.attract(p.Node.labeled(p.NodeLabelQuery.is('pool', 'models')));
    model.scheduling.tolerate(p.Node.tainted(p.NodeTaintQuery.is('dedicated', 'models', { effect: p.TaintEffect.NO_SCHEDULE })));
    model.scheduling.spread({ topology: p.Topology.ZONE, weight: 50 });
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'pool' } });
    server.scheduling.assign(p.Node.named('node-1'));
    return synthValid(chart);
  };

  test('render what the cdk8s-plus-27 objects render', () => {
    const with33 = build(plus33);
    expect(with33).toEqual(build(plus27));
    const predictor = with33.find(o => o.kind === 'SeldonDeployment').spec.predictors[0];
    const pod = predictor.componentSpecs[0].spec;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'pool', operator: 'In', values: ['models'] }]);
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'models', effect: 'NoSchedule' }]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({ weight: 50, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone' } });
    expect(pod.containers[0].livenessProbe.httpGet).toMatchObject({ path: '/health/ping', port: 9000 });
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'model-env' } }]);
    expect(predictor.componentSpecs[0].hpaSpec.metricsv2).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(with33.find(o => o.kind === 'Server').spec.podSpec.nodeName).toBe('node-1');
  });

  test('an object of another class in their place is still refused, naming the method', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'm'), replicas: 2 });
    expect(() => model.scheduling.spread({ topology: plus33.Node.named('n') as any }))
      .toThrow(/PrepackagedModel 'test\/m': scheduling\.spread\(\) options\.topology is a NamedNode object; accepted: a Topology from Topology\.custom\(\)/);
    expect(() => model.scheduling.tolerate(plus33.Node.labeled(plus33.NodeLabelQuery.is('a', 'b')) as any)).toThrow(/scheduling\.tolerate\(\) node is a LabeledNode object/);
  });
});

describe('objects that do not fit are refused with the shape expected', () => {
  test('a plus-33 ConfigMap as credentials', () => {
    const chart = Testing.chart();
    const map = new plus33.ConfigMap(chart, 'map');
    expect(() => new PrepackagedModel(chart, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('b', 'm'), credentials: map as unknown as plus27.ISecret,
    })).toThrow(/PrepackagedModel 'test\/m': credentials is a ConfigMap object; accepted: an ISecret from Secret.fromSecretName\(\)/);
  });

  test('a plain object as a claim', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    expect(() => server.mountPvc({ name: 'models' } as unknown as plus27.IPersistentVolumeClaim, '/var/models'))
      .toThrow(/SeldonServer 'test\/server': mountPvc\(\) claim is a plain object; accepted: an IPersistentVolumeClaim from PersistentVolumeClaim.fromClaimName\(\)/);
  });

  test('a string as a CPU amount', () => {
    const chart = Testing.chart();
    expect(() => new PrepackagedModel(chart, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'm'), resources: { cpu: { request: '500m' as unknown as plus27.Cpu } },
    })).toThrow(/PrepackagedModel 'test\/m': resources\.cpu\.request .*; .*Cpu/);
  });
});
