/**
 * MODELGATEWAY_MAX_NUM_CONSUMERS and PIPELINEGATEWAY_MAX_NUM_CONSUMERS (src/v2/runtime/gateway-consumers.ts): the
 * operator caps a gateway's replicas with the first entry of the merged pod spec (runtime_reconciler.go getEnvVarValue
 * @v2.10.2), the gateway runs with the last, and the operator appends an override's env to the SeldonConfig's
 * (patch_utils.go MergeContainers). The library refuses what would give them two values.
 */
import { Testing } from 'cdk8s';
import { EnvValue, k8s } from 'cdk8s-plus-27';
import { RuntimeComponent, SeldonConfig, SeldonConfigComponent, SeldonRuntime } from '../../../src/v2';

const image = (name: string) => `docker.io/seldonio/${name}:2.10.2`;
const scheduler: SeldonConfigComponent = { component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler') }] } };
const modelGateway = (env?: k8s.EnvVar[]): SeldonConfigComponent => ({
  component: RuntimeComponent.MODEL_GATEWAY, podSpec: { containers: [{ name: 'modelgateway', image: image('seldon-modelgateway'), env }] },
});
const message = (build: () => unknown) => { try { build(); } catch (e) { return (e as Error).message; } return 'accepted'; };

describe('a gateway\'s *_MAX_NUM_CONSUMERS is one value for the operator and the gateway', () => {
  test('an override of a runtime on Seldon\'s default SeldonConfig is refused: the chart\'s entry comes first, and the operator reads it', () => {
    const text = message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [{ component: RuntimeComponent.MODEL_GATEWAY, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue('10') } } }],
    }));
    expect(text).toBe('SeldonRuntime \'test/runtime\': overrides["seldon-modelgateway"].container.env["MODELGATEWAY_MAX_NUM_CONSUMERS"] "10" would not reach the operator: '
      + 'SeldonConfig "default" sets MODELGATEWAY_MAX_NUM_CONSUMERS on modelgateway too (Seldon\'s Helm chart renders it from modelgateway.maxNumConsumers), '
      + 'and the operator appends the override\'s env after it (patch_utils.go MergeContainers); the operator caps the gateway\'s replicas with the first entry of that name '
      + '(runtime_reconciler.go getEnvVarValue), and the gateway runs with the last, as Kubernetes gives it; '
      + 'MODELGATEWAY_MAX_NUM_CONSUMERS in the SeldonConfig\'s modelgateway container (the Helm value modelgateway.maxNumConsumers for Seldon\'s default)');
    // the pipeline gateway's, in a raw pod spec, alike
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [{ component: RuntimeComponent.PIPELINE_GATEWAY, podSpec: { containers: [{ name: 'pipelinegateway', env: [{ name: 'PIPELINEGATEWAY_MAX_NUM_CONSUMERS', value: '10' }] }] } }],
    }))).toMatch(/overrides\["seldon-pipelinegateway"\]\.podSpec\.containers\["pipelinegateway"\]\.env\["PIPELINEGATEWAY_MAX_NUM_CONSUMERS"\] "10" would not reach the operator: .*pipelinegateway\.maxNumConsumers/);
    // other variables of the gateways, and the variable on another component, are not the operator's concern
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [
        { component: RuntimeComponent.MODEL_GATEWAY, container: { env: { LOG_LEVEL: EnvValue.fromValue('debug') } } },
        { component: RuntimeComponent.DATAFLOW_ENGINE, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue('10') } } },
      ],
    }))).toBe('accepted');
  });

  test('with a SeldonConfig of the app: the same value as its entry, or its entry alone, is accepted; another is refused', () => {
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config', {
      metadata: { name: 'small' }, components: [scheduler, modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }])],
    });
    const env = (value: string) => [{
      component: RuntimeComponent.MODEL_GATEWAY, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue(value) } },
    }];
    expect(message(() => new SeldonRuntime(chart, 'same', { seldonConfig: config, overrides: env('20') }))).toBe('accepted');
    expect(message(() => new SeldonRuntime(chart, 'other', { seldonConfig: config, overrides: env('10') })))
      .toMatch(/"10" would not reach the operator: SeldonConfig "small" sets MODELGATEWAY_MAX_NUM_CONSUMERS on modelgateway too \("20"\), .*; MODELGATEWAY_MAX_NUM_CONSUMERS in the SeldonConfig's modelgateway container, or the same value here$/);
    // a SeldonConfig without the variable: the override's entry is the only one
    const bare = new SeldonConfig(chart, 'bare', { metadata: { name: 'bare' }, components: [scheduler, modelGateway()] });
    expect(message(() => new SeldonRuntime(chart, 'alone', { seldonConfig: bare, overrides: env('10') }))).toBe('accepted');
  });

  test('two entries of one container that differ, a valueFrom, or a value the operator cannot parse are refused', () => {
    const twice = message(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }, { name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '30' }])],
    }));
    expect(twice).toBe('SeldonConfig \'test/config\': components["seldon-modelgateway"].podSpec.containers["modelgateway"].env["MODELGATEWAY_MAX_NUM_CONSUMERS"] is set 2 times ("20", "30"): '
      + 'the operator caps the gateway\'s replicas with the first entry of that name (runtime_reconciler.go getEnvVarValue), and the gateway runs with the last, as Kubernetes gives it; '
      + 'one MODELGATEWAY_MAX_NUM_CONSUMERS entry');
    // the same value twice is one value
    expect(message(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }, { name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }])],
    }))).toBe('accepted');
    expect(message(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', valueFrom: { configMapKeyRef: { name: 'gw', key: 'consumers' } } }])],
    }))).toMatch(/env\["MODELGATEWAY_MAX_NUM_CONSUMERS"\] is set with valueFrom, which the operator does not read: .*; a whole number from 1/);
    for (const value of ['0', 'ten', '1.5', '-3', '2147483648']) {
      expect(message(() => new SeldonConfig(Testing.chart(), 'config', { components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value }])] })))
        .toMatch(new RegExp(`env\\["MODELGATEWAY_MAX_NUM_CONSUMERS"\\] "${value.replace('.', '\\.')}" is not a count of consumers: the operator fails to reconcile the runtime on it`));
    }
    expect(message(() => new SeldonConfig(Testing.chart(), 'config', { components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '+50' }])] }))).toBe('accepted');
  });
});
