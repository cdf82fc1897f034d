import { Testing } from 'cdk8s';
import { Volume } from 'cdk8s-plus-27';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';
import { _fullCheck } from '../../src/k8s/prop-check';
import { FAIL, compile, fastArgument } from '../../src/k8s/prop-fast-path';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';
import { declaredPart, nearestKey, refusesUnknownKeys, unknownKeyProblem } from '../../src/k8s/unknown-keys';

// What a JavaScript caller can pass that TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sidecarsOf = (sidecars: unknown) => () => new SeldonDeployment(Testing.chart(), 'sdep', {
  predictors: [{ name: 'default', graph: PredictiveUnit.component({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'me/c:1' }), sidecars: js(sidecars) }],
});

describe('keys a cdk8s-plus struct does not declare are refused (src/k8s/unknown-keys.ts)', () => {
  test('every struct of the library\'s own API and of cdk8s-plus refuses them; cdk8s object metadata does not, maps are no structs', () => {
    const structs = Object.keys(SHAPES).filter(ref => SHAPES[ref].f !== undefined);
    const closed = structs.filter(refusesUnknownKeys);
    expect(closed).toEqual(expect.arrayContaining(['cdk8s-plus-27.k8s.VolumeMount', 'cdk8s-plus-27.k8s.ContainerPort', 'cdk8s-plus-27.ContainerSecurityContextProps',
      'PrepackagedModelProps', 'PredictorProps', 'CanaryProps', 'KedaProps', 'RuntimeOverrideOptions', 'PipelineStepOptions']));
    expect(closed.length).toBeGreaterThan(170);
    // the only open structs are cdk8s's: object metadata (further keys go to the manifest) and owner references
    expect(structs.filter(ref => !refusesUnknownKeys(ref))).toEqual(['cdk8s.ApiObjectMetadata', 'cdk8s.OwnerReference']);
    expect(refusesUnknownKeys('{s}')).toBe(false);
  });

  test('the message names the key, suggests the name that differs only in case, and lists the declared keys', () => {
    expect(unknownKeyProblem('readonly', 'k8s.VolumeMount', ['mountPath', 'name', 'readOnly'])).toEqual({
      problem: 'has the key "readonly", which k8s.VolumeMount does not declare (did you mean "readOnly"?)',
      accepted: 'accepted: the keys of k8s.VolumeMount: mountPath, name, readOnly',
    });
    expect(unknownKeyProblem('x', 'T', ['a']).problem).toBe('has the key "x", which T does not declare');
  });

  test('a suggestion when one declared key is close: the same letters in another case, or within two edits', () => {
    expect(nearestKey('replica', ['replicas', 'server'])).toBe('replicas');
    expect(nearestKey('trafic', ['traffic', 'name'])).toBe('traffic');
    expect(nearestKey('ModelURI', ['modelUri'])).toBe('modelUri');
    expect(nearestKey('modleUri', ['modelUri'])).toBe('modelUri');
    expect(nearestKey('replicass', ['replica', 'replicas'])).toBe('replicas');
    // none when two are equally close, when nothing is within two edits, or when two edits change most of a short key
    expect(nearestKey('abcx', ['abcd', 'abce'])).toBeUndefined();
    expect(nearestKey('replicaz', ['replica', 'replicas'])).toBeUndefined();
    expect(nearestKey('predictorz', ['protocol', 'replicas'])).toBeUndefined();
    expect(nearestKey('ab', ['xy'])).toBeUndefined();
  });

  test('else the one declared key that starts with the key, less a plural "s" (KEDA\'s maxReplicaCount for an HPA\'s maxReplicas)', () => {
    expect(nearestKey('maxReplicas', ['maxReplicaCount', 'minReplicaCount', 'query'])).toBe('maxReplicaCount');
    expect(nearestKey('minReplicas', ['maxReplicaCount', 'minReplicaCount'])).toBe('minReplicaCount');
    // none for two such keys, or a stem too short to say much
    expect(nearestKey('scale', ['scaleUpPolicy', 'scaleDownPolicy'])).toBeUndefined();
    expect(nearestKey('reps', ['repsCount'])).toBeUndefined();
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
      expect.stringMatching(/sidecars\[0\]\.env\[0\] has the key "valeu", which k8s\.EnvVar does not declare \(did you mean "value"\?\); accepted: the keys of k8s\.EnvVar: name, value, valueFrom$/),
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

describe('keys the library\'s own structs do not declare are refused (a JavaScript typo is no silently lost setting)', () => {
  const messageOf = (build: () => void): string => {
    try {
      build();
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  test('constructor props, a nested struct, a method argument: construct path, field path, key (never its value), suggestion, declared keys', () => {
    const chart = Testing.chart();
    expect(messageOf(() => new PrepackagedModel(chart, 'typo', js({ server: PrepackagedServer.SKLEARN, modelUri: IRIS, replica: 3 }))))
      .toMatch(/^PrepackagedModel 'test\/typo': props has the key "replica", which PrepackagedModelProps does not declare \(did you mean "replicas"\?\); accepted: the keys of PrepackagedModelProps: server, credentials, /);
    const graph = PredictiveUnit.component({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'me/c:1' });
    const nested = messageOf(() => new SeldonDeployment(chart, 'nested', { predictors: [js({ name: 'a', graph, traffic: 80, trafic: 37, teamLabels: { team: 'qwz' } })] }));
    expect(nested.split('\n')).toEqual([
      expect.stringMatching(/^SeldonDeployment 'test\/nested': predictors\[0\] has the key "trafic", which PredictorProps does not declare \(did you mean "traffic"\?\); accepted: the keys of PredictorProps: /),
      expect.stringMatching(/^SeldonDeployment 'test\/nested': predictors\[0\] has the key "teamLabels", which PredictorProps does not declare; accepted: /),
    ]);
    expect(nested).not.toMatch(/37|qwz/);
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    expect(messageOf(() => model.withCanary(js({ modelUri: IRIS, traffic: 10, secretToken: 'hunter2' }))))
      .toMatch(/^PrepackagedModel 'test\/iris': withCanary\(\) canary has the key "secretToken", which CanaryProps does not declare; accepted: the keys of CanaryProps: traffic, modelUri, /);
    expect(messageOf(() => model.withCanary(js({ modelUri: IRIS, traffic: 10, secretToken: 'hunter2' })))).not.toContain('hunter2');
  });

  test('a factory\'s struct argument travels with the value to the construct that receives it', () => {
    const unit = PredictiveUnit.prepackaged(js({ name: 'sk', server: PrepackagedServer.SKLEARN, modelUri: IRIS, modelURI: IRIS }));
    expect(() => new SeldonDeployment(Testing.chart(), 'sdep', { predictors: [{ name: 'default', graph: unit }] }))
      .toThrow(/^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.prepackaged\(\) props\) has the key "modelURI", which PrepackagedUnitProps does not declare \(did you mean "modelUri"\?\)/);
  });

  test('the fast path agrees with the full check on the library\'s structs; valid props pass untouched', () => {
    const agree = (ref: string, value: unknown): boolean => {
      const fast = fastArgument(value, compile(ref), false, false);
      expect(fast === FAIL).toBe(_fullCheck(value, ref, false).problems.length > 0);
      return fast !== FAIL;
    };
    expect(agree('PrepackagedModelProps', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, replicas: 2 })).toBe(true);
    expect(agree('PrepackagedModelProps', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, replica: 2 })).toBe(false);
    expect(agree('PrepackagedModelProps', Object.assign(Object.create({ server: PrepackagedServer.SKLEARN }), { modelUri: IRIS, replica: 2 }))).toBe(false);
    expect(agree('PrepackagedModelProps', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, metadata: { name: 'm', generateName: 'm-' } })).toBe(true);
    expect(agree('PrepackagedModelProps', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, resources: { memory: { limits: 1 } } })).toBe(false);
    // a map's keys are the caller's: an env map takes any name
    expect(agree('PrepackagedModelProps', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, podLabels: { anything: 'x' } })).toBe(true);
  });

  test('declaredPart keeps the keys a narrower struct declares, for the library\'s own hand-overs', () => {
    expect(declaredPart({ query: 'q', serverAddress: 's', threshold: 1, maxReplicaCount: 3 }, 'PrometheusTriggerProps')).toEqual({ query: 'q', serverAddress: 's', threshold: 1 });
    expect(declaredPart(undefined, 'PrometheusTriggerProps')).toBeUndefined();
    expect(declaredPart({ a: 1 }, 'NoSuchStruct')).toEqual({ a: 1 });
  });
});
