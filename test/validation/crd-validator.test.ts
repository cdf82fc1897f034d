import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { WIDGET_API_VERSION, widget, widgetCrd, widgetCrdYaml } from './widget-crd';

import { bundledRegistry, CrdSchemaRegistry, CrdValidator, splitApiVersion, ValidationReport } from '../../src/validation';
import { tempDir } from '../temp-dir';

function registry(...crds: unknown[]): CrdSchemaRegistry {
  const r = new CrdSchemaRegistry();
  crds.forEach((crd, i) => r.addCrd(crd, `crd-${i}`));
  return r;
}

function validate(spec: unknown, options: { strict?: boolean } = {}): ValidationReport {
  return new CrdValidator(registry(widgetCrd()), options).validateObject(widget(spec));
}

/** `path: reason` of every error, for compact assertions. */
function problems(report: ValidationReport): string[] {
  return report.errors.map(e => `${e.path}: ${e.reason}`);
}

describe('splitApiVersion', () => {
  test('splits group and version; the core group is empty', () => {
    expect(splitApiVersion('mlops.seldon.io/v1alpha1')).toEqual({ group: 'mlops.seldon.io', version: 'v1alpha1' });
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
  });
});

describe('CrdSchemaRegistry', () => {
  test('registers served versions by apiVersion and kind', () => {
    const r = new CrdSchemaRegistry();
    expect(r.addYaml(widgetCrdYaml(), 'widgets.yaml')).toBe(1);
    expect(r.lookup(WIDGET_API_VERSION, 'Widget')?.source).toBe('widgets.yaml#0');
    expect(r.lookup('demo.example.com/v1beta1', 'Widget')).toBeUndefined();
    expect(r.lookup(WIDGET_API_VERSION, 'Gadget')).toBeUndefined();
    expect(r.hasGroup('demo.example.com')).toBe(true);
    expect(r.hasGroup('example.com')).toBe(false);
  });

  test('ignores documents that are not CRDs, and warns about partial CRDs', () => {
    const text = [
      stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
      stringify({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'patch' }, spec: { conversion: {} } }),
      widgetCrdYaml(),
    ].join('---\n');
    const r = new CrdSchemaRegistry();
    expect(r.addYaml(text, 'mixed.yaml')).toBe(1);
    expect(r.size).toBe(1);
    expect(r.warnings).toEqual([expect.stringContaining('mixed.yaml#1: CRD patch has no spec.group')]);
  });

  test('reads CRDs from a v1 List, as kubectl get writes several', () => {
    const r = new CrdSchemaRegistry();
    expect(r.addYaml(stringify({ apiVersion: 'v1', kind: 'List', items: [widgetCrd()] }), 'list.yaml')).toBe(1);
    expect(r.lookup(WIDGET_API_VERSION, 'Widget')?.source).toBe('list.yaml#0/items/0');
  });

  test('keeps the first CRD for a duplicated kind and warns', () => {
    const other = widgetCrd({ required: ['spec'] });
    const r = registry(widgetCrd(), other);
    expect(r.size).toBe(1);
    expect(r.lookup(WIDGET_API_VERSION, 'Widget')?.source).toBe('crd-0');
    expect(r.warnings).toEqual([expect.stringContaining('already defined by crd-0')]);
  });

  test('supports v1beta1 CRDs with a CRD-wide schema', () => {
    const r = registry({
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'olds.demo.example.com' },
      spec: {
        group: 'demo.example.com',
        version: 'v1',
        names: { kind: 'Old' },
        validation: { openAPIV3Schema: { type: 'object', required: ['spec'] } },
      },
    });
    const report = new CrdValidator(r).validateObject({ apiVersion: WIDGET_API_VERSION, kind: 'Old', metadata: { name: 'o' } });
    expect(problems(report)).toEqual([': missing required field "spec"']);
  });

  test('loads directories recursively, in file-name order, skipping other files', () => {
    const dir = tempDir('crds-');
    fs.mkdirSync(path.join(dir, 'bases'));
    fs.writeFileSync(path.join(dir, 'bases', 'widgets.yaml'), widgetCrdYaml());
    fs.writeFileSync(path.join(dir, 'README.md'), '# not yaml: [');
    fs.writeFileSync(path.join(dir, 'broken.yml'), 'a: [');
    const r = CrdSchemaRegistry.fromPaths([dir]);
    expect(r.size).toBe(1);
    expect(r.files.map(f => path.relative(dir, f))).toEqual([path.join('bases', 'widgets.yaml'), 'broken.yml']);
    expect(r.warnings).toEqual([expect.stringContaining('broken.yml#0: not loaded, YAML error')]);
  });

  test('throws for a path that does not exist', () => {
    expect(() => CrdSchemaRegistry.fromPaths(['/nonexistent/crds'])).toThrow(/ENOENT/);
  });
});

describe('CrdValidator', () => {
  test('accepts a valid object', () => {
    const report = validate({ size: 2, port: 8080, mode: 'slow', labels: { a: 'b' }, tags: ['x', 'y'] });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ valid: true, documents: 1, validated: 1, skipped: 0 });
  });

  test('reports a missing required field at the parent path, with file, document and object', () => {
    const report = new CrdValidator(registry(widgetCrd())).validateObject(widget({ port: 1 }, 'w1'), { file: 'a.yaml', documentIndex: 3 });
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([{
      file: 'a.yaml',
      documentIndex: 3,
      apiVersion: WIDGET_API_VERSION,
      kind: 'Widget',
      namespace: 'ns',
      name: 'w1',
      object: 'Widget/ns/w1',
      path: '/spec',
      reason: 'missing required field "size"',
      category: 'schema',
    }]);
  });

  test('reports every error, with JSON paths into arrays', () => {
    const report = validate({ size: 'big', mode: 'medium', parts: [{ name: 'a' }, { count: 'two' }] });
    expect(problems(report)).toEqual(expect.arrayContaining([
      '/spec/size: must be an integer, got "big"',
      '/spec/mode: must be one of "fast", "slow", got "medium"',
      '/spec/parts/1: missing required field "name"',
      '/spec/parts/1/count: must be an integer, got "two"',
    ]));
    expect(report.errors).toHaveLength(4);
  });

  test('x-kubernetes-int-or-string accepts integers and strings, and rejects others with one error', () => {
    expect(validate({ size: 1, port: 80 }).valid).toBe(true);
    expect(validate({ size: 1, port: 'http' }).valid).toBe(true);
    expect(problems(validate({ size: 1, port: true }))).toEqual(['/spec/port: must be an integer or a string, got true']);
    expect(problems(validate({ size: 1, port: 1.5 }))).toEqual(['/spec/port: must be an integer or a string, got 1.5']);
  });

  test('checks formats: int32 range', () => {
    expect(problems(validate({ size: 2 ** 31 }))).toEqual(['/spec/size: must be a valid int32, got 2147483648']);
  });

  test('checks minimum', () => {
    expect(problems(validate({ size: 0 }))).toEqual(['/spec/size: must be >= 1, got 0']);
  });

  test('x-kubernetes-preserve-unknown-fields keeps unknown fields, even in strict mode, but checks known ones', () => {
    expect(validate({ size: 1, extra: { anything: { goes: 1 } } }, { strict: true }).valid).toBe(true);
    expect(problems(validate({ size: 1, extra: { known: 5 } }))).toEqual(['/spec/extra/known: must be a string, got 5']);
  });

  test('unknown fields pass by default (the API server prunes them) and fail in strict mode', () => {
    const spec = { size: 1, sise: 2, parts: [{ name: 'a', cuont: 1 }] };
    expect(validate(spec).valid).toBe(true);
    expect(problems(validate(spec, { strict: true }))).toEqual([
      '/spec/sise: unknown field "sise" (not in the CRD schema; strict mode)',
      '/spec/parts/0/cuont: unknown field "cuont" (not in the CRD schema; strict mode)',
    ]);
  });

  test('strict mode leaves maps (additionalProperties schemas) and the top level metadata open', () => {
    const report = new CrdValidator(registry(widgetCrd()), { strict: true })
      .validateObject(widget({ size: 1, labels: { anything: 'x' } }, 'w', { metadata: { name: 'w', labels: { a: 'b' } } }));
    expect(report.errors).toEqual([]);
  });

  test('strict mode does not apply to legacy CRDs that preserve unknown fields', () => {
    const crd = widgetCrd();
    (crd.spec as { [key: string]: unknown }).preserveUnknownFields = true;
    const report = new CrdValidator(registry(crd), { strict: true }).validateObject(widget({ size: 1, sise: 2 }));
    expect(report.valid).toBe(true);
  });

  test('null values of non-nullable fields are pruned like the API server does', () => {
    expect(validate({ size: 1, labels: null, tags: null, note: null }).valid).toBe(true);
    expect(problems(validate({ size: null }))).toEqual(['/spec: missing required field "size"']);
  });

  test('defaults are applied before list-map keys are compared', () => {
    expect(validate({ size: 1, ports: [{ port: 80 }, { port: 80, protocol: 'UDP' }] }).valid).toBe(true);
    expect(problems(validate({ size: 1, ports: [{ port: 80 }, { port: 81 }, { port: 80, protocol: 'TCP' }] }))).toEqual([
      '/spec/ports/2: duplicate entry: port=80, protocol="TCP" is also at index 0 (x-kubernetes-list-type: map)',
    ]);
  });

  test('x-kubernetes-list-type: set rejects duplicates', () => {
    expect(problems(validate({ size: 1, tags: ['a', 'b', 'a'] }))).toEqual([
      '/spec/tags/2: duplicate value "a", also at index 0 (x-kubernetes-list-type: set)',
    ]);
  });

  test('x-kubernetes-embedded-resource requires apiVersion and kind', () => {
    expect(validate({ size: 1, template: { apiVersion: 'v1', kind: 'Pod', spec: { x: 1 } } }, { strict: true }).valid).toBe(true);
    expect(problems(validate({ size: 1, template: { metadata: {} } }))).toEqual([
      '/spec/template: missing required field "apiVersion"',
      '/spec/template: missing required field "kind"',
    ]);
  });

  test('does not modify the object it validates', () => {
    const object = widget({ size: 1, labels: null, ports: [{ port: 80 }] });
    const before = JSON.stringify(object);
    new CrdValidator(registry(widgetCrd())).validateObject(object);
    expect(JSON.stringify(object)).toBe(before);
  });

  test('reports Seldon objects whose kind or version has no CRD loaded', () => {
    const v = new CrdValidator(registry(widgetCrd()));
    const report = v.validateObjects([
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'm', namespace: 'seldon' }, spec: {} },
      { apiVersion: 'demo.example.com/v1beta1', kind: 'Widget', metadata: { name: 'w' } },
    ], 'objs');
    expect(report.validated).toBe(2);
    expect(report.errors.map(e => [e.documentIndex, e.object, e.category, e.path])).toEqual([
      [0, 'Model/seldon/m', 'unknown-kind', ''],
      [1, 'Widget/w', 'unknown-kind', ''],
    ]);
    expect(report.errors[0].reason).toBe(
      'unknown kind/version: no CRD loaded for mlops.seldon.io/v1alpha1 Model (no CRD of group mlops.seldon.io loaded)');
    expect(report.errors[1].reason).toContain('(loaded for demo.example.com: Widget v1)');
  });

  test('skips and counts objects of other groups; documents that are no object are errors, as kubectl refuses them', () => {
    const report = new CrdValidator(registry(widgetCrd())).validateObjects([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: 'anything' },
      { apiVersion: 'v1', kind: 'Secret' },
      ['not', 'an', 'object'],
      { no: 'kind' },
      widget({ size: 1 }),
    ]);
    expect(report).toMatchObject({ valid: false, documents: 5, validated: 1, skipped: 2 });
    expect(report.warnings).toEqual([]);
    expect(report.errors.map(e => [e.documentIndex, e.object, e.reason, e.category])).toEqual([
      [2, '(not an object)', 'not a Kubernetes object (a list)', 'yaml'],
      [3, '(not an object)', 'no apiVersion or kind: not a Kubernetes object', 'yaml'],
    ]);
  });

  test('a kind of a loaded group under another group is an error naming the versions it is served as', () => {
    const report = new CrdValidator(bundledRegistry()).validateObjects([
      { apiVersion: 'v1', kind: 'SeldonDeployment', metadata: { name: 'a' }, spec: {} },
      { apiVersion: 'machinelearning.seldon.io', kind: 'SeldonDeployment', metadata: { name: 'b' }, spec: {} },
    ]);
    expect(report.errors.map(e => `${e.object}: ${e.reason}`)).toEqual([
      'SeldonDeployment/a: unknown kind/version: SeldonDeployment is served as machinelearning.seldon.io/v1, machinelearning.seldon.io/v1alpha2, machinelearning.seldon.io/v1alpha3; got apiVersion "v1"',
      'SeldonDeployment/b: unknown kind/version: SeldonDeployment is served as machinelearning.seldon.io/v1, machinelearning.seldon.io/v1alpha2, machinelearning.seldon.io/v1alpha3; got apiVersion "machinelearning.seldon.io"',
    ]);
    // A kind of the same name in another group is another resource (Tekton's Pipeline, Katib's Experiment): skipped.
    const others = new CrdValidator(bundledRegistry()).validateObjects([
      { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'build' }, spec: { tasks: [] } },
      { apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune' }, spec: {} },
      { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: { name: 's' }, spec: {} },
    ]);
    expect(others).toMatchObject({ valid: true, skipped: 3 });
    expect(new CrdValidator(bundledRegistry()).validateObjects([{ apiVersion: 'MLOPS.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'm' } }]).valid).toBe(false);
  });

  describe('YAML', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      stringify(widget({ size: 1 }, 'good')),
      stringify(widget({ size: 'x' }, 'bad')),
      '# only a comment\n',
      'apiVersion: v1\nkind: List\nitems:\n'
        + `- {apiVersion: ${WIDGET_API_VERSION}, kind: Widget, metadata: {name: a}, spec: {size: 1}}\n`
        + `- {apiVersion: ${WIDGET_API_VERSION}, kind: Widget, metadata: {name: b}, spec: {}}\n`,
      'a: [unclosed\n',
    ].join('---\n');

    test('reports file, document index and object for each error; empty documents are not counted', () => {
      const report = new CrdValidator(registry(widgetCrd())).validateYaml(text, 'app.yaml');
      expect(report).toMatchObject({ documents: 6, validated: 4, skipped: 1 });
      expect(report.errors.map(e => `${e.file}#${e.documentIndex} ${e.object} ${e.path}: ${e.reason}`)).toEqual([
        'app.yaml#2 Widget/ns/bad /spec/size: must be an integer, got "x"',
        'app.yaml#4 Widget/b /items/1/spec: missing required field "size"',
        expect.stringMatching(/^app\.yaml#5 \(unparsed\) : YAML error: .+[^:]$/),
      ]);
      expect(report.errors[2].category).toBe('yaml');
    });

    test('reads YAML 1.1 like kubectl and cdk8s: unquoted yes is a boolean', () => {
      const report = new CrdValidator(registry(widgetCrd()))
        .validateYaml(`apiVersion: ${WIDGET_API_VERSION}\nkind: Widget\nmetadata: {name: y}\nspec: {size: 1, note: yes}\n`);
      // `y` is a YAML 1.1 boolean too: the API server refuses the name as well (object-meta.ts).
      expect(problems(report)).toEqual(['/metadata/name: must be a string, got true', '/spec/note: must be a string, got true']);
    });

    test('dates and colon-separated numbers stay strings, as kubectl reads them', () => {
      const v = new CrdValidator(registry(widgetCrd()));
      for (const note of ['2024-01-01', '10:30']) {
        const report = v.validateYaml(`apiVersion: ${WIDGET_API_VERSION}\nkind: Widget\nmetadata: {name: w}\nspec: {size: 0755, note: ${note}}\n`);
        // 0755 is octal 493 in YAML 1.1: valid; the note is a string: valid.
        expect(report.errors).toEqual([]);
      }
    });
  });

  test('metadata as the API server checks it before the schema: a name that is a DNS-1123 subdomain (or generateName), a namespace that is a DNS-1123 label', () => {
    const v = new CrdValidator(registry(widgetCrd()));
    const meta = (metadata: unknown) => problems(v.validateObject({ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata, spec: { size: 1 } }));
    expect(meta({ name: 'a.b-c', namespace: 'ns-1' })).toEqual([]);
    expect(meta({ generateName: 'w-' })).toEqual([]);
    // null is decoded as "", and "" is unset: a name generated, the namespace of the request.
    expect(meta({ name: '', generateName: 'w-', namespace: null })).toEqual([]);
    expect(meta({ name: null, generateName: 'w-', namespace: '' })).toEqual([]);
    // generateName is a name's prefix, which may end with "-".
    expect(meta({ generateName: 'Model_' })).toEqual([
      '/metadata/generateName: "Model_" is not a valid prefix of a name; a DNS-1123 subdomain is accepted: at most 253 characters of a-z, 0-9, "-" and ".", '
        + 'each dot-separated part starting and ending with a letter or digit; the last character may be "-"',
    ]);
    expect(meta({ generateName: 3 })).toEqual(['/metadata/name: is missing; the API server requires a name (or generateName)', '/metadata/generateName: must be a string, got 3']);
    expect(meta({ name: '', namespace: 'ns' })).toEqual(['/metadata/name: is missing; the API server requires a name (or generateName)']);
    expect(meta({ name: 'x'.repeat(253) })).toEqual([]);
    expect(meta({ name: 'Upper_Case' })).toEqual([
      '/metadata/name: "Upper_Case" is not a valid object name; a DNS-1123 subdomain is accepted: at most 253 characters of a-z, 0-9, "-" and ".", each dot-separated part starting and ending with a letter or digit',
    ]);
    expect(meta({ name: 'x'.repeat(254) })).toEqual([expect.stringMatching(/^\/metadata\/name: "x+\.\.\. is not a valid object name; a DNS-1123 subdomain/)]);
    expect(meta({ name: 'https://u:hunter2@h' })).toEqual([expect.stringMatching(/^\/metadata\/name: "https:\/\/\*\*\*@h" is not a valid object name/)]);
    expect(meta({ name: 'w', namespace: 'a.b' })).toEqual([
      '/metadata/namespace: "a.b" is not a valid namespace; a DNS-1123 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
    ]);
    expect(meta({ name: 'w', namespace: 7 })).toEqual(['/metadata/namespace: must be a string, got 7']);
    expect(meta({ namespace: 'ns' })).toEqual(['/metadata/name: is missing; the API server requires a name (or generateName)']);
    expect(meta(undefined)).toEqual(['/metadata: is missing; the API server requires metadata.name']);
    expect(meta([])).toEqual(['/metadata: must be an object, got an array']);
    // The rules every object's metadata follows (src/k8s/metadata-rules.ts), as the API server checks them for a custom resource too.
    expect(meta({ name: 'w', labels: { 'bad key': 'x', 'team': 'a b', 'version': 1 }, annotations: { 'ok.example.com/x': 'y', '/nope': 'z' } })).toEqual([
      expect.stringMatching(/^\/metadata\/labels: key "bad key" is not a qualified name; /),
      expect.stringMatching(/^\/metadata\/labels: value "a b" is not a label value; /),
      expect.stringMatching(/^\/metadata\/labels: value 1 is not a string; /),
      expect.stringMatching(/^\/metadata\/annotations: key "\/nope" is not a qualified name; /),
    ]);
    // A null label value decodes as "" (a valid value); an annotation value that is no string does not decode.
    expect(meta({ name: 'w', labels: { team: null }, annotations: { note: null } })).toEqual([]);
    expect(meta({ name: 'w', annotations: { 'replicas': 1, 'on': true, 'https://u:hunter2@h': { a: 1 } } })).toEqual([
      '/metadata/annotations: value of key "replicas" must be a string, got 1; quote it in YAML',
      '/metadata/annotations: value of key "on" must be a string, got true; quote it in YAML',
      expect.stringMatching(/^\/metadata\/annotations: value of key "https:\/\/\*\*\*@h" must be a string, got an object; /),
      expect.stringMatching(/^\/metadata\/annotations: key "https:\/\/\*\*\*@h" is not a qualified name; /),
    ]);
    expect(meta({ name: 'w', lables: { team: 'a' } })).toEqual([expect.stringMatching(/^\/metadata\/lables: is not a field of Kubernetes ObjectMeta \(did you mean "labels"\?\)/)]);
    // The unknown key is a JSON pointer's token, without a URL's user info.
    expect(meta({ 'name': 'w', 'example.com/owner': 'a', 'https://u:hunter2@h': 1 })).toEqual([
      expect.stringMatching(/^\/metadata\/example.com~1owner: is not a field of Kubernetes ObjectMeta/),
      expect.stringMatching(/^\/metadata\/https:~1~1\*\*\*@h: is not a field of Kubernetes ObjectMeta/),
    ]);
    expect(meta({ name: 'w', labels: ['team'] })).toEqual(['/metadata/labels: must be a map, got an array']);
    // Beside a schema error, both are told, the metadata's first.
    expect(problems(v.validateObject({ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'A' }, spec: { size: 'big' } })))
      .toEqual([expect.stringMatching(/^\/metadata\/name: "A" is not a valid object name/), expect.stringMatching(/^\/spec\/size: /)]);
  });

  test('compiles each schema once, on first use', () => {
    const crd = widgetCrd();
    const r = registry(crd, {
      ...crd,
      metadata: { name: 'gadgets.demo.example.com' },
      spec: { ...(crd.spec as object), names: { kind: 'Gadget' } },
    });
    const v = new CrdValidator(r);
    const first = v.validateObjects([widget({ size: 1 }), widget({ size: 2 })]);
    expect(first.compiled.map(c => c.kind)).toEqual(['Widget']);
    expect(first.compiled[0].ms).toBeGreaterThan(0);
    const second = v.validateObjects([widget({ size: 3 }), { ...widget({ size: 1 }), kind: 'Gadget' }]);
    expect(second.compiled.map(c => c.kind)).toEqual(['Gadget']);
    expect(v.validateObject(widget({})).compiled).toEqual([]);
  });

  test('reports a CRD schema that cannot be compiled, once per object', () => {
    const crd = widgetCrd({ properties: { spec: { type: 'string', pattern: '(' } } });
    const report = new CrdValidator(registry(crd)).validateObjects([widget('a'), widget('b')]);
    expect(report.compiled).toHaveLength(1);
    expect(report.errors.map(e => [e.category, e.path])).toEqual([['compile', ''], ['compile', '']]);
    expect(report.errors[0].reason).toMatch(/^the CRD schema for demo\.example\.com\/v1 Widget from crd-0 could not be compiled: /);
  });

  test('warns that CEL rules are not evaluated', () => {
    const crd = widgetCrd({ 'x-kubernetes-validations': [{ rule: 'self.spec.size < 10' }] });
    const report = new CrdValidator(registry(crd)).validateObject(widget({ size: 100 }));
    expect(report.valid).toBe(true);
    expect(report.warnings).toEqual([expect.stringContaining('CEL rules (x-kubernetes-validations)')]);
  });

  test('validateFiles reads files and directories', () => {
    const dir = tempDir('manifests-');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), stringify(widget({ size: 1 })));
    fs.writeFileSync(path.join(dir, 'sub', 'b.json'), JSON.stringify(widget({})));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');
    const report = new CrdValidator(registry(widgetCrd())).validateFiles([dir]);
    expect(report).toMatchObject({ files: 2, validated: 2 });
    expect(report.errors.map(e => [path.relative(dir, e.file), e.path])).toEqual([[path.join('sub', 'b.json'), '/spec']]);
  });
});

test('validate refuses annotations the API server refuses for their total size', () => {
  const v = new CrdValidator(registry(widgetCrd()));
  const report = v.validateObject(widget({ size: 1 }, 'w', { metadata: { name: 'w', annotations: { big: 'x'.repeat(262_142) } } }));
  expect(problems(report)).toEqual([expect.stringMatching(/^\/metadata\/annotations: hold 262145 bytes \(keys and values\), more than the API server accepts/)]);
});
