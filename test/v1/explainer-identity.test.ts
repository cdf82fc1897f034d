import * as os from 'os';
import { App, Chart, Testing } from 'cdk8s';
import { ServiceAccount } from 'cdk8s-plus-27';
import { ExplainerType, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret } from '../../src';

/**
 * The explainer's pod runs as `explainer.serviceAccountName` only (seldondeployment_explainers.go@v1.18.2): a remote
 * that takes its credentials from the pod's identity (env_auth) must be read under the identity the model's is.
 */
describe('an explainer reading through a pod-identity remote', () => {
  const build = (options: { explainerAccount?: boolean; modelAccount?: boolean; envAuth?: boolean; inline?: string }) => {
    const chart = Testing.chart();
    const reader = ServiceAccount.fromServiceAccountName(chart, 'reader', 'models-reader');
    const credentials = new RcloneSecret(chart, 'creds', {
      remotes: [options.envAuth === false
        ? RcloneRemote.s3({ name: 's3', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' })
        : RcloneRemote.s3({ name: 's3', envAuth: true })],
    });
    const model = new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.s3('models', 'iris'),
      credentials,
      serviceAccount: options.modelAccount === false ? undefined : reader,
    });
    model.withExplainer({
      explainerType: ExplainerType.ANCHOR_TABULAR,
      modelUri: options.inline ? ModelUri.parse(`${options.inline}models/iris-explainer`) : ModelUri.s3('models', 'iris-explainer'),
      credentials: options.inline ? undefined : credentials,
      serviceAccount: options.explainerAccount ? reader : undefined,
    });
    return () => Testing.synth(chart);
  };

  test('refused when the predictor runs as a ServiceAccount of its own and the explainer names none', () => {
    expect(build({})).toThrow(new RegExp('PrepackagedModel \'test/iris\': explainer\\.serviceAccount is not set, but explainer\\.modelUri "s3://models/iris-explainer" '
      + 'is read through remote "s3" of RcloneSecret \'test/creds\', which takes its credentials from the pod\'s identity \\(env_auth\\): the explainer\'s pod '
      + 'runs as the namespace\'s default ServiceAccount .*, not as "models-reader", which the predictor runs as; accepted: explainer\\.serviceAccount'));
    expect(build({ inline: ':s3,env_auth=true:' })).toThrow(/is read through the options of its connection string, which takes its credentials from the pod's identity/);
    // rclone's other spellings of true: a bare flag, 1, TRUE; a quoted value holding ":" does not hide a later option
    for (const spelling of [':s3,env_auth:', ':s3,env_auth=1:', ':s3,region=\'a:b\',env_auth=TRUE:']) expect(build({ inline: spelling })).toThrow(/explainer\.serviceAccount is not set/);
    expect(build({ inline: ':s3,env_auth=false:' })).not.toThrow();
  });

  test('accepted with the explainer\'s own ServiceAccount, with keys in the Secret, or where the model too runs as the default', () => {
    const objects = build({ explainerAccount: true })();
    const sdep = objects.find(o => o.kind === 'SeldonDeployment')!;
    expect(sdep.spec.predictors[0].explainer.serviceAccountName).toBe('models-reader');
    expect(build({ envAuth: false })).not.toThrow();
    expect(build({ modelAccount: false })).not.toThrow();
  });

  test('reported by cdk8s synth of an app too', () => {
    const app = new App({ outdir: `${os.tmpdir()}/explainer-identity-${process.pid}` });
    const chart = new Chart(app, 'c');
    const credentials = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.s3('models', 'iris'),
      credentials,
      serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'reader', 'models-reader'),
    }).withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('models', 'x'), credentials });
    expect(() => app.synth()).toThrow(/explainer\.serviceAccount is not set/);
  });
});
