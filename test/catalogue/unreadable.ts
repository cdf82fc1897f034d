import { Duration } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { BadInput, badInput } from './bad-input';
import { ModelParameter, ModelUri, PrepackagedModel, PrepackagedServer, SeldonDeployment, ServerConfig } from '../../src';

/**
 * Values that throw when read, and class instances no constructor made
 * (src/k8s/unreadable.ts, src/k8s/instance-shape.ts): what only JavaScript can pass.
 */

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const js = <T>(value: unknown) => value as T;
const thrower = (): never => { throw new TypeError('no'); };
const model = (input: string, props: () => object, error: RegExp, fix: string) => badInput('PrepackagedModel', 'iris', input,
  scope => new PrepackagedModel(scope, 'iris', js({ server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props() })), error, fix);

function revoked(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

export const UNREADABLE_BAD_INPUTS: BadInput[] = [
  badInput('PrepackagedModel', 'iris', 'JS: props with a getter that throws',
    scope => new PrepackagedModel(scope, 'iris', js(Object.defineProperty({ server: PrepackagedServer.SKLEARN, modelUri: IRIS }, 'image', { get: thrower, enumerable: true }))),
    /image could not be read: reading it threw a TypeError; accepted: a value whose fields can be read/, 'pass plain values (compute the image before the call)'),
  model('JS: a revoked Proxy as metadata', () => ({ metadata: revoked() }),
    /metadata is a Proxy that could not be read: reading it threw a TypeError; accepted: a value whose fields can be read/, 'pass a plain object: { name: "iris" }'),
  badInput('SeldonDeployment', 'd', 'JS: addPredictor() given a revoked Proxy', scope => new SeldonDeployment(scope, 'd', {}).addPredictor(js(revoked())),
    /addPredictor\(\) predictor is a Proxy that could not be read/, 'pass the PredictorProps object itself'),
  model('JS: a Duration made with Object.create()', () => ({ terminationGracePeriod: Object.create(Duration.prototype) }),
    /terminationGracePeriod is a Duration that no constructor or factory made \(it has no state of its own\); accepted: a Duration from Duration.days\(\)/,
    'Duration.seconds(30)'),
  model('a ModelParameter whose value is a URL with user info', () => ({ parameters: [ModelParameter.stringValue('endpoint', 'https://admin:pw@vault.example.com')] }),
    /parameters\[0\] \(ModelParameter\.stringValue\("endpoint"\) value\) holds a URL with user info \(not shown: it is a credential\); accepted: a string without `user:password@`; keep credentials in a Secret/,
    'keep the credential in a Secret and pass the model its name (an env value from the Secret)'),
  badInput('ServerConfig', 'mlserver', 'JS: a sparse list of 2 ** 32 - 1 elements as a container\'s args', scope => new ServerConfig(scope, 'mlserver', js({
    podSpec: { containers: [{ name: 'rclone', image: 'r:1' }, { name: 'agent', image: 'a:1' }, { name: 'mlserver', image: 'm:1', args: new Array(2 ** 32 - 1) }] },
  })), /podSpec\.containers\[2\]\.args has 4294967295 elements; accepted: a list of at most 100,000 elements/, 'pass the arguments themselves'),
  model('JS: an EnvValue made with Object.create()', () => ({ env: { A: Object.create(EnvValue.prototype) } }),
    /env.A is an EnvValue that no constructor or factory made/, 'EnvValue.fromValue("x")'),
];
