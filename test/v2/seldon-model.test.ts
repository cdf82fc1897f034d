import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ModelUri } from '../../src/model-uri';
import { RcloneRemote } from '../../src/rclone/rclone-remote';
import { RcloneSecret, RcloneSecretFormat } from '../../src/rclone/rclone-secret';
import { ModelExplainer, SeldonModel, SeldonModelProps, SeldonServer } from '../../src/v2';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

function minio(chart: Construct, name = 's3', format = RcloneSecretFormat.V2_DOCUMENT): RcloneSecret {
  return new RcloneSecret(chart, `secret-${name}-${format}`, {
    metadata: { name: `minio-${name}` },
    format,
    remotes: [RcloneRemote.minio({ name, endpoint: 'http://minio.minio-system:9000', accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' })],
  });
}

describe('SeldonModel', () => {
  test('defaults: only the storage URI', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: IRIS });
    const [object] = Testing.synth(chart);
    expect(object).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: model.name },
      spec: { storageUri: 'gs://seldon-models/mlserver/iris' },
    });
    expect(model.name).toMatch(/^test-iris-[0-9a-f]{8}$/);
    expect(model.replicas).toBe(1);
    expect(model.requirements).toEqual([]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('every field', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'mlserver-large' }, replicas: 3 });
    const secret = minio(chart);
    new SeldonModel(chart, 'income', {
      metadata: { name: 'income' },
      storageUri: ModelUri.parse('s3://models/income'),
      requirements: ['sklearn'],
      server,
      memory: '100Mi',
      replicas: 2,
      minReplicas: 1,
      maxReplicas: 3,
      artifactVersion: 2,
      parameters: { threshold: '0.5', mode: 'fast' },
      dedicated: true,
      secret,
    });
    const model = Testing.synth(chart).find(o => o.kind === 'Model');
    expect(model.spec).toEqual({
      storageUri: 's3://models/income',
      requirements: ['sklearn'],
      server: 'mlserver-large',
      memory: '100Mi',
      replicas: 2,
      minReplicas: 1,
      maxReplicas: 3,
      artifactVersion: 2,
      // By name, not in the order given.
      parameters: [{ name: 'mode', value: 'fast' }, { name: 'threshold', value: '0.5' }],
      dedicated: true,
      secretName: 'minio-s3',
    });
    // The Server and the Secret come before the Model, in the order the app created them.
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Server', 'Secret', 'Model']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the Secret and the Server are applied before the Model', () => {
    const chart = Testing.chart();
    const models = new Construct(chart, 'models');
    const later = new Construct(chart, 'later');
    const secret = minio(later);
    const server = new SeldonServer(later, 'server');
    new SeldonModel(models, 'income', { storageUri: ModelUri.parse('s3://models/income'), secret, server });
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Secret', 'Server', 'Model']);
  });

  test('an explainer of another model: modelRef, ordering and the explainer spec', () => {
    const chart = Testing.chart();
    const explainers = new Construct(chart, 'explainers');
    const iris = new SeldonModel(new Construct(chart, 'models'), 'iris', { metadata: { name: 'iris' }, storageUri: IRIS });
    new SeldonModel(explainers, 'iris-explainer', {
      metadata: { name: 'iris-explainer' },
      storageUri: ModelUri.parse('gs://seldon-models/mlserver/explainers/iris'),
      explainer: ModelExplainer.forModel('anchor_tabular', iris),
    });
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.metadata.name)).toEqual(['iris', 'iris-explainer']);
    expect(objects[1].spec.explainer).toEqual({ type: 'anchor_tabular', modelRef: 'iris' });
    // alibi-explain is the scheduler's concern, not a rendered requirement
    expect(objects[1].spec.requirements).toBeUndefined();
  });

  test('addRequirement is rendered, and rejects repeats', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    model.addRequirement('mlserver-1.3.4');
    expect(Testing.synth(chart)[0].spec.requirements).toEqual(['sklearn', 'mlserver-1.3.4']);
    expect(() => model.addRequirement('sklearn')).toThrow(/SeldonModel 'test\/iris': addRequirement\("sklearn"\) repeats "sklearn"; Seldon would accept the repeat .*; requirements so far: sklearn, mlserver-1.3.4/);
    expect(() => model.addRequirement('a,b')).toThrow(/addRequirement\("a,b"\) "a,b" contains ","/);
  });

  test('a model whose constructor threw, caught by the caller, leaves nothing in the chart and its id free (src/k8s/failed-construction.ts)', () => {
    const chart = Testing.chart();
    expect(() => new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'], memory: '1.5Gi' })).toThrow(/memory "1.5Gi" is not a whole number of bytes/);
    expect(Testing.synth(chart)).toEqual([]);
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'], memory: '1536Mi' });
    expect(Testing.synth(chart).map(o => o.spec)).toEqual([{ storageUri: 'gs://seldon-models/mlserver/iris', requirements: ['sklearn'], memory: '1536Mi' }]);
  });

  test('namespace and labels come from the chart; a JSON patch shows up', () => {
    const chart = new Chart(Testing.app(), 'models', { namespace: 'seldon-mesh', labels: { team: 'ml' } });
    const model = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS });
    ApiObject.of(model).addJsonPatch(JsonPatch.add('/spec/logger', { percent: 10 }));
    const [object] = Testing.synth(chart);
    expect(object.metadata).toEqual({ name: 'iris', namespace: 'seldon-mesh', labels: { team: 'ml' } });
    expect(object.spec.logger).toEqual({ percent: 10 });
    expect(model.apiObject).toBe(ApiObject.of(model));
  });

  describe('rejects', () => {
    const make = (props: Partial<SeldonModelProps>, id = 'iris') => () => new SeldonModel(Testing.chart(), id, { storageUri: IRIS, ...props });

    test('names the scheduler refuses', () => {
      expect(make({ metadata: { name: 'iris.v1' } })).toThrow(
        /SeldonModel 'test\/iris': metadata.name "iris.v1" is not a valid Seldon v2 model name; a Seldon v2 name is accepted: lower-case letters, digits and "-".*no "."/);
      expect(make({}, 'iris_v1')).toThrow(
        /SeldonModel 'test\/iris_v1': metadata.name "test-iris_v1-[0-9a-f]{8}" is not a valid Seldon v2 model name \(generated from the construct path: set metadata.name, or use construct ids of lower-case letters, digits and "-"\)/);
      expect(make({ metadata: { name: 'iris-v1' } })).not.toThrow();
    });

    test('a missing, malformed or pvc:// storage URI', () => {
      expect(() => new SeldonModel(Testing.chart(), 'iris', {} as SeldonModelProps)).toThrow(/SeldonModel 'test\/iris': storageUri is missing; accepted: a ModelUri from ModelUri.gcs\(\), /);
      expect(make({ storageUri: ModelUri.parse('gs://') })).toThrow(/storageUri "gs:\/\/" names no bucket or path; accepted: gs:\/\//);
      expect(make({ storageUri: ModelUri.pvcByName('models', 'iris') })).toThrow(
        /storageUri "pvc:\/\/models\/iris" is a pvc:\/\/ URI, which only Seldon Core v1 reads; for v2, mount the claim on a SeldonServer with mountPvc\(claim, "\/var\/models"\) and use ModelUri.localPath/);
    });

    test('a secret for a local path', () => {
      const chart = Testing.chart();
      expect(() => new SeldonModel(chart, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), secret: minio(chart) })).toThrow(
        /SeldonModel 'test\/iris': secret is set, but storageUri "\/var\/models\/iris" is a local path/);
    });

    test('malformed or repeated requirements', () => {
      expect(make({ requirements: ['sklearn', ' pvc', 'sklearn'] })).toThrow(
        /requirements\[1\] " pvc" has leading or trailing spaces; Seldon would accept it[\s\S]*requirements\[2\] repeats "sklearn"; Seldon would accept the repeat \(the scheduler only tests membership.*; each requirement once/);
    });

    test('memory that is not a quantity, or negative', () => {
      expect(make({ memory: '1GB' })).toThrow(/SeldonModel 'test\/iris': memory "1GB" is not a Kubernetes quantity \(the Model CRD rejects it\); a Kubernetes quantity is accepted, e.g. "100Mi"/);
      expect(make({ memory: '-1Gi' })).toThrow(/memory "-1Gi" is negative/);
      expect(make({ memory: '1.5e9' })).not.toThrow();
      // 2^50 bytes fits an int64, but ParseQuantity keeps it as a big decimal, which AsInt64 refuses; 99Ti is on its fast path.
      expect(make({ memory: '1Pi' })).toThrow(/memory "1Pi" is not a whole number of bytes as the operator reads it \(.*a large amount with a binary suffix such as 100Ti or 1Pi\)/);
      expect(make({ memory: '100Ti' })).toThrow(/memory "100Ti" is not a whole number of bytes/);
      expect(make({ memory: '99Ti' })).not.toThrow();
    });

    test('an artifact version that is not a uint32 folder number', () => {
      expect(make({ artifactVersion: -1 })).toThrow(/SeldonModel 'test\/iris': artifactVersion -1 is not a whole number from 0 to 2147483647; the number of a version folder/);
      expect(make({ artifactVersion: 1.5 })).toThrow(/artifactVersion 1.5/);
    });

    test('scaling the operator refuses', () => {
      expect(make({ replicas: 1, minReplicas: 2 })).toThrow(
        /SeldonModel 'test\/iris': replicas is rejected by the operator \("scaling spec is invalid: number of replicas 1 must be >= min replicas 2"\)/);
    });

    test('a malformed explainer, or one explaining itself', () => {
      expect(make({ explainer: ModelExplainer.whiteBox('') })).toThrow(/SeldonModel 'test\/iris': explainer type "" is not an explainer type/);
      expect(make({ metadata: { name: 'iris' }, explainer: ModelExplainer.forModelName('anchor_tabular', 'iris') })).toThrow(/explainer explains the model "iris" itself/);
    });

    test('a parameter with an empty name', () => {
      expect(make({ parameters: { '': 'x' } })).toThrow(/SeldonModel 'test\/iris': parameters has an empty name; non-empty parameter names/);
    });
  });

  describe('storage secret (checked at synth)', () => {
    test('a v2 RcloneSecret whose remote is the URI\'s scheme passes', () => {
      const chart = Testing.chart();
      new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('s3://models/iris'), secret: minio(chart) });
      const secret = Testing.synth(chart).find(o => o.kind === 'Secret');
      expect(JSON.parse(secret.stringData.s3)).toEqual(expect.objectContaining({ type: 's3', name: 's3' }));
    });

    test('a remote named differently from the URI\'s scheme fails', () => {
      const chart = Testing.chart();
      new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('minio://models/iris'), secret: minio(chart) });
      expect(() => Testing.synth(chart)).toThrow(
        /SeldonModel 'test\/iris': secret is RcloneSecret 'test\/secret-s3-v2-document' for remote "s3", but storageUri "minio:\/\/models\/iris" names remote "minio"; the agent fails with "name from URI \(...\) does not match secret \(...\)"; an RcloneRemote named exactly "minio" \(case-sensitive\)/);
    });

    test('the comparison is case-sensitive, as the agent\'s', () => {
      const chart = Testing.chart();
      new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('S3://models/iris'), secret: minio(chart) });
      expect(() => Testing.synth(chart)).toThrow(/for remote "s3", but storageUri "S3:\/\/models\/iris" names remote "S3"/);
    });

    test('a gs:// model with a gcs-named secret is flagged, with the hint that gs needs none', () => {
      const chart = Testing.chart();
      const secret = new RcloneSecret(chart, 'gcs', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.gcs()] });
      new SeldonModel(chart, 'iris', { storageUri: IRIS, secret });
      expect(() => Testing.synth(chart)).toThrow(/names remote "gs"; .*\("gs" is also built into the runtime and needs no secret\)/);
    });

    test('a v1 (ENV_VARS) RcloneSecret fails', () => {
      const chart = Testing.chart();
      new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('s3://models/iris'), secret: minio(chart, 's3', RcloneSecretFormat.ENV_VARS) });
      expect(() => Testing.synth(chart)).toThrow(
        /SeldonModel 'test\/iris': secret is RcloneSecret 'test\/secret-s3-env-vars' in format env-vars, which the v2 agent cannot read .*; an RcloneSecret with format: RcloneSecretFormat.V2_DOCUMENT/);
      // A reference to an existing Secret is v1's format unless told: the fix is fromExistingSecret's own option.
      const refs = Testing.chart();
      const existing = RcloneSecret.fromExistingSecret(refs, 'store', 'store', { remoteNames: ['s3'] });
      new SeldonModel(refs, 'iris', { storageUri: ModelUri.parse('s3://models/iris'), secret: existing });
      expect(() => Testing.synth(refs)).toThrow(/secret is RcloneSecret 'test\/store' in format env-vars, .*; for a Secret in the v2 format, RcloneSecret\.fromExistingSecret\(scope, id, name, \{ format: RcloneSecretFormat\.V2_DOCUMENT, \.\.\. \}\) \(its format is env-vars unless given\)/);
    });

    test('an existing Secret is not inspected', () => {
      const chart = Testing.chart();
      new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('minio://models/iris'), secret: Secret.fromSecretName(chart, 's', 'minio-secret') });
      expect(Testing.synth(chart)[0].spec.secretName).toBe('minio-secret');
    });
  });
});
