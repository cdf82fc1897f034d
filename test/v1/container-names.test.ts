import { Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { BuiltInImplementation, ExplainerType, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const tensorflow = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.TENSORFLOW, modelUri: IRIS });
const transformer = (name: string, children: PredictiveUnit[]) =>
  PredictiveUnit.component({ name, image: 'example.com/transformer:1', unitType: PredictiveUnitType.TRANSFORMER, children });
const deploy = (graph: PredictiveUnit) => () => new SeldonDeployment(Testing.chart(), 'd', { predictors: [{ name: 'p', graph }] });

// Names the v1 operator gives containers of a predictor's pod (SELDON-FACTS §1.6, §1.9, §1.11; src/v1/container-names.ts).
describe('container names the v1 operator adds to a predictor\'s pod', () => {
  test('engine.go: no node may be named seldon-container-engine', () => {
    expect(deploy(sklearn('seldon-container-engine'))).toThrow(
      /^SeldonDeployment 'test\/d': predictors\[0\]\.graph\.name "seldon-container-engine" is the name of the executor container the operator adds \(engine.go\); a node name/);
  });

  test('prepackaged_servers.go: no node may be named tfserving in a pod with a TENSORFLOW_SERVER node', () => {
    expect(deploy(tensorflow('tfserving'))).toThrow(/graph\.name "tfserving" is the name of the TensorFlow Serving container the operator adds beside a TENSORFLOW_SERVER node/);
    expect(deploy(transformer('tfserving', [tensorflow('classifier')]))).toThrow(/graph\.name "tfserving" is the name of the TensorFlow Serving container/);
    // Without a TENSORFLOW_SERVER node, the name is free.
    expect(deploy(transformer('tfserving', [sklearn('classifier')]))).not.toThrow();
  });

  test('initializer.go: a 62- or 63-character node name cuts its initializer\'s name onto its own', () => {
    expect(deploy(sklearn('a'.repeat(63)))).toThrow(/graph\.name "a{63}" gives the storage initializer of container "a{63}" the name "a{63}" \(.* cut to 63 characters, initializer.go\), which is also the name of node "a{63}"'s container/);
    expect(deploy(sklearn(`${'a'.repeat(61)}b`))).toThrow(/gives the storage initializer of container "a{61}b" the name "a{61}b"/);
    // Since node names stop at 48 characters (the label key seldon-app-svc-<name>), the rule shows beside that one.
    expect(deploy(sklearn('a'.repeat(61)))).toThrow(/graph\.name "a{61}" is not a valid name .*a DNS-1123 label of at most 48 characters/);
    expect(deploy(sklearn('a'.repeat(61)))).not.toThrow(/gives the storage initializer/);
  });

  test('controller.go: a node that runs a container has at most 48 characters, for the label key seldon-app-svc-<name>', () => {
    expect(deploy(sklearn('a'.repeat(48)))).not.toThrow();
    expect(deploy(sklearn('a'.repeat(49)))).toThrow(/graph\.name "a{49}" is not a valid name \(it is the server container name\); .*seldon-app-svc-<name>, whose name part is at most 63 characters/);
    expect(deploy(transformer('t'.repeat(49), [sklearn('iris')]))).toThrow(/graph\.name "t{49}" is not a valid name/);
    // A built-in node runs no container: no label is derived from its name.
    const router = PredictiveUnit.builtIn({ name: 'r'.repeat(60), implementation: BuiltInImplementation.RANDOM_ABTEST, children: [sklearn('a'), sklearn('b')] });
    expect(deploy(router)).not.toThrow(/is not a valid name/);
  });

  test('initializer.go: an initializer named like another node\'s container', () => {
    expect(deploy(transformer('iris-model-initializer', [sklearn('iris')]))).toThrow(
      /graph\.children\[0\]\.name "iris" gives the storage initializer of container "iris" the name "iris-model-initializer" .* which is also the name of node "iris-model-initializer"'s container/);
  });
});

describe('the explainer\'s pod', () => {
  const explained = (name: string, env?: object) => () => new PrepackagedModel(Testing.chart(), 'm', { metadata: { name }, server: PrepackagedServer.SKLEARN, modelUri: IRIS })
    .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.gcs('seldon-models', 'explainers/iris'), env: env as never });

  test('model_initializer_injector.go: an explainer container of 62 or 63 characters gets an initializer of its own name', () => {
    // <name>-default-explainer: 44 characters of name make 62, 45 make 63.
    for (const length of [44, 45]) {
      expect(explained('a'.repeat(length))).toThrow(new RegExp(`explainer\\.modelUri makes the operator add a storage initializer to the explainer's container "a{${length}}-default-explainer" `
        + `\\(${length + 18} characters\\), .*the container's own name, which Kubernetes refuses in one pod \\(model_initializer_injector\\.go\\); `
        + 'a SeldonDeployment and predictor name that make "<deployment>-<predictor>-explainer" at most 61 characters'));
    }
    // 61 characters keep "-m" of the suffix; past 63 the operator hashes the name.
    expect(explained('a'.repeat(43))).not.toThrow();
    expect(explained('a'.repeat(46))).not.toThrow();
    // Without a modelUri there is no initializer.
    expect(() => new PrepackagedModel(Testing.chart(), 'm', { metadata: { name: 'a'.repeat(44) }, server: PrepackagedServer.SKLEARN, modelUri: IRIS })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR })).not.toThrow();
  });

  test('explainers.go copies the explainer\'s env into its container: names are checked, and a URL with user info is refused unshown', () => {
    expect(explained('iris', { '': EnvValue.fromValue('a'), 'a=b': EnvValue.fromValue('b'), 'OK': EnvValue.fromValue('https://user:hunter2@example.com/x') })).toThrow(
      /explainer\.env\[""\] is not a valid environment variable name[^]*explainer\.env\["a=b"\] is not a valid environment variable name[^]*explainer\.env\["OK"\] holds a URL with user info \(not shown/);
    const message = ((): string => {
      try {
        explained('iris', { OK: EnvValue.fromValue('https://user:hunter2@example.com/x') })();
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/holds a URL with user info/);
    expect(message).not.toContain('hunter2');
    expect(explained('iris', { LOG_LEVEL: EnvValue.fromValue('DEBUG') })).not.toThrow();
  });
});
