import { Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import {
  EndpointType, LoggerMode, ModelUri, PredictiveUnit, PrepackagedServer, PredictorProps,
  SeldonDeployment, SeldonDeploymentProps, SeldonProtocol, ServerType, Transport,
} from '../../src';
import { webhookProblems } from '../../src/convert/webhook';
import { WEBHOOK_RULES } from '../../src/v1/webhook-rules';

// One table of the webhook's rules (seldondeployment_webhook.go@v1.18.2, SELDON-FACTS §1.4) serves the
// constructs and the converter: the same bad deployment gets the same words from both.

const uri = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string, extra: object = {}) =>
  PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: uri, ...extra });
const node = (name: string, extra: object = {}) => ({ name, implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/sklearn/iris', ...extra });

/** The construct's problem for `props`, thrown when built or synthesized, without its `Kind 'path': ` prefix. */
function constructProblem(props: SeldonDeploymentProps): string {
  try {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'x', props);
    Testing.synth(chart);
  } catch (e) {
    return String((e as Error).message).replace(/^[^\n]*?SeldonDeployment 'test\/x': /s, '');
  }
  throw new Error('no problem reported');
}

/** The converter's problem for the manifest `spec`, without its prefix. */
function converterProblems(spec: object): string[] {
  return webhookProblems({ apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata: { name: 'x' }, spec }, 'x.yaml#0 x')
    .map(p => p.replace(/^SeldonDeployment 'x\.yaml#0 x': /, ''));
}

const p = (name: string, graph: PredictiveUnit, extra: Partial<PredictorProps> = {}): PredictorProps => ({ name, graph, ...extra });
const m = (name: string, graph: object, extra: object = {}) => ({ name, graph, ...extra });

test.each<[string, number, SeldonDeploymentProps, object, string]>([
  ['no predictors', 7, {}, { predictors: [] }, 'predictors is empty ("Graph contains no predictors")'],
  ['a lone shadow', 5, { predictors: [p('a', sklearn('m'), { shadow: true })] }, { predictors: [m('a', node('m'), { shadow: true })] },
    'predictors[0].shadow is true on the only predictor ("Shadow can not exist as only predictor")'],
  ['two shadows', 18,
    { predictors: [p('a', sklearn('m')), p('b', sklearn('m'), { shadow: true }), p('c', sklearn('m'), { shadow: true })] },
    { predictors: [m('a', node('m')), m('b', node('m'), { shadow: true }), m('c', node('m'), { shadow: true })] },
    'predictors have 2 shadows ("Multiple shadows are not allowed")'],
  ['traffic short of 100', 20,
    { predictors: [p('a', sklearn('m'), { traffic: 50 }), p('b', sklearn('m'), { traffic: 40 })] },
    { predictors: [m('a', node('m'), { traffic: 50 }), m('b', node('m'), { traffic: 40 })] },
    'predictors[].traffic add up to 90 over a=50, b=40 ("Traffic must sum to 100 for multiple predictors")'],
  ['partial traffic on the only predictor', 21, { predictors: [p('a', sklearn('m'), { traffic: 50 })] }, { predictors: [m('a', node('m'), { traffic: 50 })] },
    'predictors[0].traffic is 50 on the only predictor ("Traffic must sum be 100 for a single predictor when set")'],
  ['a repeated predictor name', 9,
    { predictors: [p('a', sklearn('m'), { traffic: 50 }), p('a', sklearn('m'), { traffic: 50 })] },
    { predictors: [m('a', node('m'), { traffic: 50 }), m('a', node('m'), { traffic: 50 })] },
    'predictors[1].name "a" is taken by another predictor ("Duplicate predictor name")'],
  ['a repeated svc-name', 6,
    { predictors: [p('a', sklearn('m'), { traffic: 50, annotations: { 'seldon.io/svc-name': 's' } }), p('b', sklearn('m'), { traffic: 50, annotations: { 'seldon.io/svc-name': 's' } })] },
    { predictors: [m('a', node('m'), { traffic: 50, annotations: { 'seldon.io/svc-name': 's' } }), m('b', node('m'), { traffic: 50, annotations: { 'seldon.io/svc-name': 's' } })] },
    'predictors[1].annotations["seldon.io/svc-name"] "s" repeats the service name of predictor a ("Found duplicate service name")'],
  ['no-engine on two nodes', 8,
    { predictors: [p('a', sklearn('m', { children: [sklearn('n')] }), { annotations: { 'seldon.io/no-engine': 'true' } })] },
    { predictors: [m('a', node('m', { children: [node('n')] }), { annotations: { 'seldon.io/no-engine': 'true' } })] },
    'predictors[0].annotations["seldon.io/no-engine"] is set on a graph of 2 nodes ("Running without engine only valid for single element graphs")'],
  ['a missing modelUri', 12,
    { predictors: [p('a', PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN }))] },
    { predictors: [m('a', { name: 'm', implementation: 'SKLEARN_SERVER' })] },
    'predictors[0].graph.modelUri is missing; Seldon\'s webhook requires it on a SKLEARN_SERVER node ("Predictive unit modelUri required when using standalone servers")'],
  ['a logger without a mode', 15,
    { predictors: [p('a', sklearn('m', { logger: { mode: '' as LoggerMode } }))] },
    { predictors: [m('a', node('m', { logger: { mode: '' } }))] },
    'predictors[0].graph.logger.mode "" is not a logger mode (the webhook says "No logger mode specified")'],
])('%s (rule %i): constructs and converter say the same', (_name, rule, props, spec, problem) => {
  expect(WEBHOOK_RULES.some(r => r.rule === rule)).toBe(true);
  expect(constructProblem(props)).toContain(problem);
  expect(converterProblems(spec).join('\n')).toContain(`spec.${problem}`);
});

test('the tensorflow protocol on SKLEARN_SERVER (rule 13), endpoint types (16, 17) and kafka env (4): same words, each side\'s field names', () => {
  expect(constructProblem({ protocol: SeldonProtocol.TENSORFLOW, predictors: [p('a', sklearn('m'))] }))
    .toContain('protocol "tensorflow" is rejected by Seldon\'s webhook for SKLEARN_SERVER ("Prepackaged server does not handle tensorflow protocol"); accepted for SKLEARN_SERVER: seldon, v2, kfserving');
  expect(converterProblems({ protocol: 'tensorflow', predictors: [m('a', node('m'))] })).toContain(
    'spec.protocol "tensorflow" is rejected by Seldon\'s webhook for SKLEARN_SERVER (node spec.predictors[0].graph) ("Prepackaged server does not handle tensorflow protocol"); accepted for SKLEARN_SERVER: seldon, v2, kfserving');

  expect(constructProblem({ predictors: [p('a', sklearn('m', { endpointType: EndpointType.REST, children: [sklearn('n', { endpointType: EndpointType.GRPC })] }))] }))
    .toContain('predictors[].graph.endpointType differs between nodes (m: REST, n: GRPC) ("Multiple endpoint.types found")');
  expect(converterProblems({ predictors: [m('a', node('m', { endpoint: { type: 'REST' }, children: [node('n', { endpoint: { type: 'GRPC' } })] }))] }))
    .toContain('spec.predictors[].graph.endpoint.type differs between nodes (m: REST, n: GRPC) ("Multiple endpoint.types found"); one endpoint type for every node, or none and the deployment\'s transport');

  expect(constructProblem({ transport: Transport.REST, predictors: [p('a', sklearn('m', { endpointType: EndpointType.GRPC }))] }))
    .toContain('transport "rest" disagrees with node m\'s endpointType GRPC ("Mixed transport types found"); the same transport, or endpointType left unset');

  expect(constructProblem({ serverType: ServerType.KAFKA, predictors: [p('a', sklearn('m'), { engineEnv: { KAFKA_BROKER: EnvValue.fromValue('b:9092') } })] }))
    .toContain('predictors[0].engineEnv lacks KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC, which the kafka server type needs');
  expect(converterProblems({ serverType: 'kafka', predictors: [m('a', node('m'), { svcOrchSpec: { env: [{ name: 'KAFKA_BROKER', value: 'b:9092' }] } })] }))
    .toContain('spec.predictors[0].svcOrchSpec.env lacks KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC, which the kafka server type needs ("For kafka please supply svcOrchSpec envs"); '
      + 'svcOrchSpec.env with KAFKA_BROKER, KAFKA_INPUT_TOPIC and KAFKA_OUTPUT_TOPIC');
});

test('the converter follows the webhook where it checks more than the constructs can be given', () => {
  // checkPredictiveUnits: IsPrepack covers any implementation that is not built in, so a custom server needs a modelUri too.
  expect(converterProblems({ predictors: [m('a', { name: 'm', implementation: 'MY_SERVER' })] }).join('\n'))
    .toMatch(/spec\.predictors\[0\]\.graph\.modelUri is missing; Seldon's webhook requires it on a MY_SERVER node/);
  // ... and HUGGINGFACE_SERVER and the executor's built-ins do not.
  expect(converterProblems({ predictors: [m('a', { name: 'm', implementation: 'HUGGINGFACE_SERVER' })] })).toEqual([]);
  expect(converterProblems({ predictors: [m('a', { name: 'ab', implementation: 'RANDOM_ABTEST', children: [node('m')] })] })).toEqual([]);
  // Rule 11: a node of type UNKNOWN_TYPE with a container but no methods.
  expect(converterProblems({ predictors: [m('a', { name: 'c', type: 'UNKNOWN_TYPE' }, { componentSpecs: [{ spec: { containers: [{ name: 'c', image: 'x:1' }] } }] })] }))
    .toEqual(['spec.predictors[0].graph.methods are missing on a node of type UNKNOWN_TYPE ("Predictive Unit has no implementation methods defined"); a known type, or the methods the node defines']);
  // Rule 10: only a missing implementation (or UNKNOWN_IMPLEMENTATION) needs a container of the node's name.
  expect(converterProblems({ predictors: [m('a', { name: 'c', type: 'MODEL' })] })[0]).toMatch(/graph node "c" has no implementation and no container of its name/);
});

test('every rule is listed once, in SELDON-FACTS §1.4 order, rule 14 left out', () => {
  const numbers = WEBHOOK_RULES.map(r => r.rule);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers).not.toContain(14); // an installation may register its own servers
  for (const r of WEBHOOK_RULES) expect(r.message.length).toBeGreaterThan(10);
});
