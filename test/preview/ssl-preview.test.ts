import { Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewObjects, previewSeldonDeployment } from '../../src/preview';

// ssl.certSecretName as the v1 operator applies it (seldondeployment_controller.go@v1.18.2 createComponents;
// operator/utils/utils.go MountSecretToDeploymentContainers, AddEnvVarToDeploymentContainers).

function deployments(separateEnginePod: boolean): Json[] {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'iris', {
    metadata: { name: 'iris', namespace: 'models' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
    sslCertificate: Secret.fromSecretName(chart, 'cert', 'iris-tls'),
    separateEnginePod,
  });
  const result = previewObjects(Testing.synth(chart));
  expect(result.problems).toEqual([]);
  return result.objects.filter(o => o.kind === 'Deployment');
}
const CERT_MOUNT = { name: 'seldon-cert-volume', mountPath: '/cert/', readOnly: true };
const CERT_ENV = { name: 'SELDON_CERT_MOUNT_PATH', value: '/cert/' };

test('the certificate Secret is mounted at /cert/ in every container of the graph root\'s pod, executor included', () => {
  const [deployment] = deployments(false);
  const pod = deployment.spec.template.spec;
  expect(pod.volumes).toContainEqual({ name: 'seldon-cert-volume', secret: { secretName: 'iris-tls' } });
  expect(pod.containers.map((c: Json) => c.name)).toEqual(['classifier', 'seldon-container-engine']);
  for (const container of pod.containers) {
    expect(container.volumeMounts).toContainEqual(CERT_MOUNT);
    expect(container.env).toContainEqual(CERT_ENV);
  }
});

test('with a separate executor pod, both the executor\'s and the root\'s Deployments get it', () => {
  const all = deployments(true);
  expect(all).toHaveLength(2);
  for (const deployment of all) {
    for (const container of deployment.spec.template.spec.containers) expect(container.volumeMounts).toContainEqual(CERT_MOUNT);
  }
});

test('AddEnvVarToDeploymentContainers stops at the first container that has the variable: the executor after it gets none', () => {
  const { objects } = previewSeldonDeployment({
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'iris' },
    spec: {
      predictors: [{
        name: 'default',
        ssl: { certSecretName: 'iris-tls' },
        graph: { name: 'classifier', type: 'MODEL' },
        componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'x:1', env: [{ name: 'SELDON_CERT_MOUNT_PATH', value: '/mine/' }] }] } }],
      }],
    },
  });
  const containers = objects.find(o => o.kind === 'Deployment')!.spec.template.spec.containers;
  expect(containers.map((c: Json) => c.name)).toEqual(['classifier', 'seldon-container-engine']);
  expect(containers[0].env.filter((e: Json) => e.name === 'SELDON_CERT_MOUNT_PATH')).toEqual([{ name: 'SELDON_CERT_MOUNT_PATH', value: '/mine/' }]);
  expect((containers[1].env ?? []).some((e: Json) => e.name === 'SELDON_CERT_MOUNT_PATH')).toBe(false);
  expect(containers[1].volumeMounts).toContainEqual(CERT_MOUNT);
});
