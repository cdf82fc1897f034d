/**
 * MODELGATEWAY_MAX_NUM_CONSUMERS and PIPELINEGATEWAY_MAX_NUM_CONSUMERS (src/v2/runtime/gateway-consumers.ts): the
 * operator caps a gateway's replicas with the first entry of the merged pod spec (runtime_reconciler.go @v2.10.2), the
 * gateway runs with the last, and the scheduler hashes models to gateway replicas with its own. A value one of them
 * cannot run with is refused; values that differ between them are not, as nothing fails on them.
 */
import { Testing } from 'cdk8s';
import { EnvValue, k8s, ServiceType } from 'cdk8s-plus-27';
import { RuntimeComponent, SeldonConfig, SeldonConfigComponent, SeldonRuntime } from '../../../src/v2';

const image = (name: string) => `docker.io/seldonio/${name}:2.10.2`;
const scheduler = (env?: k8s.EnvVar[]): SeldonConfigComponent => ({
  component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler'), env }] },
});
const modelGateway = (env?: k8s.EnvVar[]): SeldonConfigComponent => ({
  component: RuntimeComponent.MODEL_GATEWAY, podSpec: { containers: [{ name: 'modelgateway', image: image('seldon-modelgateway'), env }] },
});
const message = (build: () => unknown) => { try { build(); } catch (e) { return (e as Error).message; } return 'accepted'; };
const gatewayOverride = (value: string) => [{
  component: RuntimeComponent.MODEL_GATEWAY, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue(value) } },
}];

describe('a gateway\'s *_MAX_NUM_CONSUMERS', () => {
  test('an override of the gateway\'s value, as Seldon\'s tuning docs do, is accepted on Seldon\'s default and on a SeldonConfig of the app', () => {
    // the gateway runs with the override's value; the operator's cap and the scheduler's hashing keep the chart's, and nothing fails on that
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', { overrides: gatewayOverride('10') }))).toBe('accepted');
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', { overrides: gatewayOverride('100') }))).toBe('accepted');
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [{ component: RuntimeComponent.PIPELINE_GATEWAY, podSpec: { containers: [{ name: 'pipelinegateway', env: [{ name: 'PIPELINEGATEWAY_MAX_NUM_CONSUMERS', value: '10' }] }] } }],
    }))).toBe('accepted');
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config', {
      metadata: { name: 'small' }, components: [scheduler(), modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }])],
    });
    for (const value of ['20', '10', '']) {
      expect(message(() => new SeldonRuntime(chart, `r${value}`, { seldonConfig: config, overrides: gatewayOverride(value) }))).toBe('accepted');
    }
  });

  test('two entries of one container, "" beside "100", or a valueFrom are accepted: the operator and the gateway each read one, and both run', () => {
    for (const env of [
      [{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }, { name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '30' }],
      [{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '' }, { name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '100' }],
      [{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', valueFrom: { configMapKeyRef: { name: 'gw', key: 'consumers' } } }],
    ]) {
      expect(message(() => new SeldonConfig(Testing.chart(), 'config', { components: [modelGateway(env)] }))).toBe('accepted');
    }
  });

  test('a value the operator or the gateway cannot run with is refused, in any entry, with what each does on it', () => {
    const refused = (value: string, second?: string) => message(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value }, ...second === undefined ? [] : [{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: second }]])],
    }));
    const at = 'SeldonConfig \'test/config\': components["seldon-modelgateway"].podSpec.containers["modelgateway"].env["MODELGATEWAY_MAX_NUM_CONSUMERS"]';
    const accepted = '; a whole number from 1 to 2147483647 as a string, e.g. "10"';
    expect(refused('0')).toBe(`${at} "0" is not a count of consumers: the gateway would divide by it hashing its first resource to a consumer (scheduler/pkg/util/hash.go), `
      + `and the operator fails to reconcile the runtime on it as the first entry of the merged env (runtime_reconciler.go validateScaleSpec, ParseInt32)${accepted}`);
    expect(refused('-3')).toBe(`${at} "-3" is not a count of consumers: as the first entry of the merged env, it makes the operator give the gateway's Deployment negative `
      + `replicas, which the API server refuses, once the namespace has a Model (runtime_reconciler.go replicaCalc)${accepted}`);
    expect(refused('ten')).toBe(`${at} "ten" is not a count of consumers: the gateway exits at start on it (main.go getEnVar, strconv.ParseInt), `
      + `and the operator fails to reconcile the runtime on it as the first entry of the merged env (runtime_reconciler.go validateScaleSpec, ParseInt32)${accepted}`);
    // above int32 the gateway runs, the operator does not
    expect(refused('2147483648')).toMatch(/"2147483648" is not a count of consumers: the operator fails to reconcile the runtime on it as the first entry of the merged env \(runtime_reconciler\.go validateScaleSpec, ParseInt32\);/);
    expect(refused('1.5')).toMatch(/"1\.5" is not a count of consumers/);
    // the first entry is the operator's
    expect(refused('0', '20')).toMatch(/"0" is not a count of consumers/);
    expect(refused('+50')).toBe('accepted');
    expect(refused('2147483647')).toBe('accepted');
    // the pipeline gateway's cap counts Pipelines
    expect(message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [{ component: RuntimeComponent.PIPELINE_GATEWAY, podSpec: { containers: [{ name: 'pipelinegateway', env: [{ name: 'PIPELINEGATEWAY_MAX_NUM_CONSUMERS', value: '-1' }] }] } }],
    }))).toMatch(/overrides\["seldon-pipelinegateway"\]\.podSpec\.containers\["pipelinegateway"\]\.env\["PIPELINEGATEWAY_MAX_NUM_CONSUMERS"\] "-1" .* once the namespace has a Pipeline/);
  });

  test('a value that is no string is reported once, by the env check', () => {
    const text = message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
      overrides: [{
        component: RuntimeComponent.MODEL_GATEWAY, container: { env: { MODELGATEWAY_MAX_NUM_CONSUMERS: EnvValue.fromValue(5 as any) } },
      }],
    }));
    expect(text).toMatch(/env\["MODELGATEWAY_MAX_NUM_CONSUMERS"\] is the number 5/);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('the scheduler\'s *_MAX_NUM_CONSUMERS', () => {
  const override = (env: Record<string, string>) => message(() => new SeldonRuntime(Testing.chart(), 'runtime', {
    overrides: [{
      component: RuntimeComponent.SCHEDULER,
      serviceType: ServiceType.CLUSTER_IP,
      container: { env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, EnvValue.fromValue(v)])) },
    }],
  }));

  test('a value Go\'s strconv.ParseInt refuses (the scheduler exits at start) or one of 0 or less (replaced by 100) is refused', () => {
    const at = 'SeldonRuntime \'test/runtime\': overrides["seldon-scheduler"].container.env';
    expect(override({ MODELGATEWAY_MAX_NUM_CONSUMERS: 'ten' })).toBe(`${at}["MODELGATEWAY_MAX_NUM_CONSUMERS"] "ten" is not a whole number Go's strconv.ParseInt reads, `
      + 'so the scheduler would exit at start (scheduler/pkg/server/server.go getEnVar); a whole number of at least 1 as a string, e.g. "10"');
    expect(override({ PIPELINEGATEWAY_MAX_NUM_CONSUMERS: '0' })).toBe(`${at}["PIPELINEGATEWAY_MAX_NUM_CONSUMERS"] "0" would not be used: the scheduler replaces `
      + 'a count of 0 or less by its default 100 (scheduler/pkg/server/server.go NewConsumerGroupConfig); a whole number of at least 1 as a string, e.g. "10"');
    expect(override({ MODELGATEWAY_MAX_NUM_CONSUMERS: '9223372036854775808' })).toMatch(/"9223372036854775808" is not a whole number Go's strconv\.ParseInt reads/);
    // through override(), in a raw podSpec
    const runtime = new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    expect(() => runtime.override(RuntimeComponent.SCHEDULER, { podSpec: { containers: [{ name: 'scheduler', env: [{ name: 'PIPELINEGATEWAY_MAX_NUM_CONSUMERS', value: '1e3' }] }] } }))
      .toThrow(/overrides\["seldon-scheduler"\]\.podSpec\.containers\["scheduler"\]\.env\["PIPELINEGATEWAY_MAX_NUM_CONSUMERS"\] "1e3" is not a whole number/);
    // in a SeldonConfig of the app too
    expect(message(() => new SeldonConfig(Testing.chart(), 'config', { components: [scheduler([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '-5' }])] })))
      .toMatch(/components\["seldon-scheduler"\]\.podSpec\.containers\["scheduler"\]\.env\["MODELGATEWAY_MAX_NUM_CONSUMERS"\] "-5" would not be used/);
  });

  test('a count, "", or a value other than the gateways\' is accepted: the scheduler picks gateway replicas with it, and they consume what they are sent', () => {
    expect(override({ MODELGATEWAY_MAX_NUM_CONSUMERS: '50', PIPELINEGATEWAY_MAX_NUM_CONSUMERS: '' })).toBe('accepted');
    expect(override({ MODELGATEWAY_MAX_NUM_CONSUMERS: '3000000000' })).toBe('accepted');
    expect(message(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [scheduler([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '7' }]), modelGateway([{ name: 'MODELGATEWAY_MAX_NUM_CONSUMERS', value: '20' }])],
    }))).toBe('accepted');
  });
});
