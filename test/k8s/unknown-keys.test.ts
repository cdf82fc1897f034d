import { Testing } from 'cdk8s';
import { Volume } from 'cdk8s-plus-27';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';
import { _fullCheck } from '../../src/k8s/prop-check';
import { FAIL, compile, fastArgument } from '../../src/k8s/prop-fast-path';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';
import { refusesUnknownKeys, unknownKeyProblem } from '../../src/k8s/unknown-keys';

// What a JavaScript caller can pass that TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sidecarsOf = (sidecars: unknown) => () => new SeldonDeployment(Testing.chart(), 'sdep', {
  predictors: [{ name: 'default', graph: PredictiveUnit.component({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'me/c:1' }), sidecars: js(sidecars) }],
});

describe('keys a cdk8s-plus struct does not declare are refused (src/k8s/unknown-keys.ts)', () => {
  test('every cdk8s-plus struct of the shape table refuses them; cdk8s object metadata and the library\'s own props do not', () => {
    const structs = Object.keys(SHAPES).filter(ref => SHAPES[ref].f !== undefined);
    const closed = structs.filter(refusesUnknownKeys);
    expect(closed).toEqual(expect.arrayContaining(['cdk8s-plus-27.k8s.VolumeMount', 'cdk8s-plus-27.k8s.ContainerPort', 'cdk8s-plus-27.ContainerSecurityContextProps']));
    expect(closed.length).toBeGreaterThan(100);
    expect(closed.every(ref => ref.startsWith('cdk8s-plus-27.'))).toBe(true);
    expect(structs.filter(ref => !ref.startsWith('cdk8s-plus-27.')).some(refusesUnknownKeys)).toBe(false);
  });

  test('the message names the key, suggests the name that differs only in case, and lists the declared keys', () => {
    expect(unknownKeyProblem('readonly', 'k8s.VolumeMount', ['mountPath', 'name', 'readOnly'])).toEqual({
      problem: 'has the key "readonly", which k8s.VolumeMount does not declare (did you mean "readOnly"?)',
      accepted: 'accepted: the keys of k8s.VolumeMount: mountPath, name, readOnly',
    });
    expect(unknownKeyProblem('x', 'T', ['a']).problem).toBe('has the key "x", which T does not declare');
  });

  test('a raw sidecar\'s misspelt keys are reported with the construct path, each once, and the value is never echoed', () => {
    expect(sidecarsOf([{ name: 's', image: 'me/s:1', volumeMounts: [{ name: 'm', mountPath: '/m', readonly: true }] }]))
      .toThrow(/^SeldonDeployment 'test\/sdep': predictors\[0\]\.sidecars\[0\]\.volumeMounts\[0\] has the key "readonly", which k8s\.VolumeMount does not declare \(did you mean "readOnly"\?\); accepted: the keys of k8s\.VolumeMount: mountPath, name, mountPropagation, readOnly, subPath, subPathExpr$/);
    let message = '';
    try {
      sidecarsOf([{ name: 's', image: 'me/s:1', env: [{ name: 'TOKEN', valeu: 'hunter2-secret' }], ports: [{ containerPort: 1, hostIP: 'x', HostPort: 2 }] }])();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/sidecars\[0\]\.env\[0\] has the key "valeu", which k8s\.EnvVar does not declare; accepted: the keys of k8s\.EnvVar: name, value, valueFrom$/),
      expect.stringMatching(/sidecars\[0\]\.ports\[0\] has the key "hostIP", which k8s\.ContainerPort does not declare \(did you mean "hostIp"\?\)/),
      expect.stringMatching(/sidecars\[0\]\.ports\[0\] has the key "HostPort", which k8s\.ContainerPort does not declare \(did you mean "hostPort"\?\)/),
    ]);
    expect(message).not.toContain('hunter2');
  });

  test('a cdk8s-plus struct of a factory\'s props travels with the value and is reported by the construct that receives it', () => {
    const chart = Testing.chart();
    const unit = PredictiveUnit.component(js({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'me/c:1', securityContext: { user: 1000, runAsNonRoot: true } }));
    expect(() => new SeldonDeployment(chart, 'sdep', { predictors: [{ name: 'default', graph: unit }] }))
      .toThrow(/graph \(PredictiveUnit\.component\(\) props\.securityContext\) has the key "runAsNonRoot", which ContainerSecurityContextProps does not declare; accepted: the keys of ContainerSecurityContextProps: /);
    const mount = { volume: Volume.fromEmptyDir(chart, 'v', 'scratch'), path: '/scratch', readonly: true };
    expect(() => new PrepackagedModel(chart, 'iris', js({ server: PrepackagedServer.SKLEARN, modelUri: IRIS, volumeMounts: [mount] })))
      .toThrow(/^PrepackagedModel 'test\/iris': volumeMounts\[0\] has the key "readonly", which VolumeMount does not declare \(did you mean "readOnly"\?\)/);
  });

  test('object metadata keeps its further keys: cdk8s writes them to the manifest', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, metadata: js({ name: 'iris', generateName: 'iris-' }) });
    expect(Testing.synth(chart)[0].metadata.generateName).toBe('iris-');
  });

  test('the fast path refuses exactly what the full check reports, also for a struct read through its prototype', () => {
    const agree = (ref: string, value: unknown): boolean => {
      const full = _fullCheck(value, ref, false);
      const fast = fastArgument(value, compile(ref), false, false);
      expect(fast === FAIL).toBe(full.problems.length > 0);
      return fast !== FAIL;
    };
    expect(agree('cdk8s-plus-27.k8s.VolumeMount', { name: 'm', mountPath: '/m', readOnly: true })).toBe(true);
    expect(agree('cdk8s-plus-27.k8s.VolumeMount', { name: 'm', mountPath: '/m', readonly: true })).toBe(false);
    expect(agree('cdk8s-plus-27.k8s.VolumeMount', Object.assign(Object.create({ name: 'm' }), { mountPath: '/m', readonly: true }))).toBe(false);
    expect(agree('cdk8s-plus-27.k8s.VolumeMount', Object.assign(Object.create({ name: 'm' }), { mountPath: '/m' }))).toBe(true);
    expect(agree('[cdk8s-plus-27.k8s.Container]', [{ name: 'c', securityContext: { runAsuser: 1 } }])).toBe(false);
    expect(_fullCheck({ name: 'm', mountPath: '/m', readonly: true }, 'cdk8s-plus-27.k8s.VolumeMount', false).copy).toEqual({ name: 'm', mountPath: '/m' });
  });
});
