// Review 19 (composition): a Secret shared between uses. The kubelet reads image pull credentials only from a Secret of
// type kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg (pkg/credentialprovider/secrets MakeDockerKeyring); any
// other Secret the app writes (an RcloneSecret, a plain cdk8s-plus Secret, which the API server makes Opaque) was
// accepted as an image pull Secret and the images were then pulled without credentials.
import { Testing } from 'cdk8s';
import { DockerConfigSecret, Secret } from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonServer } from '../../src';

const accepted = 'a DockerConfigSecret, or Secret.fromSecretName() naming a registry Secret that exists';

describe('an image pull Secret the app writes is of a registry type', () => {
  test('the model-storage RcloneSecret a v2 Server\'s models use is refused as its pull Secret, naming the field, the type and the remedy', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })], metadata: { name: 'storage' } });
    const server = new SeldonServer(chart, 'srv', { metadata: { name: 'srv' } });
    expect(() => server.addImagePullSecret(creds)).toThrow(new Error('SeldonServer \'test/srv\': imagePullSecrets["storage"] is a Secret of type "Opaque" written by the app, '
      + 'from which the kubelet reads no registry credentials (it reads only a kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg Secret, '
      + `pkg/credentialprovider/secrets), so images are pulled without them; ${accepted}`));
  });

  test('v1: a plain Secret (Opaque) and one of another type, of either cdk8s-plus line, in the props', () => {
    const chart = Testing.chart();
    const model = (id: string, secret: Secret) => () => new PrepackagedModel(chart, id, { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), imagePullSecrets: [secret] });
    expect(model('a', new Secret(chart, 'plain', { metadata: { name: 'plain' } }))).toThrow(/PrepackagedModel 'test\/a': imagePullSecrets\["plain"\] is a Secret of type "Opaque"/);
    expect(model('b', new Secret(chart, 'tls', { metadata: { name: 'tls' }, type: 'kubernetes.io/tls' }))).toThrow(/imagePullSecrets\["tls"\] is a Secret of type "kubernetes.io\/tls"/);
    expect(model('c', new plus33.Secret(chart, 'p33', { metadata: { name: 'p33' } }) as unknown as Secret)).toThrow(/imagePullSecrets\["p33"\] is a Secret of type "Opaque"/);
  });

  test('an RcloneExternalSecret, whose ExternalSecret makes an Opaque Secret', () => {
    const chart = Testing.chart();
    const creds = new RcloneExternalSecret(chart, 'creds', {
      metadata: { name: 'storage' },
      secretStore: { name: 'vault' },
      remotes: [RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio.minio:9000' })],
      values: [{ remote: 's3', option: 'access_key_id', key: 'minio', property: 'user' }, { remote: 's3', option: 'secret_access_key', key: 'minio', property: 'password' }],
    });
    const server = new SeldonServer(chart, 'srv', { metadata: { name: 'srv' } });
    expect(() => server.addImagePullSecret(creds)).toThrow(/SeldonServer 'test\/srv': imagePullSecrets\["storage"\] is a Secret of type "Opaque" written by the app/);
  });

  test('controls: a DockerConfigSecret of either line, a dockercfg Secret and a reference by name are accepted and written', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'srv', { metadata: { name: 'srv' } });
    server.addImagePullSecret(new DockerConfigSecret(chart, 'd27', { data: {}, metadata: { name: 'd27' } }));
    server.addImagePullSecret(new plus33.DockerConfigSecret(chart, 'd33', { data: {}, metadata: { name: 'd33' } }) as unknown as Secret);
    server.addImagePullSecret(new Secret(chart, 'cfg', { metadata: { name: 'cfg' }, type: 'kubernetes.io/dockercfg' }));
    server.addImagePullSecret(Secret.fromSecretName(chart, 'ref', 'registry'));
    const spec = Testing.synth(chart).find(o => o.kind === 'Server').spec;
    expect(spec.podSpec.imagePullSecrets).toEqual([{ name: 'd27' }, { name: 'd33' }, { name: 'cfg' }, { name: 'registry' }]);
  });
});
