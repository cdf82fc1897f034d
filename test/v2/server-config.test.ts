import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { PersistentVolumeAccessMode, k8s } from 'cdk8s-plus-27';
import { SeldonServer, ServerConfig, ServerConfigProps, ServerConfigRef } from '../../src/v2';

const q = (v: string) => k8s.Quantity.fromString(v);

/** A trimmed copy of the installation's mlserver ServerConfig pod (SELDON-FACTS §2.5). */
function podSpec(overrides: Partial<k8s.PodSpec> = {}): k8s.PodSpec {
  return {
    serviceAccountName: 'seldon-server',
    terminationGracePeriodSeconds: 120,
    securityContext: { fsGroup: 1000, runAsGroup: 1000, runAsUser: 1000, runAsNonRoot: true },
    volumes: [{ name: 'config-volume', configMap: { name: 'seldon-agent' } }],
    containers: [
      {
        name: 'rclone',
        image: 'docker.io/seldonio/seldon-rclone:2.10.2',
        resources: { requests: { cpu: q('50m'), memory: q('128Mi') }, limits: { memory: q('256Mi') } },
        volumeMounts: [{ name: 'mlserver-models', mountPath: '/mnt/agent' }],
      },
      {
        name: 'agent',
        image: 'docker.io/seldonio/seldon-agent:2.10.2',
        env: [{ name: 'SELDON_SERVER_TYPE', value: 'mlserver' }],
        volumeMounts: [{ name: 'mlserver-models', mountPath: '/mnt/agent' }, { name: 'config-volume', mountPath: '/mnt/config' }],
      },
      {
        name: 'mlserver',
        image: 'docker.io/seldonio/mlserver:1.7.1',
        resources: { requests: { cpu: q('100m'), memory: q('1Gi') }, limits: { memory: q('1Gi') } },
        volumeMounts: [{ name: 'mlserver-models', mountPath: '/mnt/agent', readOnly: true }],
      },
    ],
    ...overrides,
  };
}

function props(overrides: Partial<ServerConfigProps> = {}): ServerConfigProps {
  return {
    metadata: { name: 'mlserver-gpu' },
    podSpec: podSpec(),
    capabilities: ['mlserver', 'sklearn', 'gpu'],
    volumeClaimTemplates: [{ name: 'mlserver-models', storage: Size.gibibytes(1) }],
    ...overrides,
  };
}

describe('ServerConfig', () => {
  test('renders the pod with the capabilities on the agent, and the claim templates', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', props());
    const [object] = Testing.synth(chart);
    expect(object.apiVersion).toBe('mlops.seldon.io/v1alpha1');
    expect(object.kind).toBe('ServerConfig');
    expect(object.metadata.name).toBe('mlserver-gpu');
    const agent = object.spec.podSpec.containers.find((c: any) => c.name === 'agent');
    expect(agent.env).toEqual([
      { name: 'SELDON_SERVER_TYPE', value: 'mlserver' },
      { name: 'SELDON_SERVER_CAPABILITIES', value: 'mlserver,sklearn,gpu' },
    ]);
    expect(object.spec.podSpec.containers.map((c: any) => c.name)).toEqual(['rclone', 'agent', 'mlserver']);
    expect(object.spec.podSpec.containers[2].resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
    expect(object.spec.podSpec.serviceAccountName).toBe('seldon-server');
    expect(object.spec.volumeClaimTemplates).toEqual([
      { name: 'mlserver-models', spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    ]);
    expect(config.capabilities).toEqual(['mlserver', 'sklearn', 'gpu']);
    expect(config.serverContainerName).toBe('mlserver');
    expect(config.containerNames).toEqual(['rclone', 'agent', 'mlserver']);
    expect(config.volumeNames).toEqual(['config-volume', 'mlserver-models']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('claim template access modes and storage class', () => {
    const chart = Testing.chart();
    new ServerConfig(chart, 'config', props({
      volumeClaimTemplates: [{ name: 'mlserver-models', storage: Size.mebibytes(512), accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD], storageClassName: 'fast' }],
    }));
    expect(Testing.synth(chart)[0].spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '512Mi' } }, storageClassName: 'fast',
    });
  });

  /** A ServerConfig whose agent sets SELDON_SERVER_CAPABILITIES to `value` instead of the capabilities prop. */
  const withCapabilitiesVariable = (chart: Chart, value: string) => {
    const spec = podSpec();
    const agent = { ...spec.containers[1], env: [{ name: 'SELDON_SERVER_CAPABILITIES', value }] };
    return new ServerConfig(chart, 'config', props({ capabilities: undefined, podSpec: { ...spec, containers: [spec.containers[0], agent, spec.containers[2]] } }));
  };

  test('capabilities may come from the agent env instead', () => {
    const chart = Testing.chart();
    const config = withCapabilitiesVariable(chart, 'mlserver, sklearn');
    expect(config.capabilities).toEqual(['mlserver', 'sklearn']);
    const rendered = Testing.synth(chart)[0].spec.podSpec.containers[1].env;
    expect(rendered).toEqual([{ name: 'SELDON_SERVER_CAPABILITIES', value: 'mlserver, sklearn' }]);
    expect(() => config.addCapability('gpu')).toThrow(/ServerConfig 'test\/config': addCapability\("gpu"\) cannot change the SELDON_SERVER_CAPABILITIES value given in the agent container's env; set the capabilities prop/);
  });

  test('an empty variable is unset for the agent (env.go getEnvString): it advertises sklearn,xgboost, and a Server\'s extras make ",x"', () => {
    const chart = Testing.chart();
    const config = withCapabilitiesVariable(chart, '');
    expect(config.capabilities).toEqual(['sklearn', 'xgboost']);
    const ref = ServerConfigRef.fromServerConfig(config);
    expect(new SeldonServer(chart, 'plain', { serverConfig: ref }).capabilities).toEqual(['sklearn', 'xgboost']);
    // The operator appends to the value as it is: ",gpu", which the agent reads as gpu alone; sklearn is then no repeat.
    expect(new SeldonServer(chart, 'extra', { serverConfig: ref, extraCapabilities: ['gpu', 'sklearn'] }).capabilities).toEqual(['gpu', 'sklearn']);
    expect(new SeldonServer(chart, 'replaced', { serverConfig: ref, capabilities: ['onnx'] }).capabilities).toEqual(['onnx']);
  });

  test('addCapability after construction is rendered', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', props());
    config.addCapability('xgboost');
    expect(Testing.synth(chart)[0].spec.podSpec.containers[1].env[1].value).toBe('mlserver,sklearn,gpu,xgboost');
  });

  test('addCapability rejects duplicates and malformed capabilities', () => {
    const config = new ServerConfig(Testing.chart(), 'config', props());
    expect(() => config.addCapability('gpu')).toThrow(/ServerConfig 'test\/config': addCapability\("gpu"\) repeats "gpu"; Seldon would accept the repeat .*; capabilities so far: mlserver, sklearn, gpu/);
    expect(() => config.addCapability('a,b')).toThrow(/addCapability\("a,b"\) "a,b" contains ",", which the agent splits capabilities on; a non-empty string without ","/);
  });

  test('namespace and labels come from the chart; the name is generated when not set', () => {
    const chart = new Chart(Testing.app(), 'seldon', { namespace: 'seldon-mesh', labels: { team: 'ml' } });
    const config = new ServerConfig(chart, 'config', props({ metadata: undefined }));
    const [object] = Testing.synth(chart);
    expect(object.metadata.namespace).toBe('seldon-mesh');
    expect(object.metadata.labels).toEqual({ team: 'ml' });
    expect(object.metadata.name).toMatch(/^seldon-config-[0-9a-f]{8}$/);
    expect(config.name).toBe(object.metadata.name);
  });

  test('a JSON patch on the ApiObject shows up', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', props());
    ApiObject.of(config).addJsonPatch(JsonPatch.add('/spec/podSpec/priorityClassName', 'high'));
    expect(config.apiObject).toBe(ApiObject.of(config));
    expect(Testing.synth(chart)[0].spec.podSpec.priorityClassName).toBe('high');
  });

  describe('rejects', () => {
    const make = (p: Partial<ServerConfigProps>) => () => new ServerConfig(Testing.chart(), 'config', props(p));
    const containers = podSpec().containers;

    test('a pod without rclone or agent', () => {
      expect(make({ podSpec: podSpec({ containers: [containers[2]] }) })).toThrow(
        /ServerConfig 'test\/config': podSpec.containers has no container named "rclone", which downloads model artifacts; a Seldon v2 server pod has containers "rclone", "agent" and the inference server; containers so far: mlserver/);
      expect(make({ podSpec: podSpec({ containers: [containers[0], containers[2]] }) })).toThrow(/has no container named "agent", which registers the server with the scheduler/);
    });

    test('an ambiguous or missing server container', () => {
      const extra = { name: 'sidecar', image: 'busybox' };
      expect(make({ podSpec: podSpec({ containers: [...containers, extra] }) })).toThrow(
        /ServerConfig 'test\/config': serverContainerName is ambiguous: podSpec has several containers besides rclone and agent \(mlserver, sidecar\); add the inference server container, and set serverContainerName/);
      expect(make({ podSpec: podSpec({ containers: [...containers, extra] }), serverContainerName: 'mlserver' })).not.toThrow();
      expect(make({ serverContainerName: 'agent' })).toThrow(/serverContainerName "agent" is not a container of podSpec other than rclone and agent; one of: mlserver/);
    });

    test('capabilities in two places', () => {
      const agent = { ...containers[1], env: [{ name: 'SELDON_SERVER_CAPABILITIES', value: 'a' }] };
      expect(make({ podSpec: podSpec({ containers: [containers[0], agent, containers[2]] }) })).toThrow(
        /ServerConfig 'test\/config': capabilities are set and the agent's env also sets SELDON_SERVER_CAPABILITIES; set the capabilities in one place/);
    });

    test('an empty capabilities list, which would render an empty variable the agent takes as unset', () => {
      expect(make({ capabilities: [] })).toThrow(
        /ServerConfig 'test\/config': capabilities is an empty list: SELDON_SERVER_CAPABILITIES would be "", which the agent takes as unset, so it would advertise its own sklearn,xgboost; at least one capability/);
    });

    test('malformed or repeated capabilities', () => {
      expect(make({ capabilities: ['a', ' b', 'a'] })).toThrow(/capabilities\[1\] " b" has leading or trailing spaces; Seldon would accept it \(the agent and scheduler trim them[\s\S]*capabilities\[2\] repeats "a"; Seldon would accept the repeat.*; each capability once/);
    });

    test('a mount of an undeclared volume', () => {
      expect(make({ volumeClaimTemplates: [] })).toThrow(
        /ServerConfig 'test\/config': podSpec.containers\[0\].volumeMounts\[0\].name "mlserver-models" names no volume of the pod, so Kubernetes would reject the StatefulSet; a name from podSpec.volumes or volumeClaimTemplates: config-volume/);
    });

    test('a claim template named like a volume, and repeated volumes', () => {
      expect(make({ volumeClaimTemplates: [{ name: 'config-volume', storage: Size.gibibytes(1) }] })).toThrow(
        /volumeClaimTemplates\[0\].name repeats the volume name "config-volume"; volume and claim template names must differ/);
      expect(make({ podSpec: podSpec({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }) })).toThrow(/podSpec.volumes\[1\].name repeats the volume name "v"/);
    });

    test('a request above its limit, and a malformed quantity', () => {
      const big = { ...containers[2], resources: { requests: { memory: q('2Gi') }, limits: { memory: q('1Gi'), cpu: q('two') } } };
      expect(make({ podSpec: podSpec({ containers: [containers[0], containers[1], big] }) })).toThrow(
        /podSpec.containers\[2\].resources.limits\["cpu"\] "two" is not a quantity; a Kubernetes quantity is accepted[\s\S]*podSpec.containers\[2\].resources memory request 2Gi is greater than the memory limit 1Gi; requests at most the limits/);
    });

    test('invalid names', () => {
      expect(make({ metadata: { name: 'Bad_Name' } })).toThrow(/ServerConfig 'test\/config': metadata.name "Bad_Name" is not a valid name; a DNS-1123 subdomain is accepted/);
      const dup = { ...containers[2], name: 'rclone' };
      expect(make({ podSpec: podSpec({ containers: [containers[0], containers[1], dup, { name: 'mlserver' }] }) })).toThrow(/podSpec.containers\[2\].name repeats the container name "rclone"/);
    });


    test('an invalid storage class name', () => {
      expect(make({ volumeClaimTemplates: [{ name: 'mlserver-models', storage: Size.gibibytes(1), storageClassName: 'Fast_SSD' }] })).toThrow(
        /volumeClaimTemplates\[0\].storageClassName "Fast_SSD" is not a valid name; a DNS-1123 subdomain is accepted/);
    });

    test('an empty storage or access mode list in a claim template', () => {
      expect(make({ volumeClaimTemplates: [{ name: 'mlserver-models', storage: Size.gibibytes(0), accessModes: [] }] })).toThrow(
        /volumeClaimTemplates\[0\].storage is not a positive size[\s\S]*volumeClaimTemplates\[0\].accessModes is empty/);
    });
  });
});
