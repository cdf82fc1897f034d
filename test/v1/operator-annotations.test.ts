/** Where the v1.18.2 operator reads its annotations, and the values it parses (src/v1/operator-annotations.ts; review 17 v1, D4 and D5). */
import { Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedModelProps, PrepackagedServer, SeldonDeployment } from '../../src';
import { previewObjects } from '../../src/preview';
import { PredictiveUnit } from '../../src/v1/predictive-unit';

const IRIS = ModelUri.gcs('seldon-models', 'v1.18.2/sklearn/iris');
const model = (props: Partial<PrepackagedModelProps> = {}) => () => new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props });

describe('a key at a level the operator does not read is refused', () => {
  test('no-engine and svc-name on the SeldonDeployment (read from a predictor only)', () => {
    expect(model({ annotations: { 'seldon.io/no-engine': 'true' } })).toThrow(
      'annotations["seldon.io/no-engine"] is read by the operator only from a predictor\'s annotations, so here it does nothing; '
      + 'the predictor\'s annotations (a predictor\'s `annotations`; PrepackagedModel: `predictorAnnotations`)');
    expect(model({ metadata: { annotations: { 'seldon.io/svc-name': 'iris' } } })).toThrow(
      'metadata.annotations["seldon.io/svc-name"] is read by the operator only from a predictor\'s annotations');
  });

  test('PrepackagedModel.predictorAnnotations reach the predictor, where the operator reads them', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, predictorAnnotations: { 'seldon.io/svc-name': 'iris-svc', 'seldon.io/no-engine': 'true' } });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[0].annotations).toEqual({ 'seldon.io/svc-name': 'iris-svc', 'seldon.io/no-engine': 'true' });
    expect(sdep.spec.annotations).toBeUndefined();
    const preview = previewObjects([sdep]);
    expect(preview.objects.filter((o: any) => o.kind === 'Service').map((o: any) => o.metadata.name)).toContain('iris-svc');
    expect(JSON.stringify(preview.objects)).not.toContain('seldon-container-engine');
  });

  test('on PrepackagedModel, a predictor annotation is named after predictorAnnotations, not the deployment\'s annotations', () => {
    expect(model({ predictorAnnotations: { 'seldon.io/engine-separate-pod': 'true' } })).toThrow(
      "PrepackagedModel 'test/iris': predictorAnnotations[\"seldon.io/engine-separate-pod\"] is read by the operator only from the SeldonDeployment's spec.annotations");
  });

  test('keys read from the SeldonDeployment only, on a predictor', () => {
    const sdep = (annotations: Record<string, string>) => () => new SeldonDeployment(Testing.chart(), 'sd', {
      predictors: [{ name: 'p', annotations, graph: PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: IRIS }) }],
    });
    expect(sdep({ 'seldon.io/engine-separate-pod': 'true' })).toThrow(
      'predictors[0].annotations["seldon.io/engine-separate-pod"] is read by the operator only from the SeldonDeployment\'s spec.annotations, so on a predictor it does nothing; '
      + 'the separateEnginePod prop of the SeldonDeployment');
    expect(sdep({ 'seldon.io/engine-log-level': 'DEBUG' })).toThrow(
      'predictors[0].annotations["seldon.io/engine-log-level"] is read by the operator only from the SeldonDeployment\'s spec.annotations (there it becomes the executor '
      + 'variable LOG_LEVEL), so on a predictor it does nothing; the SeldonDeployment\'s annotations (all its predictors)');
    for (const key of ['seldon.io/headless-svc', 'seldon.io/istio-retries', 'seldon.io/ambassador-id', 'seldon.io/no-storage-initializer']) {
      expect(sdep({ [key]: 'true' })).toThrow(`predictors[0].annotations[${JSON.stringify(key)}] is read by the operator only from the SeldonDeployment's`);
    }
    // the executor reads these three from its pod, which the predictor's annotations reach; other keys are the user's own
    expect(sdep({ 'seldon.io/rest-timeout': '5000', 'seldon.io/grpc-timeout': '5000', 'seldon.io/grpc-max-message-size': '1000', 'seldon.io/svc-name': 'x', 'team.io/owner': 'ml' })).not.toThrow();
  });
});

describe('values the operator parses', () => {
  test('Istio and Ambassador numbers are parsed with strconv.Atoi, from spec.annotations and then metadata.annotations', () => {
    expect(model({ annotations: { 'seldon.io/istio-retries': '3', 'seldon.io/istio-retries-timeout': '1s' } })).toThrow(
      'annotations["seldon.io/istio-retries-timeout"] "1s" is not a whole number: the operator parses it with strconv.Atoi and, with Istio enabled, '
      + 'fails every reconcile of the SeldonDeployment on anything else (createIstioResources); a whole number, e.g. "3"');
    // the timeout is parsed only beside a non-empty istio-retries (review 17 diff, L1)
    expect(model({ annotations: { 'seldon.io/istio-retries-timeout': '2s' } })).not.toThrow();
    expect(model({ annotations: { 'seldon.io/istio-retries': '', 'seldon.io/istio-retries-timeout': '' } })).not.toThrow();
    expect(model({ annotations: { 'seldon.io/ambassador-retries': 'x' } })).toThrow('with Ambassador enabled, fails every reconcile of the SeldonDeployment on anything else (ambassador/v1.go, v2.go)');
    expect(model({ metadata: { annotations: { 'seldon.io/ambassador-circuit-breakers-max-connections': '1k' } } })).toThrow(
      'metadata.annotations["seldon.io/ambassador-circuit-breakers-max-connections"] "1k" is not a whole number');
    expect(model({ annotations: { 'seldon.io/ambassador-retries': '' } })).toThrow('annotations["seldon.io/ambassador-retries"] "" is not a whole number');
    // spec.annotations hides metadata's value from GetAnnotation; "" leaves Istio's retries and the circuit breakers unset
    expect(model({
      annotations: { 'seldon.io/ambassador-retries': '2', 'seldon.io/istio-retries': '', 'seldon.io/ambassador-circuit-breakers-max-retries': '' },
      metadata: { annotations: { 'seldon.io/ambassador-retries': 'x' } },
    })).not.toThrow();
    expect(model({ annotations: { 'seldon.io/istio-retries': '+3', 'seldon.io/istio-retries-timeout': '007' } })).not.toThrow();
  });

  test('headless-svc: a value that reads as "no" but is not exactly "false" is refused, as it makes the Services headless', () => {
    expect(model({ annotations: { 'seldon.io/headless-svc': 'False' } })).toThrow(
      'annotations["seldon.io/headless-svc"] "False" makes the predictors\' Services headless: the operator gives them clusterIP None for any value but exactly "false" '
      + '(seldondeployment_controller.go); "false" for Services with a cluster IP, "true" for headless ones');
    for (const no of ['', 'no', 'OFF', '0']) expect(model({ annotations: { 'seldon.io/headless-svc': no } })).toThrow('makes the predictors\' Services headless');
    // any other value is headless, as it reads (review 17 diff, L1)
    for (const yes of ['true', 'True', 'yes', '1']) expect(model({ annotations: { 'seldon.io/headless-svc': yes } })).not.toThrow();
    expect(model({ metadata: { annotations: { 'seldon.io/headless-svc': 'false' } } })).not.toThrow();
  });
});
