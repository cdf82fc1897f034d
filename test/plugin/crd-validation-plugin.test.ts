import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectProps, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { PluginValidationContext, PluginViolation, SeldonCrdValidation } from '../../src/plugin';
import { tempDir } from '../temp-dir';
import { widget, widgetCrdYaml } from '../validation/widget-crd';

/** A stand-in for cdk8s-cli's ValidationContext, recording what the plugin reports. */
function fakeContext(manifests: string[]) {
  const violations: PluginViolation[] = [];
  const submitted: Array<{ status: string; metadata?: { [key: string]: string } }> = [];
  const logs: string[] = [];
  const context: PluginValidationContext = {
    manifests,
    report: { addViolation: v => violations.push(v), submit: (status, metadata) => submitted.push({ status, metadata }) },
    logger: { log: m => logs.push(m) },
  };
  return { context, violations, submitted, logs };
}

describe('SeldonCrdValidation (cdk8s validation plugin)', () => {
  const dir = tempDir('plugin-');
  const crd = path.join(dir, 'widget-crd.yaml');
  fs.writeFileSync(crd, widgetCrdYaml());

  test('reports success when every object matches its CRD', async () => {
    const manifest = path.join(dir, 'ok.k8s.yaml');
    fs.writeFileSync(manifest, stringify(widget({ size: 3 })));
    const { context, violations, submitted, logs } = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(context);
    expect(violations).toEqual([]);
    expect(submitted).toEqual([{ status: 'success', metadata: { validated: '1', errors: '0' } }]);
    expect(logs[0]).toMatch(/1 Seldon objects validated, 0 errors/);
  });

  test('reports each broken rule with the resource, its JSON path and its manifest', async () => {
    const manifest = path.join(dir, 'bad.k8s.yaml');
    fs.writeFileSync(manifest, stringify(widget({ size: 'large' }, 'big')));
    const { context, violations, submitted } = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(context);
    expect(submitted[0].status).toBe('failure');
    expect(violations).toHaveLength(1);
    expect(violations[0].ruleName).toMatch(/^Widget \/spec\/size: /);
    expect(violations[0].violatingResources).toEqual([{ resourceName: 'big', locations: ['/spec/size'], manifestPath: manifest }]);
  });

  test('names each resource as cdk8s keys dist/construct-metadata.json, so cdk8s-cli reports its construct path', async () => {
    const outdir = path.join(dir, 'app-out');
    const app = new App({ outdir, recordConstructMetadata: true });
    const object = widget({ size: 'large' }, 'big');
    new ApiObject(new Chart(app, 'widgets'), 'big-widget', object as unknown as ApiObjectProps);
    app.synth();
    const { context, violations } = fakeContext([path.join(outdir, 'widgets.k8s.yaml')]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(context);
    const metadata = JSON.parse(fs.readFileSync(path.join(outdir, 'construct-metadata.json'), 'utf8'));
    expect(metadata.resources[violations[0].violatingResources[0].resourceName]).toEqual({ path: 'widgets/big-widget' });
  });

  test('strict mode rejects fields the schema does not list', async () => {
    const manifest = path.join(dir, 'typo.k8s.yaml');
    fs.writeFileSync(manifest, stringify(widget({ size: 3, colour: 'red' })));
    const lenient = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(lenient.context);
    expect(lenient.submitted[0].status).toBe('success');
    const strict = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd], strict: true }).validate(strict.context);
    expect(strict.submitted[0].status).toBe('failure');
    expect(strict.violations[0].ruleName).toMatch(/colour/);
  });

  test('without crds, checks every Seldon kind against the schemas shipped with the package', async () => {
    const manifest = path.join(dir, 'seldon.k8s.yaml');
    const model = (name: string, spec: object) => ({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name }, spec });
    const pipeline = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { steps: [{ name: 'a' }], output: { steps: ['a'] } } };
    fs.writeFileSync(manifest, [model('a', { storageUri: 'gs://m/a' }), pipeline, widget({ size: 3 })].map(o => stringify(o)).join('---\n'));
    const ok = fakeContext([manifest]);
    await new SeldonCrdValidation().validate(ok.context);
    expect(ok.violations).toEqual([]);
    // The Widget's group has no CRD loaded: skipped, not an error.
    expect(ok.submitted).toEqual([{ status: 'success', metadata: { validated: '2', errors: '0' } }]);

    fs.writeFileSync(manifest, stringify(model('b', { storageURI: 'gs://m/b' })));
    const typo = fakeContext([manifest]);
    await new SeldonCrdValidation({ strict: true }).validate(typo.context);
    expect(typo.submitted[0].status).toBe('failure');
    expect(typo.violations.map(v => v.ruleName)).toEqual([
      'Model /spec: missing required field "storageUri"',
      'Model /spec/storageURI: unknown field "storageURI" (not in the CRD schema; strict mode)',
    ]);
  });

  test('crds replace the shipped schemas', async () => {
    const manifest = path.join(dir, 'model.k8s.yaml');
    fs.writeFileSync(manifest, stringify({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'm' }, spec: { storageUri: 'gs://m' } }));
    const { context, violations } = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(context);
    expect(violations[0].ruleName).toMatch(/^Model \/: unknown kind\/version: no CRD loaded for mlops.seldon.io\/v1alpha1 Model/);
  });

  test.each([
    ['an empty list', { crds: [] }, /properties.crds \[\] is not a list of paths; list CRD files or directories .* or leave crds out/],
    ['a string', { crds: 'crds/' }, /properties.crds "crds\/" is not a list of paths/],
    ['strict as a string', { strict: 'yes' }, /properties.strict "yes" is not a boolean; true or false/],
  ])('rejects wrong properties: %s', (_name, properties, message) => {
    expect(() => new SeldonCrdValidation(properties as any)).toThrow(message);
  });

  test('crds that do not exist, or hold no CRD, are the plugin\'s error naming properties.crds, not every object\'s', async () => {
    const manifest = path.join(dir, 'one.k8s.yaml');
    fs.writeFileSync(manifest, stringify(widget({ size: 3 })));
    const missing = fakeContext([manifest]);
    await expect(new SeldonCrdValidation({ crds: [path.join(dir, 'nowhere')] }).validate(missing.context))
      .rejects.toThrow(/SeldonCrdValidation: properties.crds: .*nowhere not found/);
    const empty = path.join(dir, 'empty-crds');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    await expect(new SeldonCrdValidation({ crds: [empty] }).validate(fakeContext([manifest]).context))
      .rejects.toThrow(/properties.crds: no CustomResourceDefinition found in .*empty-crds/);
  });

  test('an issue that is no schema mismatch gets its own recommendation (a document that is no object)', async () => {
    const manifest = path.join(dir, 'list-doc.k8s.yaml');
    fs.writeFileSync(manifest, '- not\n- an object\n');
    const { context, violations } = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd] }).validate(context);
    expect(violations.map(v => v.recommendation)).toEqual(['The file holds something that is no Kubernetes object, or cannot be read.']);
  });

  test('the registry\'s and the report\'s warnings are logged', async () => {
    const duplicate = path.join(dir, 'widget-crd-again.yaml');
    fs.writeFileSync(duplicate, widgetCrdYaml());
    const manifest = path.join(dir, 'two.k8s.yaml');
    fs.writeFileSync(manifest, stringify(widget({ size: 3 })));
    const { context, logs } = fakeContext([manifest]);
    await new SeldonCrdValidation({ crds: [crd, duplicate] }).validate(context);
    expect(logs).toContainEqual(expect.stringMatching(/^SeldonCrdValidation: warning: .*widget-crd-again.yaml#0: demo.example.com\/v1 Widget is already defined by/));
  });
});

