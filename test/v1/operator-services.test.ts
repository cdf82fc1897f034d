/**
 * The Services the v1 operator makes for each predictor, graph node and explainer are plain concatenations
 * of names (types.go GetPredictorKey, GetContainerServiceName, GetExplainerDeploymentName, v1.18.2): the
 * app-wide name check counts them, so two that meet (in one SeldonDeployment or across the namespace, or with a
 * Service of the app) are refused at synth (src/v1/operator-services.ts, src/k8s/made-objects.ts).
 */
import { App, ApiObject, Chart, JsonPatch } from 'cdk8s';
import { ExplainerType, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';
import { madeObjectsOf } from '../../src/k8s/made-objects';

const URI = ModelUri.gcs('seldon-models', 'sklearn/iris');
const node = (name: string, children: PredictiveUnit[] = []) =>
  PredictiveUnit.component({ name, unitType: children.length ? PredictiveUnitType.TRANSFORMER : PredictiveUnitType.MODEL, image: 'example.com/m:1', children });
const app = () => {
  const a = new App({ outdir: '/nonexistent' });
  return { app: a, chart: new Chart(a, 'c', { namespace: 'ns' }) };
};

describe('Services the v1 operator makes', () => {
  test('a node named like a predictor\'s explainer Service, and a node whose Service is another predictor\'s, in one SeldonDeployment', () => {
    const one = app();
    new SeldonDeployment(one.chart, 'sd', { metadata: { name: 'sd' }, predictors: [{ name: 'p', graph: node('explainer'), explainer: { explainerType: ExplainerType.ANCHOR_TABULAR } }] });
    expect(() => one.app.synthYaml()).toThrow(/SeldonDeployment 'c\/sd': metadata.name "sd" makes the Seldon operator create a Service named "sd-p-explainer" \(the explainer's Service of predictor "p"\), which is also the name of the Service the Seldon operator makes for SeldonDeployment 'c\/sd' \(the Service of node "explainer" of predictor "p"\) in namespace "ns"; the operator would replace the other Service with its own on every reconcile/);
    const two = app();
    new SeldonDeployment(two.chart, 'sd', {
      metadata: { name: 'sd' },
      predictors: [{ name: 'a', graph: node('b'), traffic: 50 }, { name: 'a-b', graph: node('m'), traffic: 50 }],
    });
    expect(() => two.app.synthYaml()).toThrow(/Service named "sd-a-b" \(the Service of predictor "a-b"\), which is also the name of the Service the Seldon operator makes for SeldonDeployment 'c\/sd' \(the Service of node "b" of predictor "a"\)/);
  });

  test('two SeldonDeployments of one namespace whose names join to the same Service names, and a seldon.io/svc-name equal to another\'s Service', () => {
    const { app: a, chart } = app();
    new SeldonDeployment(chart, 'sd1', { metadata: { name: 'x' }, predictors: [{ name: 'y-z', graph: node('m') }] });
    new SeldonDeployment(chart, 'sd2', { metadata: { name: 'x-y' }, predictors: [{ name: 'z', graph: node('m') }] });
    expect(() => a.synthYaml()).toThrow(new RegExp('SeldonDeployment \'c/sd2\': metadata.name "x-y" makes the Seldon operator create a Service named "x-y-z" .*'
      + 'SeldonDeployment \'c/sd1\' \\(the Service of predictor "y-z"\\)[^]*Service named "x-y-z-m" \\(the Service of node "m" of predictor "z"\\)'));
    const other = app();
    new PrepackagedModel(other.chart, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: URI });
    new SeldonDeployment(other.chart, 'sd', { metadata: { name: 'other' }, predictors: [{ name: 'p', graph: node('m'), annotations: { 'seldon.io/svc-name': 'iris-default' } }] });
    expect(() => other.app.synthYaml()).toThrow(/SeldonDeployment 'c\/sd': metadata.name "other" makes the Seldon operator create a Service named "iris-default" \(the Service of predictor "p"\), which is also the name of the Service the Seldon operator makes for PrepackagedModel 'c\/iris' \(the Service of predictor "default"\).*; a name unique among the Service objects of its namespace \(another name for the SeldonDeployment, the predictor or the node, or another seldon.io\/svc-name\)/);
  });

  test('a Service of the app with the name of one the operator makes; other namespaces and builtIn nodes make none that meet', () => {
    const { app: a, chart } = app();
    new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'iris-default' } });
    new PrepackagedModel(chart, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: URI });
    expect(() => a.synthYaml()).toThrow(/PrepackagedModel 'c\/iris': metadata.name "iris" makes the Seldon operator create a Service named "iris-default" \(the Service of predictor "default"\), which is also the name of Service 'c\/svc'/);
    const fine = app();
    new SeldonDeployment(fine.chart, 'sd1', { metadata: { name: 'x' }, predictors: [{ name: 'y-z', graph: node('m') }] });
    new SeldonDeployment(new Chart(fine.app, 'elsewhere', { namespace: 'other' }), 'sd2', { metadata: { name: 'x-y' }, predictors: [{ name: 'z', graph: node('m') }] });
    expect(() => fine.app.synthYaml()).not.toThrow();
  });

  test('Deployments too: container names joined with "-" can give two pods of one deployment, or of two, one Deployment name', () => {
    const one = app();
    new SeldonDeployment(one.chart, 'sd', {
      metadata: { name: 'a' },
      predictors: [{ name: 'b', graph: node('x-0-y'), traffic: 50 }, { name: 'b-0-x', graph: node('y'), traffic: 50 }],
    });
    expect(() => one.app.synthYaml()).toThrow(/metadata.name "a" makes the Seldon operator create a Deployment named "a-b-0-x-0-y" \(a Deployment of its pods\), which is also the name of the Deployment the Seldon operator makes for SeldonDeployment 'c\/sd' .*the operator would replace the other Deployment with its own on every reconcile/);
    const two = app();
    new SeldonDeployment(two.chart, 'sd1', { metadata: { name: 'a' }, predictors: [{ name: 'b', graph: node('x-0-y') }] });
    new SeldonDeployment(two.chart, 'sd2', { metadata: { name: 'a-b' }, predictors: [{ name: '0-x', graph: node('y') }] });
    expect(() => two.app.synthYaml()).toThrow(/SeldonDeployment 'c\/sd2': metadata.name "a-b" makes the Seldon operator create a Deployment named "a-b-0-x-0-y"/);
  });

  test('a deployment a JSON patch has reshaped is listed without a crash: its Deployments are then unknown (the API server judges the object)', () => {
    const { app: a, chart } = app();
    const patched = new SeldonDeployment(chart, 'sd1', { metadata: { name: 'a' }, predictors: [{ name: 'b', graph: node('m') }] });
    ApiObject.of(patched).addJsonPatch(JsonPatch.replace('/spec/predictors', 5));
    new SeldonDeployment(chart, 'sd2', { metadata: { name: 'a-x' }, predictors: [{ name: 'p', graph: node('m') }] });
    expect(() => a.synthYaml()).not.toThrow();
  });

  test('a model with a canary and a shadow lists nothing: their names cannot meet', () => {
    const { app: a, chart } = app();
    const iris = new PrepackagedModel(chart, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: URI })
      .withCanary({ modelUri: URI, traffic: 10 }).withShadow({ modelUri: URI });
    new PrepackagedModel(chart, 'wine', { metadata: { name: 'wine' }, server: PrepackagedServer.SKLEARN, modelUri: URI }).withCanary({ modelUri: URI, traffic: 10 });
    expect(() => a.synthYaml()).not.toThrow();
    // Its names all start with "iris-" and no two of its predictors can meet: the check lists them only for a neighbour's prefix.
    expect(madeObjectsOf(iris.apiObject)).toMatchObject({ prefix: 'iris', unprefixed: false });
    const named = new SeldonDeployment(chart, 'named', {
      metadata: { name: 'named' }, predictors: [{ name: 'p', graph: node('m'), annotations: { 'seldon.io/svc-name': 'front' } }],
    });
    expect(madeObjectsOf(named.apiObject)).toMatchObject({ unprefixed: true });
    expect(madeObjectsOf(named.apiObject)!.all().map(m => `${m.kind}/${m.name}`)).toEqual(['Service/front', 'Service/named-p-m', 'Deployment/named-p-0-m']);
  });

  test('two SeldonDeployments of one name are reported once, not once more per Service they make', () => {
    const { app: a, chart } = app();
    new PrepackagedModel(chart, 'a', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: URI });
    new PrepackagedModel(chart, 'b', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: URI });
    let message = '';
    try {
      a.synthYaml();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/PrepackagedModel 'c\/b': metadata.name "iris" is also the name of the SeldonDeployment of PrepackagedModel 'c\/a'/);
    expect(message).not.toMatch(/makes the Seldon operator create/);
  });
});
