// Manifests as users' repos hold them, and worse (the hostile-manifest fuzzer's findings, each kept as a case): the
// converter refuses them in words, naming the document, and never repeats a credential they carry.
import { roundTripText } from './helpers';
import { convertManifests, summaryLines } from '../../src/convert';
import { buildDeploymentGraph } from '../../src/graph';
import { parseManifestText } from '../../src/graph/manifests';

const SECRET = 'Hostile-Conv-S3cr3t';

function outcomes(text: string) {
  const result = convertManifests(text, 'hostile.yaml');
  return { result, summary: summaryLines([result]).join('\n') };
}

describe('hostile manifests', () => {
  test('a kind that is a map (one with a "toString" key too) is named as such; no TypeError, no [object Object]', () => {
    const { result, summary } = outcomes('apiVersion: v1\nkind: { toString: v, a: 1 }\nmetadata: { name: iris }\n---\napiVersion: v1\nkind: [a]\nmetadata: { name: b }\n');
    expect(result.objects.map(o => [o.object, o.kind, o.status])).toEqual([
      ['(kind not a string, document #0)/iris', '?', 'error'],
      ['(kind not a string, document #1)/b', '?', 'error'],
    ]);
    expect(summary).not.toMatch(/\[object Object\]|TypeError/);
  });

  test('a credential in an object\'s name, apiVersion or kind is masked in the outcome and the summary', () => {
    const { result, summary } = outcomes([
      `apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: { name: "https://u:${SECRET}@h/x" }\nspec: { storageUri: gs://b/m }`,
      `apiVersion: "https://u:${SECRET}@h/x"\nkind: SeldonDeployment\nmetadata: { name: iris }`,
      `apiVersion: v1\nkind: "s3://AKIA:${SECRET}@b/k"\nmetadata: { name: iris }`,
    ].join('\n---\n'));
    expect(result.objects.map(o => o.status)).toEqual(['error', 'error', 'error']);
    expect(result.objects[0].object).toBe('Model/https://***@h/x');
    expect(JSON.stringify(result.objects)).not.toContain(SECRET);
    expect(summary).not.toContain(SECRET);
  });

  test('a credential in a map key (one Seldon\'s CRD does not declare, an annotation\'s) is refused: the program would write the key into code', () => {
    const { result, summary } = outcomes([
      `apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: { name: m }\nspec: { storageUri: "gs://b/m", "https://u:${SECRET}@h": 1 }`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, annotations: { "s3://AKIA:${SECRET}@b/k": x } }`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: fine, annotations: { "example.com/team": x } }',
    ].join('\n---\n'));
    expect(result.objects.map(o => [o.status, o.message])).toEqual([
      ['error', 'hostile.yaml#0 m: not converted: /spec holds a credential (the key "https://***@h"), which the program would write into code you commit; keep it in a Secret (an RcloneSecret for a model URI)'],
      ['error', 'hostile.yaml#1 c: not converted: /metadata/annotations holds a credential (the key "s3://***@b/k"), which the program would write into code you commit; keep it in a Secret (an RcloneSecret for a model URI)'],
      ['api-object', 'no construct models this kind'],
    ]);
    expect(result.code).not.toContain(SECRET);
    expect(summary).not.toContain(SECRET);
  });

  test('a namespace that is a map is shown as JSON in the refusal', () => {
    const { result } = outcomes('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: { x: 1 } }\n');
    expect(result.objects[0].message).toBe("ConfigMap 'hostile.yaml#0 a': metadata.namespace {\"x\":1} is not a namespace name (\"the API server refuses the object\"); "
      + 'a DNS-1123 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit');
  });

  test('a Secret with a top-level field its Kubernetes type lacks is an ApiObject that keeps it (an RcloneSecret dropped it: "converter bug")', () => {
    const result = roundTripText('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { RCLONE_CONFIG_S3_TYPE: s3, RCLONE_CONFIG_S3_PROVIDER: minio }\nfoo: { name: v }\n');
    expect(result.differences).toEqual([]);
    expect(result.conversion.objects.map(o => [o.status, o.message])).toEqual([
      ['api-object', 'RcloneSecret drops /foo (its rendering keeps only the top-level fields its type declares, even after JSON patches)'],
    ]);
  });

  test('a credential outside a Secret\'s values (its type) is refused; one in an rclone option or backend type is read from the environment', () => {
    const typed = convertManifests(`apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ntype: "s3://AKIA:${SECRET}@b/k"\nstringData: { a: b }\n`, 'hostile.yaml');
    expect(typed.objects.map(o => [o.status, o.message])).toEqual([
      ['error', 'hostile.yaml#0 s: not converted: /type holds a credential ("s3://***@b/k"), which the program would write into code you commit; keep it in a Secret (an RcloneSecret for a model URI)'],
    ]);
    expect(typed.code).toBeUndefined();
    const option = roundTripText(`apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  RCLONE_CONFIG_GS_TYPE: google cloud storage\n  RCLONE_CONFIG_GS_ANONYMOUS: "https://a.blob.core.windows.net/c?sig=${SECRET}"\n`);
    expect(option.differences).toEqual([]);
    expect(option.conversion.code).toContain("anonymous: fromEnv('S_ANONYMOUS')");
    const backend = roundTripText(`apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  RCLONE_CONFIG_X_TYPE: "https://u:${SECRET}@h"\n  RCLONE_CONFIG_X_KEY: v\n`);
    expect(backend.differences).toEqual([]);
    expect(backend.conversion.objects.map(o => o.construct)).toEqual(['ApiObject']);
    for (const code of [option.conversion.code, backend.conversion.code]) expect(code).not.toContain(SECRET);
  });

  test('a Secret with `data: null` beside its rclone stringData is an ApiObject, not a TypeError of the typed rendering', () => {
    const result = roundTripText('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: null\nstringData: { RCLONE_CONFIG_S3_TYPE: s3, RCLONE_CONFIG_S3_PROVIDER: minio }\n');
    expect(result.differences).toEqual([]);
    expect(result.conversion.objects.map(o => [o.status, o.message])).toEqual([['api-object', 'RcloneSecret cannot render the JSON patches that reproduce it']]);
  });

  test('a v2 rclone document whose anchor holds an alias of itself is no rclone document: the Secret is an ApiObject, not a stack overflow', () => {
    const result = roundTripText('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  s3: |\n    type: s3\n    name: s3\n    parameters: &anc\n      again: *anc\n      provider: minio\n');
    expect(result.differences).toEqual([]);
    expect(result.conversion.objects.map(o => [o.status, o.construct])).toEqual([['api-object', 'ApiObject']]);
  });

  test('a Secret the converter does not merge (another apiVersion, data that is no base64) with a key in both data and stringData reads two variables', () => {
    for (const [apiVersion, data] of [['"false"', 'Yg=='], ['v1', '"not base64!"']]) {
      const result = roundTripText(`apiVersion: ${apiVersion}\nkind: Secret\nmetadata: { name: s }\nstringData: { K: a }\ndata: { K: ${data} }\n`);
      expect(result.differences).toEqual([]);
      expect(Object.keys(result.conversion.credentials)).toEqual(['S_K', 'S_K_DATA']);
    }
  });

  test('a Secret value holding an unrendered template as a key is read without a process warning, by convert and graph', () => {
    const emitted = jest.spyOn(process, 'emitWarning');
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  s3: |\n    {{ .Values.x }}: a\n    type: s3\n    name: s3\n';
    const result = roundTripText(text);
    buildDeploymentGraph(parseManifestText(text, 'f.yaml').objects.map(o => o.value));
    expect(emitted).not.toHaveBeenCalled();
    emitted.mockRestore();
    expect(result.differences).toEqual([]);
    expect(result.conversion.objects.map(o => o.construct)).toEqual(['ApiObject']);
  });
});
