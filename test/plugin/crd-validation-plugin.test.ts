import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { PluginValidationContext, PluginViolation, SeldonCrdValidation } from '../../src/plugin';
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
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
    expect(violations[0].violatingResources).toEqual([{ resourceName: expect.stringContaining('big'), locations: ['/spec/size'], manifestPath: manifest }]);
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

  test('needs its CRDs', () => {
    expect(() => new SeldonCrdValidation({})).toThrow(/SeldonCrdValidation: properties.crds is missing; list CRD files or directories/);
  });
});
