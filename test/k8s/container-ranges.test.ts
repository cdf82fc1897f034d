import { Chart, Duration, Testing } from 'cdk8s';
import { k8s, Probe, ServiceType } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, RuntimeComponent, SeldonConfig, SeldonRuntime, ServerConfig } from '../../src';

/**
 * Numbers of raw containers and pod specs that the CRDs allow and the API
 * server refuses (pkg/apis/core/validation): ports outside 1-65535, negative
 * probe timings, a liveness successThreshold other than 1, a readiness probe's
 * terminationGracePeriodSeconds, activeDeadlineSeconds 0, maxSkew 0.
 */
const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const PORT = k8s.IntOrString.fromNumber(9100);
const image = (n: string) => `docker.io/seldonio/${n === 'mlserver' ? 'mlserver:1.7.1' : `seldon-${n}:2.10.2`}`;

function build(f: (chart: Chart) => void): () => void {
  return () => {
    const chart = new Chart(Testing.app(), 'c');
    f(chart);
    Testing.synth(chart);
  };
}

/** A v1 model with one raw sidecar container holding `fields`. */
const withSidecar = (fields: Omit<k8s.Container, 'name'>) => build(c => new PrepackagedModel(c, 'iris', {
  server: PrepackagedServer.SKLEARN,
  modelUri: IRIS,
  sidecars: [{ name: 'side', image: 'docker.io/library/busybox:1.36', ...fields }],
}));

describe('ranges of raw containers and pod specs', () => {
  test('a v1 sidecar port outside 1-65535 is refused, with the path, field and range', () => {
    expect(withSidecar({ ports: [{ containerPort: 65536 }, { containerPort: 9100, hostPort: -1 }] })).toThrow(/PrepackagedModel 'c\/iris': sidecars\[0\]\.ports\[0\]\.containerPort 65536 is not a port number; a whole number from 1 to 65535[\s\S]*sidecars\[0\]\.ports\[1\]\.hostPort -1 is not a port number/);
  });

  test('a v1 sidecar probe with a negative period, a liveness successThreshold of 2 or port 0 is refused', () => {
    expect(withSidecar({
      livenessProbe: { tcpSocket: { port: PORT }, periodSeconds: -1, successThreshold: 2 },
      readinessProbe: { httpGet: { port: k8s.IntOrString.fromNumber(0) }, terminationGracePeriodSeconds: 5 },
    })).toThrow(/sidecars\[0\]\.livenessProbe\.periodSeconds -1 is not a whole number from 0 to 2147483647[\s\S]*livenessProbe\.successThreshold 2 is not 1[\s\S]*readinessProbe\.terminationGracePeriodSeconds is set on a readiness probe[\s\S]*readinessProbe\.httpGet\.port 0 is not a port number/);
  });

  test('a SeldonConfig component pod spec with activeDeadlineSeconds 0 or maxSkew 0 is refused', () => {
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: {
          containers: [{ name: 'scheduler', image: image('scheduler'), ports: [{ containerPort: 0 }] }],
          activeDeadlineSeconds: 0,
          topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }],
        },
      }],
    }))).toThrow(/SeldonConfig 'c\/config': components\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.ports\[0\]\.containerPort 0 is not a port number[\s\S]*podSpec\.activeDeadlineSeconds 0 is not a whole number of seconds above 0[\s\S]*podSpec\.topologySpreadConstraints\[0\]\.maxSkew 0 is not a whole number above 0/);
  });

  test('a ServerConfig pod spec and a runtime override pod spec are checked the same way', () => {
    expect(build(c => new ServerConfig(c, 'sc', {
      capabilities: ['mlserver'],
      podSpec: { containers: ['rclone', 'agent', 'mlserver'].map(n => ({ name: n, image: image(n), ...(n === 'mlserver' ? { startupProbe: { tcpSocket: { port: PORT }, failureThreshold: -3 } } : {}) })) },
    }))).toThrow(/ServerConfig 'c\/sc': podSpec\.containers\[2\]\.startupProbe\.failureThreshold -3 is not a whole number from 0 to 2147483647/);
    expect(build(c => new SeldonRuntime(c, 'rt', {
      overrides: [{
        component: RuntimeComponent.SCHEDULER,
        serviceType: ServiceType.CLUSTER_IP,
        podSpec: { containers: [{ name: 'scheduler', image: image('scheduler'), ports: [{ containerPort: 9004, hostPort: 70000 }] }] },
      }],
    }))).toThrow(/SeldonRuntime 'c\/rt': overrides\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.ports\[0\]\.hostPort 70000 is not a port number; a whole number from 1 to 65535, or 0 for none/);
  });

  test('values at the bounds pass: port 1 and 65535, host port 0, probe times 0, maxSkew 1', () => {
    expect(withSidecar({
      ports: [{ containerPort: 1, hostPort: 0 }, { containerPort: 65535 }],
      livenessProbe: { tcpSocket: { port: PORT }, periodSeconds: 0, initialDelaySeconds: 0, successThreshold: 1, terminationGracePeriodSeconds: 1 },
      startupProbe: { tcpSocket: { port: PORT }, terminationGracePeriodSeconds: 2 ** 31 },
      readinessProbe: { tcpSocket: { port: PORT }, successThreshold: 3 },
    })).not.toThrow();
  });
});

describe('ranges of a v1 graph node\'s cdk8s-plus probes', () => {
  const withProbes = (probes: object) => build(c => new PrepackagedModel(c, 'iris', { server: PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' }), modelUri: IRIS, ...probes }));

  test('a port outside 1-65535, a startup successThreshold of 2 or an initial delay past int32 is refused', () => {
    expect(withProbes({ livenessProbe: Probe.fromTcpSocket({ port: 70_000 }) }))
      .toThrow(/PrepackagedModel 'c\/iris': livenessProbe\.tcpSocket\.port 70000 is not a port number; a whole number from 1 to 65535, or a port name/);
    expect(withProbes({ startupProbe: Probe.fromHttpGet('/ready', { successThreshold: 2 }) }))
      .toThrow(/startupProbe\.successThreshold 2 is not 1 \(validateLivenessProbe and validateStartupProbe accept only 1\)/);
    expect(withProbes({ readinessProbe: Probe.fromHttpGet('/ready', { initialDelaySeconds: Duration.days(30_000) }) }))
      .toThrow(/readinessProbe\.initialDelaySeconds 2592000000 is not a whole number from 0 to 2147483647/);
    expect(withProbes({ readinessProbe: Probe.fromCommand(['true'], { failureThreshold: -1 }) }))
      .toThrow(/readinessProbe\.failureThreshold -1 is not a whole number from 0 to 2147483647/);
  });

  test('a readiness successThreshold above 1 and ports 1 and 65535 pass', () => {
    expect(withProbes({ readinessProbe: Probe.fromHttpGet('/ready', { successThreshold: 3, port: 65535 }), livenessProbe: Probe.fromTcpSocket({ port: 1 }) })).not.toThrow();
  });
});

describe('container names of raw pod specs', () => {
  test('a SeldonConfig or override container, or a ServerConfig init container, named past 63 letters is refused', () => {
    const long = 'a'.repeat(64);
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: long, image: image('scheduler') }] } }],
    }))).toThrow(/SeldonConfig 'c\/config': components\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.name "a{64}" is not a valid name; a DNS-1123 label/);
    expect(build(c => new SeldonRuntime(c, 'rt', {
      overrides: [{ component: RuntimeComponent.SCHEDULER, serviceType: ServiceType.CLUSTER_IP, podSpec: { containers: [{ name: 'Scheduler', image: image('scheduler') }] } }],
    }))).toThrow(/overrides\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.name "Scheduler" is not a valid name/);
    expect(build(c => new ServerConfig(c, 'sc', {
      capabilities: ['mlserver'],
      podSpec: { containers: ['rclone', 'agent', 'mlserver'].map(n => ({ name: n, image: image(n) })), initContainers: [{ name: long, image: image('agent') }] },
    }))).toThrow(/ServerConfig 'c\/sc': podSpec\.initContainers\[0\]\.name "a{64}" is not a valid name/);
  });

  test('a 63-letter name passes', () => {
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'a'.repeat(63), image: image('scheduler') }] } }],
    }))).not.toThrow();
  });
});

describe('user and group ids, port names and hostnames of containers and pod specs', () => {
  test('a node\'s securityContext user past int32 is refused (IsValidUserID), 2147483647 passes', () => {
    const node = (user: number) => build(c => new PrepackagedModel(c, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, securityContext: { user } }));
    expect(node(2 ** 31)).toThrow(/PrepackagedModel 'c\/iris': securityContext\.user 2147483648 is not a user or group id; a whole number from 0 to 2147483647/);
    expect(node(2 ** 31 - 1)).not.toThrow();
  });

  test('a raw sidecar\'s runAsUser -1 or port name of 16 letters is refused', () => {
    expect(withSidecar({ securityContext: { runAsUser: -1 }, ports: [{ containerPort: 9100, name: 'a'.repeat(16) }] })).toThrow(/sidecars\[0\]\.ports\[0\]\.name "a{16}" is not a port name; at most 15[\s\S]*sidecars\[0\]\.securityContext\.runAsUser -1 is not a user or group id/);
  });

  test('a pod spec\'s fsGroup, supplementalGroups past int32 and a hostname of 64 letters are refused', () => {
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: { containers: [{ name: 'scheduler', image: image('scheduler') }], hostname: 'a'.repeat(64), securityContext: { fsGroup: 2 ** 32, supplementalGroups: [1000, -1] } },
      }],
    }))).toThrow(/podSpec\.securityContext\.fsGroup 4294967296 is not a user or group id[\s\S]*podSpec\.securityContext\.supplementalGroups\[1\] -1 is not a group id[\s\S]*podSpec\.hostname "a{64}" is not a valid hostname/);
  });
});

describe('integer fields of raw pod specs', () => {
  test('a fractional or past-int32 priority, a fractional grace period and tolerationSeconds without NoExecute are refused', () => {
    expect(build(c => new ServerConfig(c, 'sc', {
      capabilities: ['mlserver'],
      podSpec: {
        containers: ['rclone', 'agent', 'mlserver'].map(n => ({ name: n, image: image(n) })),
        priority: 2 ** 31,
        terminationGracePeriodSeconds: 1.5,
        tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }, { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0.5 }],
      },
    }))).toThrow(/podSpec\.priority 2147483648 is not a whole number from -2147483648 to 2147483647 \(int32\)[\s\S]*podSpec\.terminationGracePeriodSeconds 1\.5 is not a whole number of seconds[\s\S]*podSpec\.tolerations\[0\]\.tolerationSeconds is set with effect "NoSchedule" \(validateTolerations allows it only with NoExecute\)[\s\S]*podSpec\.tolerations\[1\]\.tolerationSeconds 0\.5 is not a whole number of seconds/);
  });

  test('whole values pass, a NoExecute toleration with tolerationSeconds too', () => {
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: { containers: [{ name: 'scheduler', image: image('scheduler') }], priority: -5, terminationGracePeriodSeconds: 0, tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
      }],
    }))).not.toThrow();
  });
});

describe('requests and limits of raw containers', () => {
  const Q = (s: string) => k8s.Quantity.fromString(s);
  const sidecar = (resources: k8s.ResourceRequirements) => withSidecar({ resources });

  test('a request above its limit, a negative amount, half a GPU or a GPU request without an equal limit is refused', () => {
    expect(sidecar({ requests: { cpu: Q('2') }, limits: { cpu: Q('1') } })).toThrow(/sidecars\[0\]\.resources\.requests\["cpu"\] "2" is above the limit "1"; requests at most the limits/);
    expect(sidecar({ limits: { memory: Q('-1Gi') } })).toThrow(/sidecars\[0\]\.resources\.limits\["memory"\] "-1Gi" is negative; a quantity of 0 or more/);
    expect(sidecar({ limits: { 'nvidia.com/gpu': Q('0.5') } })).toThrow(/resources\.limits\["nvidia\.com\/gpu"\] "0\.5" is not a whole number; extended resources/);
    expect(sidecar({ requests: { 'nvidia.com/gpu': Q('1') } })).toThrow(/resources\.requests\["nvidia\.com\/gpu"\] "1" has no equal limit; the same amount in limits/);
    expect(build(c => new SeldonRuntime(c, 'rt', {
      overrides: [{
        component: RuntimeComponent.SCHEDULER,
        serviceType: ServiceType.CLUSTER_IP,
        podSpec: { containers: [{ name: 'scheduler', image: image('scheduler'), resources: { requests: { memory: Q('2Gi') }, limits: { memory: Q('1Gi') } } }] },
      }],
    }))).toThrow(/overrides\["seldon-scheduler"\]\.podSpec\.containers\[0\]\.resources\.requests\["memory"\] "2Gi" is above the limit "1Gi"/);
  });

  test('equal requests and limits, a GPU request with its limit, and a cpu request without a limit pass', () => {
    expect(sidecar({ requests: { 'cpu': Q('1'), 'memory': Q('1Gi'), 'nvidia.com/gpu': Q('1') }, limits: { 'memory': Q('1Gi'), 'nvidia.com/gpu': Q('1') } })).not.toThrow();
  });
});

describe('init containers of raw pod specs', () => {
  test('a probe or lifecycle hook on an init container is refused (validateInitContainers)', () => {
    expect(build(c => new SeldonConfig(c, 'config', {
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: {
          containers: [{ name: 'scheduler', image: image('scheduler'), readinessProbe: { tcpSocket: { port: PORT } } }],
          initContainers: [{ name: 'init', image: image('scheduler'), livenessProbe: { tcpSocket: { port: PORT } } }],
        },
      }],
    }))).toThrow(/components\["seldon-scheduler"\]\.podSpec\.initContainers\[0\]\.livenessProbe is set on an init container, which the API server refuses \(validateInitContainers\)/);
  });
});
