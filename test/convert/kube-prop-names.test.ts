/**
 * Kubernetes JSON names the cdk8s `k8s.*` props spell differently (hostIP:
 * hostIp, volumeID: volumeId): the converter writes the props' spelling, so
 * such manifests convert to the typed construct, round trip exact
 * (src/convert/kube-prop-names.ts).
 */
import { readFileSync } from 'fs';
import { converted, expectClean, seldonDeploymentHead, SKLEARN_IRIS_GRAPH } from './helpers';
import { KUBE_CONTAINER, KUBE_POD_SPEC, kubePropNames } from '../../src/convert/kube-prop-names';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';

describe('Kubernetes JSON names in cdk8s spelling', () => {
  test('the names come from cdk8s-plus\'s toJson_ functions: every renamed key of the generated k8s module, for every k8s struct of the shape table', () => {
    // An independent reading of the same functions: their source, `'hostIP': obj.hostIp`.
    const source = readFileSync(require.resolve('cdk8s-plus-27/lib/imports/k8s.js'), 'utf8');
    let checked = 0;
    for (const ref of Object.keys(SHAPES).filter(r => r.startsWith('cdk8s-plus-27.k8s.') && SHAPES[r].f)) {
      const name = ref.slice(ref.lastIndexOf('.') + 1);
      const body = source.slice(source.indexOf(`function toJson_${name}(`), source.indexOf('\n}', source.indexOf(`function toJson_${name}(`)));
      for (const [, json, prop] of body.matchAll(/'([^']+)': obj\.(\w+)/g)) {
        const renamed = kubePropNames({ [json]: 1 }, ref) as object;
        expect([ref, Object.keys(renamed)]).toEqual([ref, [prop]]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  test('the names that differ, at every depth: pod, container, port, volume sources; a key that is no JSON name is left as it is', () => {
    const pod = kubePropNames({
      hostIPC: true,
      hostPID: false,
      setHostnameAsFQDN: true,
      containers: [{ name: 'c', ports: [{ containerPort: 1, hostIP: '127.0.0.1' }] }],
      volumes: [
        { name: 'a', awsElasticBlockStore: { volumeID: 'vol-1' } },
        { name: 'b', azureDisk: { diskName: 'd', diskURI: 'https://d' } },
        { name: 'c', photonPersistentDisk: { pdID: 'pd' } },
        { name: 'd', vsphereVolume: { volumePath: '/v', storagePolicyID: 'p' } },
        { name: 'e', fc: { targetWWNs: ['w'] } },
        { name: 'f', flocker: { datasetUUID: 'u' } },
      ],
      nodeSelector: { hostIP: 'kept: a map key' },
    }, KUBE_POD_SPEC);
    expect(pod).toEqual({
      hostIpc: true,
      hostPid: false,
      setHostnameAsFqdn: true,
      containers: [{ name: 'c', ports: [{ containerPort: 1, hostIp: '127.0.0.1' }] }],
      volumes: [
        { name: 'a', awsElasticBlockStore: { volumeId: 'vol-1' } },
        { name: 'b', azureDisk: { diskName: 'd', diskUri: 'https://d' } },
        { name: 'c', photonPersistentDisk: { pdId: 'pd' } },
        { name: 'd', vsphereVolume: { volumePath: '/v', storagePolicyId: 'p' } },
        { name: 'e', fc: { targetWwNs: ['w'] } },
        { name: 'f', flocker: { datasetUuid: 'u' } },
      ],
      nodeSelector: { hostIP: 'kept: a map key' },
    });
    expect(kubePropNames({ name: 'c', ports: [{ containerPort: 1, hostIp: 'x', readonly: true }] }, KUBE_CONTAINER))
      .toEqual({ name: 'c', ports: [{ containerPort: 1, hostIp: 'x', readonly: true }] });
    expect(kubePropNames({ name: 'c', ports: [{ containerPort: 1, hostIP: 'x', hostIp: 'y' }] }, KUBE_CONTAINER))
      .toEqual({ name: 'c', ports: [{ containerPort: 1, hostIP: 'x', hostIp: 'y' }] });
  });

  test('a v1 sidecar port with hostIP is a typed sidecar with hostIp, no patch', () => {
    const result = converted(`${seldonDeploymentHead('iris')}    componentSpecs:
    - spec:
        containers:
        - name: side
          image: busybox:1.36
          ports:
          - { containerPort: 8125, hostIP: 127.0.0.1, protocol: UDP }
${SKLEARN_IRIS_GRAPH}`);
    expectClean(result);
    expect(result.code).toContain('new PrepackagedModel(');
    expect(result.code).toContain("ports: [{ containerPort: 8125, hostIp: '127.0.0.1', protocol: 'UDP' }],");
  });

  test('a v2 ServerConfig pod spec with hostIPC and an EBS volume\'s volumeID is a typed ServerConfig, no patch', () => {
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: ServerConfig
metadata:
  name: mlserver-gpu
spec:
  podSpec:
    hostIPC: false
    setHostnameAsFQDN: true
    volumes:
    - name: models
      awsElasticBlockStore: { volumeID: vol-0123, fsType: ext4 }
    containers:
    - name: rclone
      image: seldonio/seldon-rclone:2.10.2
      ports: [{ containerPort: 5572, name: rclone, protocol: TCP, hostIP: 0.0.0.0 }]
    - { name: agent, image: "seldonio/seldon-agent:2.10.2" }
    - name: mlserver
      image: seldonio/mlserver:1.6.1
      volumeMounts: [{ name: models, mountPath: /mnt/models }]
`);
    expectClean(result);
    const code = result.code!.replace(/\s+/g, ' ');
    expect(code).toContain('new ServerConfig(');
    expect(code).toContain('hostIpc: false, setHostnameAsFqdn: true,');
    expect(code).toContain("awsElasticBlockStore: { volumeId: 'vol-0123', fsType: 'ext4' }");
    expect(code).toContain("hostIp: '0.0.0.0'");
    expect(code).not.toMatch(/hostIPC|volumeID|hostIP\b|FQDN/);
  });
});

test('a v2 SeldonRuntime override\'s pod spec with hostPID is the typed podSpec with hostPid, no patch', () => {
  const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: SeldonRuntime
metadata:
  name: seldon
  namespace: seldon-mesh
spec:
  seldonConfig: default
  overrides:
  - name: seldon-modelgateway
    podSpec:
      hostPID: false
      containers:
      - name: modelgateway
        ports: [{ containerPort: 9010, hostIP: 10.0.0.1 }]
`);
  expect(result.objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
  expect(result.code!.replace(/\s+/g, ' ')).toContain("podSpec: { hostPid: false, containers: [{ name: 'modelgateway', ports: [{ containerPort: 9010, hostIp: '10.0.0.1' }] }], },");
});
