import { Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedServer, SeldonProtocol } from '../../src';

/**
 * The Kubernetes "restricted" Pod Security Standard, checked on every
 * container the library declares itself (containers the operator adds are
 * the operator's). https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function restrictedViolations(container: any): string[] {
  const sc = container.securityContext ?? {};
  const v: string[] = [];
  if (sc.privileged === true) v.push('privileged');
  if (sc.allowPrivilegeEscalation !== false) v.push('allowPrivilegeEscalation is not false');
  if (sc.runAsNonRoot !== true) v.push('runAsNonRoot is not true');
  if (sc.runAsUser === 0) v.push('runAsUser is 0');
  const drop: string[] = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) v.push('capabilities do not drop ALL');
  const add: string[] = sc.capabilities?.add ?? [];
  if (add.some(c => c !== 'NET_BIND_SERVICE')) v.push(`capabilities add ${add.join(',')}`);
  if (!['RuntimeDefault', 'Localhost'].includes(sc.seccompProfile?.type)) v.push('seccompProfile is not RuntimeDefault or Localhost');
  if (!container.resources?.requests || !container.resources?.limits) v.push('resources are not set (requests and limits)');
  if (!container.image || /:latest$/.test(container.image) || !/:[^/]+$|@sha256:/.test(container.image)) v.push(`image ${container.image} is untagged or :latest`);
  return v;
}

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
    new PrepackagedModel(chart, 'm', { server, protocol, modelUri: ModelUri.pvcByName('models', 'm'), explicitStorageInitializer: true });
    const pod = Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0].spec;
    const declared = [...pod.initContainers, ...pod.containers];
    expect(declared.length).toBeGreaterThanOrEqual(2);
    for (const container of declared) {
      expect({ name: container.name, violations: restrictedViolations(container) }).toEqual({ name: container.name, violations: [] });
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
