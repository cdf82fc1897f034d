import { Size, Testing } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, SeldonProtocol, SeldonServer, ServerConfig, ServerConfigRef } from '../../src';
import { restrictedViolations } from '../../src/k8s/pod-security';

const RUNTIMES: Array<[string, PrepackagedServer, SeldonProtocol | undefined]> = [
  ['SKLEARN seldon', PrepackagedServer.SKLEARN, undefined],
  ['XGBOOST v2', PrepackagedServer.XGBOOST, SeldonProtocol.V2],
  ['MLFLOW kfserving', PrepackagedServer.MLFLOW, SeldonProtocol.KFSERVING],
  ['TENSORFLOW seldon', PrepackagedServer.TENSORFLOW, undefined],
  ['TENSORFLOW tensorflow', PrepackagedServer.TENSORFLOW, SeldonProtocol.TENSORFLOW],
  ['TRITON v2', PrepackagedServer.TRITON, SeldonProtocol.V2],
  ['HUGGINGFACE v2', PrepackagedServer.HUGGINGFACE, SeldonProtocol.V2],
  ['TEMPO v2', PrepackagedServer.TEMPO, SeldonProtocol.V2],
];

describe('containers declared in explicit storage-initializer mode pass the restricted Pod Security Standard', () => {
  test.each(RUNTIMES)('%s', (_, server, protocol) => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { server, protocol, modelUri: ModelUri.pvcByName('models', 'm'), explicitStorageInitializer: true, metadata: { namespace: 'seldon' } });
    const pod = Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0].spec;
    const declared = [...pod.initContainers, ...pod.containers];
    expect(declared.length).toBeGreaterThanOrEqual(2);
    for (const container of declared) {
      // TF Serving, Triton and HuggingFace get no default resources (their memory grows with the model; default mode
      // gives them none): the rest of the check still applies.
      const sizedByModel = container.name === 'tfserving' || (['TENSORFLOW tensorflow', 'TRITON v2', 'HUGGINGFACE v2'].includes(_) && container.name === 'classifier');
      const violations = restrictedViolations(container).filter(v => !(sizedByModel && v.startsWith('resources')));
      expect({ name: container.name, violations }).toEqual({ name: container.name, violations: [] });
      if (sizedByModel) expect(container.resources).toBeUndefined();
    }
  });

  test('the check itself catches a container that is not hardened', () => {
    expect(restrictedViolations({ name: 'x', image: 'busybox' })).toEqual([
      'allowPrivilegeEscalation is not false',
      'runAsNonRoot is not true',
      'capabilities do not drop ALL',
      'seccompProfile is not RuntimeDefault or Localhost',
      'resources are not set (requests and limits)',
      'image busybox is untagged or :latest',
    ]);
  });
});

describe('SeldonServer with restrictedSecurityContext: the declared containers pass the restricted Pod Security Standard', () => {
  // The operator merges these containers onto the ServerConfig's, whose images are pinned (2.10.2):
  // an override without an image keeps that one.
  const violations = (c: any) => restrictedViolations({ ...c, image: c.image ?? 'docker.io/seldonio/from-serverconfig:2.10.2' });

  test('mlserver: rclone, agent and mlserver, with the ServerConfig\'s resources', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { restrictedSecurityContext: true, image: 'seldonio/mlserver:1.3.4' });
    const containers = Testing.synth(chart)[0].spec.podSpec.containers;
    expect(containers.map((c: any) => c.name)).toEqual(['rclone', 'agent', 'mlserver']);
    for (const c of containers) expect({ name: c.name, violations: violations(c) }).toEqual({ name: c.name, violations: [] });
    expect(containers[2].resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
    expect(containers[0].securityContext.runAsUser).toBe(1000);
  });

  test('triton\'s server container resources are known (components.yaml@v2.10.2: 100m, 1Gi request and limit); others can be given', () => {
    const known = Testing.chart();
    new SeldonServer(known, 's', { serverConfig: ServerConfigRef.TRITON, restrictedSecurityContext: true });
    const triton = Testing.synth(known)[0].spec.podSpec.containers.find((c: { name: string }) => c.name === 'triton');
    expect(triton.resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
    const chart = Testing.chart();
    new SeldonServer(chart, 's', {
      serverConfig: ServerConfigRef.TRITON,
      restrictedSecurityContext: true,
      serverContainer: { resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } } },
    });
    for (const c of Testing.synth(chart)[0].spec.podSpec.containers) expect(violations(c)).toEqual([]);
  });

  test('without the option the seed\'s override stays exactly { name, image }', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { image: 'seldonio/mlserver:1.3.4' });
    expect(Testing.synth(chart)[0].spec.podSpec.containers).toEqual([{ name: 'mlserver', image: 'seldonio/mlserver:1.3.4' }]);
  });

  test('a ServerConfig of the app: its own containers\' resources are used', () => {
    const chart = Testing.chart();
    const q = (v: string) => k8s.Quantity.fromString(v);
    const res = { requests: { cpu: q('100m'), memory: q('256Mi') }, limits: { memory: q('512Mi') } };
    const config = new ServerConfig(chart, 'config', {
      metadata: { name: 'mlserver-gpu' },
      capabilities: ['sklearn'],
      podSpec: { containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `me/${name}:1.0`, resources: res })) },
    });
    new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.fromServerConfig(config), restrictedSecurityContext: true });
    const server = Testing.synth(chart).find(o => o.kind === 'Server');
    for (const c of server.spec.podSpec.containers) {
      expect(violations(c)).toEqual([]);
      expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } });
    }
  });
});
