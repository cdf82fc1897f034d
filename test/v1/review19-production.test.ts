import { Duration, Testing } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-27';
import {
  Autoscaler, BuiltInImplementation, DisruptionBudget, EndpointType, ExplainerProps, ExplainerType, ModelParameter, ModelUri, PredictiveUnit,
  PredictiveUnitType, PredictorProps, PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonProtocol, Transport,
} from '../../src';
import { previewSeldonDeployment } from '../../src/preview';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const component = (name: string) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'me/m:1', resources: { cpu: { request: Cpu.millis(250) } } });
const abTest = () => PredictiveUnit.builtIn({
  name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters: [ModelParameter.floatValue('ratioA', 0.5)], children: [sklearn('a'), sklearn('b')],
});

function build(predictor: Omit<PredictorProps, 'name'>, separateEnginePod?: boolean) {
  const chart = Testing.chart();
  new SeldonDeployment(chart, 'g', { separateEnginePod, predictors: [{ name: 'default', ...predictor } as PredictorProps] });
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment')!;
}

// seldondeployment_controller.go@v1.18.2 createComponents: with ssl.certSecretName, GetSeldonPodSpecForPredictiveUnit(&p,
// p.Graph.Name) finds no pod spec for a root without a container, and GetDeploymentName(mlDep, p, nil, 0) reads
// podSpec.Spec.Containers: a nil pointer panic that controller-runtime 0.16.3 (no RecoverPanic) does not recover.
describe('an ssl certificate on a predictor whose graph root is built in', () => {
  test('is refused: the operator would panic', () => {
    const chart = Testing.chart();
    expect(() => new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', sslCertificate: Secret.fromSecretName(chart, 'tls', 'my-tls'), graph: abTest() }],
    })).toThrow(/predictors\[0\]\.sslCertificate would crash the operator: the graph's root "ab" is a built-in implementation.*; a graph whose root runs a container/);
  });

  test('a root that runs a container keeps it', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'g', { predictors: [{ name: 'default', sslCertificate: Secret.fromSecretName(chart, 'tls', 'my-tls'), graph: sklearn('m') }] });
    expect(Testing.synth(chart)[0].spec.predictors[0].ssl).toEqual({ certSecretName: 'my-tls' });
  });

  test('the preview reports the panic', () => {
    const sdep = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'g', namespace: 'models' },
      spec: {
        predictors: [{
          name: 'default',
          ssl: { certSecretName: 'my-tls' },
          graph: {
            name: 'ab',
            implementation: 'RANDOM_ABTEST',
            children: [
              { name: 'a', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/sklearn/iris' },
            ],
          },
        }],
      },
    };
    expect(previewSeldonDeployment(sdep).problems).toEqual([expect.stringMatching(/nil pointer dereference.*ssl\.certSecretName/)]);
  });
});

// seldondeployment_controller.go@v1.18.2 createComponents skips a componentSpec without containers ("if no container spec
// then nothing to create at this point"): no Deployment, so no HPA, ScaledObject or PDB for it either.
describe('a predictor whose own pod keeps no container', () => {
  const everyNodeSeparate = { graph: component('model'), separatePods: [{ nodes: ['model'], replicas: 2 }] };

  test.each([
    ['an autoscaler', { autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) }, 'autoscaler'],
    ['a disruption budget', { disruptionBudget: DisruptionBudget.maxUnavailable(1) }, 'disruptionBudget'],
    ['a grace period', { terminationGracePeriod: Duration.seconds(30) }, 'terminationGracePeriod'],
  ])('with a separate executor pod, %s on it is refused', (_, extra, lost) => {
    expect(() => build({ ...everyNodeSeparate, ...extra }, true))
      .toThrow(new RegExp(`predictors\\[0\\]\\.separatePods take every node that runs a container, so the predictor's own pod \\(componentSpecs\\[0\\]\\) has none.*its ${lost} would be lost`));
  });

  test('without a node that runs a container at all, the graph is named', () => {
    const graph = PredictiveUnit.builtIn({ name: 'm', implementation: BuiltInImplementation.SIMPLE_MODEL });
    expect(() => build({ graph, disruptionBudget: DisruptionBudget.maxUnavailable(1) }, true))
      .toThrow(/predictors\[0\]\.graph has no node that runs a container, so the predictor's own pod .*its disruptionBudget would be lost/);
  });

  // An empty list or map sets nothing on componentSpecs[0], so nothing is lost (e.g. imagePullSecrets: secrets, with none).
  test.each([
    ['imagePullSecrets', { imagePullSecrets: [] }],
    ['volumes', { volumes: [] }],
    ['podLabels', { podLabels: {} }],
    ['podAnnotations', { podAnnotations: {} }],
  ])('an empty %s is accepted', (_, extra) => {
    const sdep = build({ ...everyNodeSeparate, ...extra }, true);
    expect(sdep.spec.predictors[0].componentSpecs[1].spec.containers[0].name).toBe('model');
  });

  test('the settings on the separate pod, or one node left in the predictor\'s pod, are accepted', () => {
    const scaler = Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 });
    const onPod = build({ graph: component('model'), separatePods: [{ nodes: ['model'], autoscaler: scaler }] }, true);
    expect(onPod.spec.predictors[0].componentSpecs[1].hpaSpec).toEqual(expect.objectContaining({ maxReplicas: 3 }));
    const graph = PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/t:1', resources: { cpu: { request: Cpu.millis(250) } }, children: [component('model')] });
    const left = build({ graph, autoscaler: scaler, separatePods: [{ nodes: ['model'], replicas: 2 }] }, true);
    expect(left.spec.predictors[0].componentSpecs[0].hpaSpec).toEqual(expect.objectContaining({ maxReplicas: 3 }));
  });
});

// components/alibi-explain-server/alibiexplainer/parser.py@v1.18.2 (the image seldonio/alibiexplainer the operator runs
// under the seldon and tensorflow protocols): the type is an argparse sub-command, --protocol has the choices of
// utils.py Protocol, and config's --key=value are read with parse_known_args.
describe('an explainer on the operator\'s Alibi explainer image', () => {
  const explain = (protocol: SeldonProtocol | undefined, ex: Partial<ExplainerProps>, transport?: Transport) => () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'income', { server: protocol === SeldonProtocol.TENSORFLOW ? PrepackagedServer.TENSORFLOW : PrepackagedServer.SKLEARN, protocol, transport, modelUri: IRIS })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, ...ex });
    return Testing.synth(chart)[0].spec.predictors[0].explainer;
  };

  test.each([ExplainerType.COUNTERFACTUALS, ExplainerType.CONTRASTIVE])('%s, a command the image lacks, is refused', type => {
    expect(explain(undefined, { explainerType: type })).toThrow(new RegExp(`explainer\\.explainerType "${type}" would make the explainer exit at start: under the seldon protocol`));
    expect(explain(SeldonProtocol.TENSORFLOW, { explainerType: type })).toThrow(/would make the explainer exit at start: under the tensorflow protocol/);
    // An image of one's own, or MLServer's runtime under v2, decides for itself.
    expect(explain(undefined, { explainerType: type, image: 'me/explainer:1' })).not.toThrow();
    expect(explain(SeldonProtocol.V2, { explainerType: type })).not.toThrow();
  });

  // A JavaScript caller's explainerType is any string, including a name Object.prototype holds.
  test('an explainer type named like an Object method is reported as no explainer type, not a TypeError', () => {
    for (const type of ['toString', 'constructor', '__proto__']) {
      expect(explain(undefined, { explainerType: type as ExplainerType, config: { threshold: '0.9' } }))
        .toThrow(new RegExp(`explainer\\.explainerType "${type}" is not an explainer type; accepted: AnchorTabular`));
    }
  });

  test('gRPC to the predictor under the tensorflow protocol is refused: there is no tensorflow.grpc', () => {
    expect(explain(SeldonProtocol.TENSORFLOW, { endpointType: EndpointType.GRPC }))
      .toThrow(/explainer\.endpointType would make the explainer exit at start: with endpointType GRPC under the tensorflow protocol the operator passes --protocol=tensorflow\.grpc/);
    expect(explain(SeldonProtocol.TENSORFLOW, {}, Transport.GRPC)).toThrow(/transport would make the explainer exit at start: with the deployment's grpc transport/);
    expect(explain(undefined, { endpointType: EndpointType.GRPC })).not.toThrow();
    expect(explain(SeldonProtocol.TENSORFLOW, {})).not.toThrow();
  });

  test('a config key the type does not declare is refused; a declared one, or a unique prefix of one, is kept', () => {
    expect(explain(undefined, { config: { seed: '1' } }))
      .toThrow(/explainer\.config\["seed"\] would be dropped: .* reads the AnchorTabular options it declares and ignores any other --seed; accepted: threshold, delta/);
    expect(explain(undefined, { explainerType: ExplainerType.ALE, config: { threshold: '0.9' } })).toThrow(/no config for ALE/);
    expect(explain(undefined, { explainerType: ExplainerType.TREE_SHAP, config: { interactions: 'true', thresh: '0.9' } })()).toMatchObject({ config: { interactions: 'true', thresh: '0.9' } });
    // "max" begins max_anchor_size and max_samples_start: argparse refuses it as ambiguous.
    expect(explain(undefined, { config: { max: '3' } }))
      .toThrow(/config\["max"\] would make the explainer exit at start: argparse reads --max as an abbreviation of max_anchor_size, max_samples_start/);
  });

  // argparse gives every sub-command -h/--help (add_help): --help=x, or an abbreviation of it, is "ignored explicit argument".
  test('a config key that names --help, or begins it, is refused as an exit at start, not as dropped', () => {
    expect(explain(undefined, { explainerType: ExplainerType.ALE, config: { help: 'x' } }))
      .toThrow(/config\["help"\] would make the explainer exit at start: argparse reads --help as --help, which takes no value \(argparse: ignored explicit argument\); no config for ALE/);
    // "h" begins --help and --http_port of the top-level parser, which exits on it first
    expect(explain(undefined, { explainerType: ExplainerType.ALE, config: { h: '80' } }))
      .toThrow(/config\["h"\] would make the explainer exit at start: the image's top-level parser \(parser\.py parse_args\), which reads every argument, the sub-command's too, takes --h for an abbreviation of help, http_port and refuses it as ambiguous/);
  });

  // server.py parses the whole command line with server_parser (--http_port, --grpc_port, --max_buffer_size, --workers,
  // type=int) when imported, and parse_args' top-level parser classifies every argument before the sub-command's parser
  // reads its own: a key that abbreviates their options exits at start even where the sub-command declares it.
  test('a config key that abbreviates an option of the image\'s outer parsers is judged as they read it', () => {
    // "p" would be p_sample for AnchorImages, but the top-level parser reads it first: --predictor_host or --protocol
    expect(explain(undefined, { explainerType: ExplainerType.ANCHOR_IMAGES, config: { p: '0.5' } }))
      .toThrow(/config\["p"\] would make the explainer exit at start: the image's top-level parser .* takes --p for an abbreviation of predictor_host, protocol and refuses it as ambiguous; the option's whole name; accepted: .*p_sample/);
    // "m" would be IntegratedGradients' method, but server.py reads it as --max_buffer_size, an int
    expect(explain(undefined, { explainerType: ExplainerType.INTEGRATED_GRADIENTS, config: { m: 'gausslegendre' } }))
      .toThrow(/config\["m"\] "gausslegendre" would make the explainer exit at start: the image's alibiexplainer\/server\.py parses the whole command line with its own parser when imported .* reads --m as --max_buffer_size, with type=int, which refuses it/);
    expect(explain(undefined, { explainerType: ExplainerType.ALE, config: { w: 'x' } })).toThrow(/config\["w"\] "x" would make the explainer exit at start: .* reads --w as --workers, with type=int/);
    // a whole number passes server.py; the sub-command then ignores the key, as any it does not declare
    expect(explain(undefined, { explainerType: ExplainerType.ALE, config: { w: '3' } })).toThrow(/config\["w"\] would be dropped/);
  });

  // The operator writes --<key>=<value>; argparse splits an argument at its first "=" (_parse_optional), so "threshold=2"
  // is not an option of its own, dropped, but --threshold with the value "2=<value>".
  test('a config key holding "=" is read as the option before it, the rest of the key starting the value', () => {
    expect(explain(undefined, { config: { 'threshold=2': '0.9' } })).toThrow('PrepackagedModel \'test/income\': explainer.config["threshold=2"] would make the explainer exit at start: '
      + 'argparse splits "--threshold=2=0.9" at its first "=", into --threshold and the value "2=0.9"; the operator\'s Alibi explainer image (seldonio/alibiexplainer, '
      + 'components/alibi-explain-server/alibiexplainer/parser.py@v1.18.2) reads --threshold with type=float, which refuses "2=0.9" (argparse: invalid float value); '
      + 'a key without "=" (the option\'s name, its value as the value); accepted: threshold, delta,');
    // an abbreviation before the "=" too
    expect(explain(undefined, { config: { 'thr=2': '0.9' } })).toThrow(/config\["thr=2"\] would make the explainer exit at start: argparse splits "--thr=2=0.9" .* reads --threshold with type=float/);
    // a string option takes the whole rest: the explainer would run with a value nobody wrote
    expect(explain(undefined, { explainerType: ExplainerType.INTEGRATED_GRADIENTS, config: { 'method=gausslegendre': 'x' } }))
      .toThrow(/config\["method=gausslegendre"\] would set --method to "gausslegendre=x": argparse splits "--method=gausslegendre=x" at its first "=", into --method and the value "gausslegendre=x"; a key without "="/);
    // what argparse drops, or refuses, it does so for the option before the "="
    expect(explain(undefined, { config: { 'seed=1': '2' } })).toThrow(/config\["seed=1"\] would be dropped: argparse splits "--seed=1=2" .* ignores any other --seed; a key without "="/);
    expect(explain(undefined, { config: { 'max=1': '2' } })).toThrow(/config\["max=1"\] "1=2" would make the explainer exit at start: argparse splits .* reads --max as --max_buffer_size, with type=int/);
    expect(explain(undefined, { config: { 'max_a=1': '2' } })).toThrow(/config\["max_a=1"\] would make the explainer exit at start: argparse splits .* reads --max_anchor_size with type=int, which refuses "1=2"/);
    expect(explain(undefined, { config: { 'help=1': '2' } })).toThrow(/config\["help=1"\] would make the explainer exit at start: argparse splits .* reads --help as --help, which takes no value/);
    // nothing before the "=" (or an empty key): "--" begins every option, an ambiguity argparse exits on
    for (const key of ['=1', '']) {
      expect(explain(undefined, { config: { [key]: '2' } })).toThrow(new RegExp(`config\\[${JSON.stringify(key)}\\] would make the explainer exit at start: .*argparse reads "--" before the "=" as an abbreviation of every option`));
    }
  });

  // parser.py@v1.18.2 declares each option with type=float, int or str2bool; a value the type refuses is argparse's
  // "invalid ... value", an exit at start even under parse_known_args.
  test('a config value its option\'s type refuses is refused; what Python\'s float(), int() and str2bool read is kept', () => {
    expect(explain(undefined, { config: { threshold: 'high' } }))
      .toThrow(/explainer\.config\["threshold"\] "high" would make the explainer exit at start: .* reads --threshold with type=float, which refuses it \(argparse: invalid float value\); a number Python's float\(\) reads/);
    expect(explain(undefined, { config: { batch_size: '1.5' } })).toThrow(/config\["batch_size"\] "1\.5" .* type=int, .*; a whole number Python's int\(\) reads/);
    expect(explain(undefined, { config: { stop_on_first: 'on' } })).toThrow(/config\["stop_on_first"\] "on" .* type=str2bool, .*; true or false/);
    // An abbreviation is judged by the option it stands for.
    expect(explain(undefined, { config: { thresh: '' } })).toThrow(/config\["thresh"\] "" .* reads --threshold with type=float/);
    const kept = { threshold: ' 0.95 ', tau: '1e-3', delta: '-inf', batch_size: '1_000', beam_size: '+2', stop_on_first: 'Yes', verbose: '0' };
    expect(explain(undefined, { config: kept })()).toMatchObject({ config: kept });
    // IntegratedGradients' method is a string; an image of one's own parses as it likes.
    expect(explain(undefined, { explainerType: ExplainerType.INTEGRATED_GRADIENTS, config: { method: 'gausslegendre', n_steps: '50' } })).not.toThrow();
    expect(explain(undefined, { config: { threshold: 'high' }, image: 'me/explainer:1' })).not.toThrow();
  });
});
