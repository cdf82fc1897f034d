import { Size, Testing } from 'cdk8s';
import { EnvValue, PersistentVolumeClaim, k8s } from 'cdk8s-plus-27';
import { restrictedViolations } from '../../src/k8s/pod-security';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfig, ServerConfigProps, ServerConfigRef } from '../../src/v2';
import { previewServers } from '../../src/v2/operator';
import { overcommitBytes } from '../../src/v2/server-memory';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');
const q = (v: string) => k8s.Quantity.fromString(v);
const GI = 2 ** 30;
/** What the scheduler's filter lets onto an empty default replica: 1Gi (MEMORY_REQUEST) + 10% overcommit, in the agent's float32 arithmetic. */
const SCHEDULER_BOUND = GI + 107_374_184;

/** A custom ServerConfig pod; `agentEnv` and `agentContext` shape its agent. */
function config(agentEnv: k8s.EnvVar[], extra: Partial<ServerConfigProps> = {}, agentContext?: k8s.SecurityContext): ServerConfigProps {
  return {
    metadata: { name: 'custom' },
    podSpec: {
      containers: [
        { name: 'rclone', image: 'rclone', resources: { requests: { memory: q('128Mi') }, limits: { memory: q('256Mi') } } },
        { name: 'agent', image: 'agent', env: agentEnv, securityContext: agentContext, resources: { requests: { memory: q('1Gi') }, limits: { memory: q('1Gi') } } },
        { name: 'srv', image: 'srv', resources: { requests: { memory: q('4Gi') }, limits: { memory: q('4Gi') } } },
      ],
    },
    ...extra,
  };
}
const MEMORY_FROM_SRV: k8s.EnvVar = { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'srv', resource: 'requests.memory' } } };
const CAPS: k8s.EnvVar = { name: 'SELDON_SERVER_CAPABILITIES', value: 'srv,sklearn' };

describe('v2 servers as the installation ships them (k8s/yaml/components.yaml@v2.10.2)', () => {
  test('triton\'s server container resources are known: a memory request above its 1Gi limit is rejected', () => {
    expect(() => new SeldonServer(Testing.chart(), 's', { serverConfig: ServerConfigRef.TRITON, serverContainer: { resources: { memory: { request: Size.gibibytes(2) } } } }))
      .toThrow(/SeldonServer 'test\/s': serverContainer.resources memory request 2Gi \(set here\) is greater than the memory limit 1Gi \(from the ServerConfig\)/);
    expect(() => new SeldonServer(Testing.chart(), 's', {
      serverConfig: ServerConfigRef.TRITON, serverContainer: { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } },
    })).not.toThrow();
  });

  test.each([
    ['mlserver', ServerConfigRef.MLSERVER, 'tracing-config-volume'],
    ['mlserver', ServerConfigRef.MLSERVER, 'downstream-ca-certs'],
    ['triton', ServerConfigRef.TRITON, 'tracing-config-volume'],
  ])('the %s pod\'s volume %p cannot be reused (volumes are appended, patch_utils.go)', (_name, serverConfig, volumeName) => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { serverConfig });
    const claim = PersistentVolumeClaim.fromClaimName(chart, 'claim', volumeName);
    expect(() => server.mountPvc(claim, '/var/models')).toThrow(new RegExp(`volumeName "${volumeName}" is already a volume of the pod`));
  });

  test('triton has no downstream-ca-certs volume, so the name is free there', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.TRITON });
    expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'downstream-ca-certs'), '/var/models')).not.toThrow();
  });
});

describe('Model memory as the operator converts it (operator/apis/mlops/v1alpha1/model_types.go AsSchedulerModel)', () => {
  test.each(['1.5Gi', '0.5Gi', '100m', '0.5', '1.0'])('%p is not a whole number of bytes for Quantity.AsInt64: rejected', memory => {
    expect(() => new SeldonModel(Testing.chart(), 'm', { storageUri: IRIS, memory })).toThrow(
      new RegExp(`SeldonModel 'test/m': memory "${memory.replace('.', '\\.')}" is not a whole number of bytes as the operator reads it .*AsSchedulerModel.*; a whole number of bytes without a fraction`));
  });

  test.each(['1536Mi', '1.5G', '1e9', '100M', '500000000'])('%p converts to whole bytes: accepted', memory => {
    expect(() => new SeldonModel(Testing.chart(), 'm', { storageUri: IRIS, memory })).not.toThrow();
  });
});

describe('Model memory against the server replica (scheduler/pkg/scheduler/filters/replicamemory.go, agent state_manager.go)', () => {
  test('the agent\'s overcommit is float32 arithmetic: 10% of 1Gi is 107374184 bytes', () => {
    expect(overcommitBytes(GI, 10)).toBe(107_374_184);
    expect(overcommitBytes(1_000_000, 0)).toBe(0);
  });

  test('a pinned model above the replica\'s MEMORY_REQUEST fails, though the scheduler would place it up to the overcommit: the agent never loads it', () => {
    const pinned = (memory: number, agentEnv?: Record<string, string>, serverConfig?: ServerConfigRef) => () => {
      const chart = Testing.chart();
      const env = agentEnv && Object.fromEntries(Object.entries(agentEnv).map(([k, v]) => [k, EnvValue.fromValue(v)]));
      const server = new SeldonServer(chart, 's', { metadata: { name: 's' }, serverConfig, agentContainer: env && { env } });
      new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, memory: String(memory), server });
      return Testing.synth(chart);
    };
    // in the band the scheduler's filter lets through (MEMORY_REQUEST < memory <= MEMORY_REQUEST + 10%)
    expect(pinned(GI + 1)).toThrow(new RegExp(`SeldonModel 'test/m': memory ${GI + 1} bytes \\(≈1024\\.0Mi\\) exceed what a replica of the pinned SeldonServer 'test/s' \\("s"\\) offers, `
      + `${GI} bytes \\(1Gi\\): MEMORY_REQUEST = the memory request of container "mlserver" \\(1Gi\\); the agent loads a model only into its MEMORY_REQUEST, .*state_manager\\.go makeRoomIfNeeded.*; model memory at most`));
    expect(pinned(SCHEDULER_BOUND)).toThrow(/exceed what a replica/);
    expect(pinned(GI)).not.toThrow();
    // the agent multiplies by its own MLSERVER_PARALLEL_WORKERS (mlserver.go GetModelRuntimeInfo reads the agent's env)
    expect(pinned(GI / 4 + 1, { MLSERVER_PARALLEL_WORKERS: '4' })).toThrow(
      /offers, 268435456 bytes \(256Mi\): MEMORY_REQUEST = the memory request of container "mlserver" \(1Gi\), divided by the agent's MLSERVER_PARALLEL_WORKERS 4, by which it multiplies each model's memory/);
    expect(pinned(GI / 4, { MLSERVER_PARALLEL_WORKERS: '4' })).not.toThrow();
    // 0 workers: the agent counts nothing, and only the scheduler's bound is left
    expect(pinned(SCHEDULER_BOUND, { MLSERVER_PARALLEL_WORKERS: '0' })).not.toThrow();
    expect(pinned(SCHEDULER_BOUND + 1, { MLSERVER_PARALLEL_WORKERS: '0' })).toThrow(/plus SELDON_OVERCOMMIT_PERCENTAGE 10%, the scheduler's bound/);
    // unparsable is 1 (strconv.Atoi fails); a Triton agent counts instances from config.pbtxt, which no manifest shows
    expect(pinned(GI, { MLSERVER_PARALLEL_WORKERS: 'four' })).not.toThrow();
    expect(pinned(GI, { MLSERVER_PARALLEL_WORKERS: '4' }, ServerConfigRef.TRITON)).not.toThrow();
    expect(pinned(GI, { MLSERVER_PARALLEL_WORKERS: '4', SELDON_SERVER_TYPE: 'triton' })).not.toThrow();
  });

  test('MLSERVER_PARALLEL_WORKERS on the server container multiplies MLServer\'s memory, but Seldon never sees it there', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { serverContainer: { env: { MLSERVER_PARALLEL_WORKERS: EnvValue.fromValue('4') } } });
    new SeldonModel(chart, 'm', { storageUri: IRIS, memory: '600Mi', server });
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test('an unpinned model fails only when no capable server offers enough; a raised server memory request counts', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'small');
    // within the scheduler's overcommit, but above every replica's MEMORY_REQUEST
    const band = Testing.chart();
    new SeldonServer(band, 'small');
    new SeldonModel(band, 'm', { storageUri: IRIS, requirements: ['sklearn'], memory: '1100Mi' });
    expect(() => Testing.synth(band)).toThrow(/memory 1153433600 bytes \(1100Mi\) exceed what a replica of every Server advertising \["sklearn"\] offers: SeldonServer 'test\/small' \(".*"\) offers 1073741824 bytes/);
    new SeldonModel(chart, 'm', { storageUri: IRIS, requirements: ['sklearn'], memory: '2Gi' });
    expect(() => Testing.synth(chart)).toThrow(/SeldonModel 'test\/m': memory 2147483648 bytes \(2Gi\) exceed what a replica of every Server advertising \["sklearn"\] offers: SeldonServer 'test\/small'/);
    new SeldonServer(chart, 'big', { serverContainer: { resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } } } });
    expect(Testing.synth(chart)).toHaveLength(3);
  });

  test('a ServerConfig without MEMORY_REQUEST offers the agent\'s 1,000,000 bytes (flags.go): a model with memory is flagged, one without is not', () => {
    const chart = Testing.chart();
    const cfg = ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS])));
    const server = new SeldonServer(chart, 's', { serverConfig: cfg });
    new SeldonModel(chart, 'm', { storageUri: IRIS, memory: '2M', server });
    expect(() => Testing.synth(chart)).toThrow(/memory 2000000 bytes \(≈1953\.1Ki\) exceed .* 1000000 bytes \(≈976\.6Ki\): no MEMORY_REQUEST in the agent's env, so the agent offers its fallback of 1000000 bytes;/);
    const ok = Testing.chart();
    const okServer = new SeldonServer(ok, 's', { serverConfig: ServerConfigRef.fromServerConfig(new ServerConfig(ok, 'config', config([CAPS]))) });
    new SeldonModel(ok, 'm', { storageUri: IRIS, server: okServer });
    expect(Testing.synth(ok)).toHaveLength(3);
  });

  test('the memory error says what raises the capacity: MEMORY_REQUEST for an agent without one or with a literal, not a server request it never reads', () => {
    // Pinned, as a user writes a ServerConfig without copying the installation's agent env, then raises the server's request.
    const pinned = Testing.chart();
    const server = new SeldonServer(pinned, 's', {
      serverConfig: ServerConfigRef.fromServerConfig(new ServerConfig(pinned, 'config', config([CAPS]))),
      serverContainer: { resources: { memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) } } },
    });
    new SeldonModel(pinned, 'm', { storageUri: IRIS, memory: '200Mi', server });
    const fallback = /parallel workers; give the ServerConfig's agent container MEMORY_REQUEST from the server container's memory request \(valueFrom\.resourceFieldRef/;
    expect(() => Testing.synth(pinned)).toThrow(fallback);
    expect(() => Testing.synth(pinned)).not.toThrow(/raise the server container's memory request/);
    // Unpinned: the listed servers' remedies, each once.
    const unpinned = Testing.chart();
    const cfg = ServerConfigRef.fromServerConfig(new ServerConfig(unpinned, 'config', config([CAPS])));
    new SeldonServer(unpinned, 'a', { serverConfig: cfg });
    new SeldonServer(unpinned, 'b', { serverConfig: cfg });
    new SeldonModel(unpinned, 'm', { storageUri: IRIS, requirements: ['sklearn'], memory: '200Mi' });
    expect(() => Testing.synth(unpinned)).toThrow(fallback);
    expect(() => Testing.synth(unpinned)).not.toThrow(/resourceFieldRef.*resourceFieldRef/);
    // A literal MEMORY_REQUEST is raised where it is written.
    const literal = Testing.chart();
    const literalServer = new SeldonServer(literal, 's', {
      serverConfig: ServerConfigRef.fromServerConfig(new ServerConfig(literal, 'config', config([CAPS, { name: 'MEMORY_REQUEST', value: '100000000' }]))),
    });
    new SeldonModel(literal, 'm', { storageUri: IRIS, memory: '200Mi', server: literalServer });
    expect(() => Testing.synth(literal)).toThrow(/MEMORY_REQUEST = 100000000; .*parallel workers; raise the agent's literal MEMORY_REQUEST where it is set \(the ServerConfig's podSpec or its agentContainer env/);
  });

  test('MEMORY_REQUEST from the server container\'s request: its 4Gi holds a 3Gi model; a literal MEMORY_REQUEST the agent cannot parse is rejected (cli.go)', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS, MEMORY_FROM_SRV]))) });
    new SeldonModel(chart, 'm', { storageUri: IRIS, memory: '3Gi', server });
    expect(Testing.synth(chart)).toHaveLength(3);
    expect(() => new ServerConfig(Testing.chart(), 'config', config([CAPS, { name: 'MEMORY_REQUEST', value: '4Gi' }]))).toThrow(
      /ServerConfig 'test\/config': podSpec.containers\[agent\].env\[MEMORY_REQUEST\] "4Gi" is not a whole number of bytes, and the agent exits when it cannot parse it/);
  });
});

describe('capabilities where the agent reads them (server_reconciler.go updateCapabilities, agent cli.go/flags.go)', () => {
  test('a Server\'s own SELDON_SERVER_CAPABILITIES without capabilities props is accepted, and Kubernetes uses it (the later duplicate)', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('mine,gpu') } } });
    expect(server.capabilities).toEqual(['mine', 'gpu']);
    new SeldonModel(chart, 'm', { storageUri: IRIS, requirements: ['gpu'], server });
    expect(Testing.synth(chart)[0].spec.podSpec.containers[0].env).toEqual([{ name: 'SELDON_SERVER_CAPABILITIES', value: 'mine,gpu' }]);
    server.addCapability('extra');
    expect(server.capabilities).toEqual(['mine', 'gpu', 'extra']);
  });

  test('a ServerConfig whose agent lacks the variable is accepted: the agent advertises sklearn,xgboost and a Server\'s capabilities props are reported as ignored', () => {
    const chart = Testing.chart();
    const cfg = new ServerConfig(chart, 'config', config([MEMORY_FROM_SRV]));
    expect(cfg.capabilities).toEqual(['sklearn', 'xgboost']);
    expect(Testing.synth(chart)[0].spec.podSpec.containers[1].env).toEqual([MEMORY_FROM_SRV]);
    new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.fromServerConfig(cfg), extraCapabilities: ['gpu'] });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonServer 'test\/s': extraCapabilities \("gpu"\) would be ignored: the operator only rewrites an existing SELDON_SERVER_CAPABILITIES of the agent .*so it advertises sklearn,xgboost/);
  });

  test('a ServerConfig taking the variable from valueFrom is accepted; its capabilities are unknown and its models unchecked', () => {
    const chart = Testing.chart();
    const cfg = new ServerConfig(chart, 'config', config([{ name: 'SELDON_SERVER_CAPABILITIES', valueFrom: { configMapKeyRef: { name: 'caps', key: 'caps' } } }, MEMORY_FROM_SRV]));
    expect(cfg.capabilities).toBeUndefined();
    new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.fromServerConfig(cfg) });
    new SeldonModel(chart, 'm', { storageUri: IRIS, requirements: ['anything'] });
    expect(Testing.synth(chart)).toHaveLength(3);
  });
});

describe('restrictedSecurityContext against grants the merge keeps (operator/controllers/reconcilers/common/patch_utils.go, mergo)', () => {
  test.each([
    [{ allowPrivilegeEscalation: true }, /sets allowPrivilegeEscalation: true, which no Server can undo/],
    [{ privileged: true }, /sets privileged: true/],
    [{ capabilities: { add: ['NET_ADMIN', 'NET_BIND_SERVICE'] } }, /sets capabilities.add "NET_ADMIN", which no Server can undo/],
  ])('a ServerConfig container with %p is an error saying why', (context, error) => {
    const chart = Testing.chart();
    const cfg = ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS, MEMORY_FROM_SRV], {}, context)));
    expect(() => new SeldonServer(chart, 's', { serverConfig: cfg, restrictedSecurityContext: true })).toThrow(error);
  });

  test('NET_BIND_SERVICE, which the restricted standard allows, is accepted', () => {
    const chart = Testing.chart();
    const cfg = ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS, MEMORY_FROM_SRV], {}, { capabilities: { add: ['NET_BIND_SERVICE'] } })));
    expect(() => new SeldonServer(chart, 's', { serverConfig: cfg, restrictedSecurityContext: true })).not.toThrow();
  });
});

describe('the restrictedSecurityContext check agrees with the preview of the pod the operator builds (one merge model, src/v2/operator)', () => {
  /** The agent of the previewed StatefulSet: a hardened Server merged onto a ServerConfig whose agent has `context`. */
  function previewedAgent(context: k8s.SecurityContext | undefined) {
    const chart = Testing.chart();
    // The Server is declared against a clean copy of the ServerConfig, so that it can be built whatever `context` is.
    const clean = ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS, MEMORY_FROM_SRV])));
    new SeldonServer(chart, 's', { serverConfig: clean, restrictedSecurityContext: true });
    const other = Testing.chart();
    new ServerConfig(other, 'config', config([CAPS, MEMORY_FROM_SRV], {}, context));
    const objects = [...Testing.synth(chart).filter(o => o.kind === 'Server'), ...Testing.synth(other)];
    const statefulSet = previewServers(objects).objects.find(o => o.kind === 'StatefulSet')!;
    return statefulSet.spec.template.spec.containers.find((c: { name: string }) => c.name === 'agent');
  }

  test.each<[string, k8s.SecurityContext | undefined]>([
    ['none', undefined],
    ['allowPrivilegeEscalation: true', { allowPrivilegeEscalation: true }],
    ['allowPrivilegeEscalation: false', { allowPrivilegeEscalation: false }],
    ['privileged: true', { privileged: true }],
    ['capabilities.add NET_ADMIN', { capabilities: { add: ['NET_ADMIN'] } }],
    ['capabilities.add NET_BIND_SERVICE', { capabilities: { add: ['NET_BIND_SERVICE'] } }],
    ['runAsUser 0, runAsNonRoot false', { runAsUser: 0, runAsNonRoot: false }],
  ])('ServerConfig agent with %s', (_name, context) => {
    // The security-context part of the restricted standard (this test's images are untagged on purpose).
    const violations = restrictedViolations(previewedAgent(context)).filter(v => !/^(image|resources) /.test(v));
    const chart = Testing.chart();
    const cfg = ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', config([CAPS, MEMORY_FROM_SRV], {}, context)));
    const build = () => new SeldonServer(chart, 's', { serverConfig: cfg, restrictedSecurityContext: true });
    if (violations.length > 0) expect(build).toThrow(/which no Server can undo/);
    else expect(build).not.toThrow();
  });
});
