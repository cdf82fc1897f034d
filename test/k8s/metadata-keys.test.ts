// Review 19 (jsii shapes): `metadata` is the one struct whose further keys cdk8s writes as they are (for
// `generateName`), so a misspelt key (`lables`, a Python user's `annotation`) was written to the manifest, where the
// API server refuses it under strict field validation or drops it, and the labels were lost. Keys that are not
// ObjectMeta fields are now refused (src/k8s/metadata-rules.ts), as unknown keys of the library's own structs are.
import { ApiObjectMetadata, Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonModel } from '../../src';

const GS = ModelUri.parse('gs://x/y');
const misspelt = (metadata: Record<string, unknown>) => metadata as ApiObjectMetadata;

describe('metadata keys that are not fields of Kubernetes ObjectMeta', () => {
  test('a misspelt key is refused at synth, naming the construct, the key, the field it was meant to be and the fields accepted', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'm', { metadata: misspelt({ lables: { team: 'a' } }), storageUri: GS, requirements: ['sklearn'] });
    expect(() => Testing.synth(chart)).toThrow('SeldonModel \'test/m\': metadata.lables is not a field of Kubernetes ObjectMeta (did you mean "labels"?): '
      + 'the API server refuses it (strict field validation, kubectl apply\'s default) or drops it; the fields of ObjectMeta: name, generateName, namespace, '
      + 'labels, annotations, finalizers, ownerReferences, selfLink, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, '
      + 'deletionGracePeriodSeconds, managedFields');
  });

  test('v1, and an RcloneSecret: the same', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { metadata: misspelt({ annotation: { a: 'b' } }), server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y') });
    new RcloneSecret(chart, 's', { metadata: misspelt({ name_space: 'x' }), remotes: [RcloneRemote.s3({ envAuth: true })] });
    expect(() => Testing.synth(chart)).toThrow(/PrepackagedModel 'test\/m': metadata.annotation is not a field of Kubernetes ObjectMeta \(did you mean "annotations"\?\)[^]*RcloneSecret 'test\/s': metadata.name_space is not a field/);
  });

  test('controls: generateName and the other ObjectMeta fields cdk8s passes on are written', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'm', { metadata: misspelt({ name: 'm', labels: { a: 'b' }, finalizers: ['x/y'], generateName: 'm-' }), storageUri: GS, requirements: ['sklearn'] });
    expect(Testing.synth(chart)[0].metadata).toEqual(expect.objectContaining({ generateName: 'm-', finalizers: ['x/y'], labels: { a: 'b' } }));
  });
});

describe('the total size of annotations (apimachinery ValidateAnnotations: 256 KiB of keys and values)', () => {
  test('a construct whose annotations pass 262,144 bytes is refused at synth; at the limit it is written', () => {
    const over = Testing.chart();
    // 131,072 two-byte characters: 262,144 bytes of value, plus the key.
    new SeldonModel(over, 'm', { metadata: { annotations: { note: 'é'.repeat(131_072) } }, storageUri: GS, requirements: ['sklearn'] });
    expect(() => Testing.synth(over)).toThrow("SeldonModel 'test/m': metadata.annotations hold 262148 bytes (keys and values), more than the API server accepts "
      + '(ValidateAnnotations: 256 KiB in all); at most 262144 bytes of annotations; keep large data in a ConfigMap or Secret');
    const at = Testing.chart();
    new SeldonModel(at, 'm', { metadata: { annotations: { note: 'x'.repeat(262_140) } }, storageUri: GS, requirements: ['sklearn'] });
    expect(Testing.synth(at)[0].metadata.annotations.note).toHaveLength(262_140);
  });
});

test('a construct\'s generateName is checked as the API server checks it, a name\'s prefix that may end with "-"', () => {
  const chart = Testing.chart();
  new SeldonModel(chart, 'ok', { metadata: misspelt({ generateName: 'iris-' }), storageUri: GS, requirements: ['sklearn'] });
  new SeldonModel(chart, 'bad', { metadata: misspelt({ generateName: 'Iris_' }), storageUri: GS, requirements: ['sklearn'] });
  expect(() => Testing.synth(chart)).not.toThrow(/test\/ok/);
  expect(() => Testing.synth(chart)).toThrow(/SeldonModel 'test\/bad': metadata\.generateName "Iris_" is not a valid prefix of a name; a DNS-1123 subdomain is accepted: [^\n]*; the last character may be "-"/);
});
