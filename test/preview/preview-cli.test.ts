import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../cli-run';
import { tempDir } from '../temp-dir';

const SDEP = `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: iris
  namespace: models
spec:
  predictors:
    - name: default
      graph:
        name: classifier
        implementation: SKLEARN_SERVER
        modelUri: gs://seldon-models/sklearn/iris
`;

function write(text: string): string {
  const dir = tempDir('preview-');
  fs.writeFileSync(path.join(dir, 'sdep.yaml'), text);
  return dir;
}

describe('cdk8s-seldon preview', () => {
  test('prints the Deployment and Services as YAML, exit 0', () => {
    const run = runCli('preview', write(SDEP));
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const docs = parseAllDocuments(run.out.join('\n')).map(d => d.toJS());
    expect(docs.map(d => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'Deployment/models/iris-default-0-classifier', 'Service/models/iris-default-classifier', 'Service/models/iris-default',
    ]);
    // container keys in reading order
    expect(Object.keys(docs[0].spec.template.spec.containers[0]).slice(0, 2)).toEqual(['name', 'image']);
  });

  test('--restricted lists the restricted Pod Security Standard violations of default mode, exit 1', () => {
    const run = runCli('preview', write(SDEP), '--restricted');
    expect(run.code).toBe(1);
    expect(run.err).toContain('restricted: Deployment iris-default-0-classifier: classifier: allowPrivilegeEscalation is not false');
    expect(run.err).toContain('restricted: Deployment iris-default-0-classifier: classifier-model-initializer: runAsNonRoot is not true');
  });

  test('a reconcile error of the operator is reported, exit 1', () => {
    const run = runCli('preview', write(SDEP.replace('SKLEARN_SERVER', 'ACME_SERVER')));
    expect(run.code).toBe(1);
    expect(run.err).toEqual(['error: the operator would report: SeldonDeployment models/iris: Failed to get server config for ACME_SERVER']);
  });

  test('kinds, names and namespaces that are no strings are reported in words, and credentials in names and images are masked (hostile-manifest fuzzer)', () => {
    const secret = 'Prev1ewS3cr3t';
    const run = runCli('preview', write([
      'apiVersion: v1\nkind: { toString: v }\nmetadata: { name: a }',
      'apiVersion: { toString: v }\nkind: ConfigMap\nmetadata: { name: b }',
      SDEP.replace('name: iris', `name: [${Array(70).fill('x').join(', ')}]`),
      SDEP.replace('namespace: models', 'namespace: { a: 1 }'),
      SDEP.replace('name: iris', `name: "https://u:${secret}@h"`),
      `${SDEP}      componentSpecs:\n      - spec:\n          containers:\n          - name: classifier\n            image: "https://u:${secret}@registry/x"\n`,
    ].join('\n---\n')), '--restricted');
    expect(run.code).toBe(1);
    expect(run.err).toContain('error: SeldonDeployment models/(a list): not previewed: the API server would refuse it (/metadata/name: must be a string, got an array)');
    expect(run.err).toContain('error: SeldonDeployment (object)/iris: not previewed: the API server would refuse it (/metadata/namespace: must be a string, got an object)');
    expect(run.err.join('\n')).not.toMatch(/Cannot convert|\[object Object\]|must be of type string/);
    expect(run.err.join('\n')).not.toContain(secret);
  });

  test('usage errors: no files, a missing path; --help', () => {
    expect(runCli('preview').code).toBe(2);
    expect(runCli('preview', '/does/not/exist').err[0]).toBe('cdk8s-seldon: manifest path not found: /does/not/exist');
    const help = runCli('preview', '--help');
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^Usage: cdk8s-seldon preview/);
  });
});
