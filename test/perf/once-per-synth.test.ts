/**
 * cdk8s runs every validation in each of its (charts + 1) passes of a synth.
 * SeldonDeployment's rules over its own predictors (the webhook's
 * cross-predictor rules, the production-settings rules) run once per change
 * of the construct instead, and the checks that read other objects (an
 * RcloneSecret's remotes, namespaces) still run in every pass. These tests
 * count the runs and make sure each mutating path is seen by the next synth.
 */
import { Chart } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import { twoCharts } from './two-charts';
import {
  DisruptionBudget, ExplainerType, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment,
} from '../../src';
import * as ownRules from '../../src/v1/own-rules';

const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', name) });

describe('SeldonDeployment checks its own predictors once per change, not once per validation pass', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => { spy = jest.spyOn(ownRules, 'ownRuleProblems'); });
  afterEach(() => spy.mockRestore());

  test('one run for the three validation passes of a two-chart synth; none for an unchanged second synth', () => {
    const { app, first, second } = twoCharts();
    new PrepackagedModel(first, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') });
    new PrepackagedModel(second, 'wine', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'wine') });
    const yaml = app.synthYaml();
    expect(yaml).toContain('kind: SeldonDeployment');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(app.synthYaml()).toBe(yaml);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  test('addPredictor() between two synths is seen: traffic no longer adds up', () => {
    const { app, first } = twoCharts();
    const sd = new SeldonDeployment(first, 'sd', { predictors: [{ name: 'main', graph: sklearn('a') }] });
    app.synthYaml();
    sd.addPredictor({ name: 'other', graph: sklearn('b') });
    expect(() => app.synthYaml()).toThrow(/SeldonDeployment 'first\/sd': predictors\[\]\.traffic add up to 0 over main=0, other=0/);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  test('an empty SeldonDeployment is reported in every synth until a predictor is added', () => {
    const { app, first } = twoCharts();
    const sd = new SeldonDeployment(first, 'sd');
    expect(() => app.synthYaml()).toThrow(/predictors is empty \("Graph contains no predictors"\)/);
    expect(() => app.synthYaml()).toThrow(/predictors is empty/);
    sd.addPredictor({ name: 'main', graph: sklearn('a') });
    expect(app.synthYaml()).toContain('name: main');
  });

  test('withShadow() between two synths is seen: a second shadow', () => {
    const { app, first } = twoCharts();
    const model = new PrepackagedModel(first, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'v1') })
      .withShadow({ modelUri: ModelUri.gcs('m', 'v2') });
    app.synthYaml();
    model.withShadow({ modelUri: ModelUri.gcs('m', 'v3'), predictorName: 'shadow-2' });
    expect(() => app.synthYaml()).toThrow(/PrepackagedModel 'first\/iris': predictors have 2 shadows \("Multiple shadows are not allowed"\)/);
  });

  test('withCanary() between two synths is seen: a second disruption budget', () => {
    const { app, first } = twoCharts();
    const model = new PrepackagedModel(first, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'v1'), replicas: 3, disruptionBudget: DisruptionBudget.maxUnavailable(1),
    });
    app.synthYaml();
    model.withCanary({ modelUri: ModelUri.gcs('m', 'v2'), traffic: 10, disruptionBudget: DisruptionBudget.maxUnavailable(1) });
    expect(() => app.synthYaml()).toThrow(/PrepackagedModel 'first\/iris': predictors\[1\]\.disruptionBudget is set on predictors default and canary/);
  });

  test('withExplainer() between two synths is seen: the explainer\'s pod makes a budget satisfiable', () => {
    const { app, first } = twoCharts();
    const model = new PrepackagedModel(first, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'v1'), disruptionBudget: DisruptionBudget.minAvailable(1),
    });
    expect(() => app.synthYaml()).toThrow(/disruptionBudget requires minAvailable 1 of at most 1 pod of the SeldonDeployment/);
    model.withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.gcs('m', 'explainer') });
    expect(app.synthYaml()).toContain('explainer:');
  });
});

describe('checks that read other objects still run in every synth', () => {
  test('a remote added to the credentials after a failed synth is seen', () => {
    const { app, first } = twoCharts();
    const creds = new RcloneSecret(first, 'creds', { remotes: [RcloneRemote.s3({ envAuth: true })] });
    new PrepackagedModel(first, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('minio://models/iris'), credentials: creds });
    expect(() => app.synthYaml()).toThrow(/modelUri "minio:\/\/models\/iris" names rclone remote "minio", which credentials RcloneSecret 'first\/creds' does not define/);
    creds.addRemote(RcloneRemote.minio({ name: 'minio', endpoint: 'http://minio:9000', accessKeyId: 'key', secretAccessKey: 'secret' }));
    expect(app.synthYaml()).toContain('envSecretRefName:');
  });

  test('a Secret of another namespace is reported with the field of the node that names it', () => {
    const { app, first } = twoCharts();
    const other = new Chart(app, 'other', { namespace: 'elsewhere' });
    const secret = new Secret(other, 'creds');
    new PrepackagedModel(first, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: secret });
    expect(() => app.synthYaml()).toThrow(/PrepackagedModel 'first\/iris': credentials is Secret '[^']+' \("[^"]+"\) in namespace "elsewhere", but the pod using it runs in namespace "models"/);
  });

  test('the predictors handed out are copies: changing one after a synth changes neither the output nor a cached verdict', () => {
    const { app, second } = twoCharts();
    const sd = new SeldonDeployment(second, 'sd', {
      predictors: [{ name: 'a', graph: sklearn('a'), traffic: 60 }, { name: 'b', graph: sklearn('b'), traffic: 40 }],
    });
    const before = app.synthYaml();
    (sd.predictors[0] as { traffic?: number }).traffic = 10;
    expect(sd.predictors[0].traffic).toBe(60);
    expect(app.synthYaml()).toBe(before);
  });
});
