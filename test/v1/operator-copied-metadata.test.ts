/**
 * What the v1 operator copies from a SeldonDeployment onto the objects it
 * makes, checked where the API server or the executor would fail on it:
 * annotation and label keys and values (createDeploymentWithoutEngine,
 * createPredictorService, v1.18.2), and the executor variables that
 * `seldon.io/engine-<name>` annotations and `engineEnv` become
 * (GetEngineEnvAnnotations, createEngineContainer).
 */
import { Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedModelProps, PrepackagedServer, SeldonDeployment } from '../../src';

const URI = ModelUri.gcs('seldon-models', 'sklearn/iris');
const model = (props: Partial<PrepackagedModelProps>) => () => new PrepackagedModel(Testing.chart(), 'm', { server: PrepackagedServer.SKLEARN, modelUri: URI, ...props });

describe('metadata the operator copies onto its Deployments, pods and Services', () => {
  test('spec.annotations keys that are no qualified names are refused', () => {
    expect(model({ annotations: { 'bad key': 'v' } })).toThrow(/annotations\["bad key"\] key "bad key" is not a qualified name; a key such as "team"/);
    expect(model({ annotations: { 'example.com/a/b': 'v' } })).toThrow(/annotations\["example.com\/a\/b"\] key "example.com\/a\/b" is not a qualified name/);
    expect(model({ annotations: { 'example.com/team': 'a b', 'team': '' } })).not.toThrow();
    // The API server checks annotation keys lower-cased (ValidateAnnotations): an upper-case prefix is fine there, not in a label key.
    expect(model({ annotations: { 'Example.com/Team': 'x' }, podAnnotations: { 'Example.com/Team': 'x' } })).not.toThrow();
    expect(model({ podLabels: { 'Example.com/team': 'x' } })).toThrow(/podLabels\["Example.com\/team"\] key "Example.com\/team" is not a qualified name/);
  });

  test('a predictor\'s labels (keys and values) and annotations (keys) are checked as the API server checks them', () => {
    const sdep = (predictor: object) => () => new SeldonDeployment(Testing.chart(), 'sd', {
      predictors: [{ name: 'p', graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: URI }), ...predictor }],
    });
    expect(sdep({ labels: { 'bad key': 'v' } })).toThrow(/predictors\[0\]\.labels\["bad key"\] key "bad key" is not a qualified name/);
    expect(sdep({ labels: { team: 'has space' } })).toThrow(/predictors\[0\]\.labels\["team"\] value "has space" is not a label value/);
    expect(sdep({ labels: { team: 'x'.repeat(64) } })).toThrow(/predictors\[0\]\.labels\["team"\] value "x{64}" is not a label value/);
    expect(sdep({ annotations: { 'x y': '1' } })).toThrow(/predictors\[0\]\.annotations\["x y"\] key "x y" is not a qualified name/);
    expect(sdep({ labels: { team: 'ml' }, annotations: { 'example.com/note': 'any text at all' } })).not.toThrow();
  });

  test('seldon.io/engine-<name> annotations become executor variables: a name that is none, or one the operator sets, is refused', () => {
    expect(model({ annotations: { 'seldon.io/engine-1bad': 'x' } }))
      .toThrow(/annotations\["seldon.io\/engine-1bad"\] becomes the executor variable "1BAD", which is not an environment variable name/);
    expect(model({ annotations: { 'seldon.io/engine-engine-predictor': 'e30=' } }))
      .toThrow(/annotations\["seldon.io\/engine-engine-predictor"\] becomes the executor variable ENGINE_PREDICTOR, which is set by the operator on the executor/);
    expect(model({ annotations: { 'seldon.io/engine-log-level': 'DEBUG' } })).not.toThrow();
  });

  test('engineEnv may not set what the operator sets on the executor', () => {
    expect(model({ engineEnv: { ENGINE_PREDICTOR: EnvValue.fromValue('e30=') } }))
      .toThrow(/engineEnv\["ENGINE_PREDICTOR"\] is set by the operator on the executor .*Kubernetes keeps, so the executor would run another graph/);
    // The logger's default URL is a default: a later value overrides it on purpose.
    expect(model({ engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue('http://logger') } })).not.toThrow();
    expect(model({ engineEnv: { LOG_LEVEL: EnvValue.fromValue('DEBUG') } })).not.toThrow();
  });
});
