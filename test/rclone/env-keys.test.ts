import { Chart, Testing } from 'cdk8s';
import { RcloneExternalSecret, RcloneRemote, RcloneSecret, RcloneSecretFormat } from '../../src';

// Seldon Core v1 hands remotes to rclone as RCLONE_CONFIG_<REMOTE>_<OPTION> variables (rclone fs.ConfigToEnv:
// upper-cased, joined by "_"), so remote "a_b" + option "c" and remote "a" + option "b_c" read one variable.
describe('rclone env-key collisions between remotes of one v1 Secret (src/rclone/env-keys.ts)', () => {
  test('an option of one remote that is another remote\'s variable is an error', () => {
    expect(() => new RcloneSecret(Testing.chart(), 'creds', {
      remotes: [RcloneRemote.custom('a_b', 's3', { c: 'x' }), RcloneRemote.custom('a', 's3', { b_c: 'y' })],
    })).toThrow(/^RcloneSecret 'test\/creds': remotes\[1\] \("a"\) options sets RCLONE_CONFIG_A_B_C, which remote "a_b" sets too; .*; remotes whose RCLONE_CONFIG_<REMOTE>_<OPTION> variables differ/);
  });

  test('TYPE counts: remote "a_b" sets RCLONE_CONFIG_A_B_TYPE', () => {
    const secret = new RcloneSecret(Testing.chart(), 'creds', { remotes: [RcloneRemote.custom('a_b', 's3')] });
    expect(() => secret.addRemote(RcloneRemote.custom('a', 's3', { b_type: 'y' }))).toThrow(/sets RCLONE_CONFIG_A_B_TYPE, which remote "a_b" sets too/);
  });

  test('options mapped from a store count for an RcloneExternalSecret', () => {
    expect(() => new RcloneExternalSecret(Testing.chart(), 'creds', {
      secretStore: { name: 'vault' },
      remotes: [RcloneRemote.custom('a_b', 's3'), RcloneRemote.custom('a', 's3')],
      values: [{ remote: 'a_b', option: 'c', key: 'k1' }, { remote: 'a', option: 'b_c', key: 'k2' }],
    })).toThrow(/^RcloneExternalSecret 'test\/creds': remotes\[1\] \("a"\) options sets RCLONE_CONFIG_A_B_C, which remote "a_b" sets too/);
  });

  test('no clash: distinct variables, or the v2 format (one remote per Secret, no variables)', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'a', { remotes: [RcloneRemote.custom('ab', 's3', { c: 'x' }), RcloneRemote.custom('a', 's3', { b_c: 'y' })] });
    new RcloneSecret(chart, 'b', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.custom('a_b', 's3', { c: 'x' })] });
    const [a] = Testing.synth(chart);
    expect(Object.keys(a.stringData)).toEqual(expect.arrayContaining(['RCLONE_CONFIG_AB_C', 'RCLONE_CONFIG_A_B_C']));
  });
});

describe('names of referenced Secrets', () => {
  test('fromExistingSecret refuses a name no Secret can have', () => {
    expect(() => RcloneSecret.fromExistingSecret(Testing.chart(), 'x', 'My Secret')).toThrow(
      /^RcloneSecret 'test\/x': name "My Secret" is not a Secret name; a DNS-1123 subdomain is accepted/);
    expect(RcloneSecret.fromExistingSecret(Testing.chart(), 'y', 'seldon-rclone.v1').name).toBe('seldon-rclone.v1');
  });

  test('an RcloneSecret\'s own name meets the object-name rule (apimachinery ValidateObjectMeta)', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 's', { remotes: [RcloneRemote.gcs()], metadata: { name: 'Creds' } });
    expect(() => Testing.synth(chart)).toThrow(/RcloneSecret 'test\/s': metadata.name "Creds" is not a valid object name; a DNS-1123 subdomain is accepted/);
  });
});

describe('name uniqueness sees the Secret an RcloneExternalSecret makes ESO create (src/k8s/unique-names.ts)', () => {
  const eso = (chart: Chart, id: string, name: string) => new RcloneExternalSecret(chart, id, {
    secretStore: { name: 'vault' }, remotes: [RcloneRemote.s3()], values: [{ remote: 's3', option: 'secret_access_key', key: 'seldon/s3' }], metadata: { name },
  });
  test('an RcloneSecret and an RcloneExternalSecret of one name', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'a', { remotes: [RcloneRemote.gcs()], metadata: { name: 'creds' } });
    eso(chart, 'b', 'creds');
    expect(() => Testing.synth(chart)).toThrow(
      /^\s*\[cdk8s-seldon\.checks\] RcloneExternalSecret 'test\/b': metadata.name "creds" makes the External Secrets Operator create a Secret named "creds" \(spec.target.name, else its own name\), which is also the name of the Secret of RcloneSecret 'test\/a'; the operator would take that Secret over/m);
  });
  test('distinct names are fine', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'a', { remotes: [RcloneRemote.gcs()], metadata: { name: 'creds' } });
    eso(chart, 'b', 'store-creds');
    expect(Testing.synth(chart)).toHaveLength(2);
  });
});
