/** Manifest files read as kubectl reads them, for every command (src/validation/manifest-documents.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { parseManifestText, readManifests } from '../../src/graph/manifests';
import { bundledRegistry, CrdValidator, manifestDocuments, readManifestFile } from '../../src/validation';
import { tempDir } from '../temp-dir';

const validator = new CrdValidator(bundledRegistry());

describe('manifest documents', () => {
  test('anchors and merges, however many a file shares, are read (go-yaml reads them; yaml\'s default stops at 100)', () => {
    const env = Array.from({ length: 150 }, (_, i) => `  k${i}: *v`).join('\n');
    const [doc] = manifestDocuments(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cm }\nshared: &v x\ndata:\n${env}\n`);
    expect(doc.error).toBeUndefined();
    expect(Object.keys((doc.value as any).data)).toHaveLength(150);
  });

  test('an unrendered template (a map used as a key) is a YAML error naming the line, and no process warning', () => {
    // Node emits the 'warning' event on a later tick: a listener would hear nothing before the assertion. The call is synchronous.
    const emitted = jest.spyOn(process, 'emitWarning');
    try {
      const docs = manifestDocuments('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n');
      expect(docs[0].error).toBe('YAML error: a map key is itself a map or list at line 4 (an unrendered template? run helm template first)');
      expect((docs[1].value as any).metadata.name).toBe('ok');
      expect(emitted).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
    }
  });

  test('maps and lists nested more than 256 levels are a YAML error naming the line: every reader walks a document recursively', () => {
    const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    // 254 lists under the document's map and its data map: 256 levels.
    expect(manifestDocuments(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { x: ${nest(254)} }\n`)[0].error).toBeUndefined();
    expect(manifestDocuments(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { x: ${nest(255)} }\n`)[0].error)
      .toBe('YAML error: maps and lists nested more than 256 levels deep at line 4 (a Kubernetes object nests a few dozen)');
    // Block lists read up to the parser's limit (about a thousand deep), and the converter's walks of them overflowed the stack now and then.
    expect(manifestDocuments(`a:\n  b:\n    ${'- '.repeat(500)}x\n`)[0].error).toMatch(/^YAML error: maps and lists nested more than 256 levels deep at line 3/);
  });

  test('aliases that nest lists deeper than 256 levels, though the text nests 201, are a YAML error, not a stack overflow in a reader', () => {
    // Each anchor holds the one before it 200 lists down: 24 of them nest 4,801 deep (the converter, preview and validate overflowed).
    const chain = (anchors: number) => Array.from({ length: anchors }, (_, i) => `a${i}: &a${i} ${'['.repeat(200)}${i === 0 ? 'x' : `*a${i - 1}`}${']'.repeat(200)}`).join('\n');
    expect(manifestDocuments(`${chain(24)}\n`)[0].error)
      .toBe('YAML error: its aliases nest maps and lists 4,801 levels deep, more than 256 (a Kubernetes object nests a few dozen)');
    expect(manifestDocuments(`${chain(2)}\n`)[0].error).toMatch(/aliases nest maps and lists 401 levels deep/);
    // An anchor used where it nests no deeper than the limit is read: 1 + 200 + 55 levels.
    expect(manifestDocuments(`a0: &a0 ${'['.repeat(200)}x${']'.repeat(200)}\nb: ${'['.repeat(55)}*a0${']'.repeat(55)}\n`)[0].error).toBeUndefined();
    expect(manifestDocuments(`a0: &a0 ${'['.repeat(200)}x${']'.repeat(200)}\nb: ${'['.repeat(56)}*a0${']'.repeat(56)}\n`)[0].error).toMatch(/257 levels deep/);
  });

  test('lists and maps nested thousands deep are a YAML error in words naming the place, not the parser\'s stack overflow', () => {
    const docs = manifestDocuments(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n${'['.repeat(5000)}${']'.repeat(5000)}\n---\nx: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`);
    expect(docs[0].value).toMatchObject({ kind: 'ConfigMap' });
    for (const doc of docs.slice(1)) {
      expect(doc.error).toMatch(/^YAML error: nested too deeply to read at line \d+, column \d+ \(lists and maps inside each other several hundred levels deep; a Kubernetes object nests a few dozen\)$/);
    }
  });

  test('0o octals are integers, as go-yaml reads them (digits only, as Go\'s ParseInt)', () => {
    expect((manifestDocuments('replicas: 0o2\nmode: 0o644\nold: 0755\nodd: 0o_\nneg: -0o17\nsep: 0o1_7\n')[0].value))
      .toEqual({ replicas: 2, mode: 420, old: 493, odd: '0o_', neg: -15, sep: 15 });
  });

  test('floats are go-yaml\'s: a mantissa needs a digit, so e1, -e5 and "." are strings (a Model named e1 keeps its name)', () => {
    const values = ['e1', 'E5', '-e1', '+e2', '.e1', '-.e1', '._e1', '.', '1e', '1_e1', '._1e1', '1e1_0', '-1.5e3', '+.5', '1.', '1__0.5', '._5', '.5_0', '-._5', '.5e3'];
    const [doc] = manifestDocuments(values.map((v, i) => `k${i}: ${v}`).join('\n'));
    expect(values.map((_, i) => (doc.value as any)[`k${i}`]))
      .toEqual(['e1', 'E5', '-e1', '+e2', '.e1', '-.e1', '._e1', '.', '1e', 10, '._1e1', 1e10, -1500, 0.5, 1, 10.5, '._5', '.5_0', -0.5, 500]);
    // Integers, octals, infinities and the strings kubectl keeps are read as before.
    expect(manifestDocuments('a: 1_000\nb: 0755\nc: 0x1F\nd: 10:30\ne: .inf\nf: yes\n')[0].value).toEqual({ a: 1000, b: 493, c: 31, d: '10:30', e: Infinity, f: true });
    const model = 'apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: { name: e1 }\nspec: { storageUri: "gs://m/e1", requirements: [sklearn] }\n';
    expect(validator.validateYaml(model).valid).toBe(true);
    expect(parseManifestText(model, 'e1.yaml').objects.map(o => (o.value.metadata as { name: unknown }).name)).toEqual(['e1']);
  });

  test('nested anchors that would grow a small file enormously stop at once, and an anchor inside itself is an error', () => {
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    // CPU time, not wall time: on a loaded machine (other test workers, parallel builds) the wall clock of this
    // half-second of work passed 3 s, while an unguarded expansion would take minutes of CPU either way.
    const started = process.cpuUsage();
    expect(manifestDocuments(laughs)[0].error).toBe('YAML error: its aliases expand it to 1.4e+9 nodes, 100.0% of them from aliases, which kubectl refuses as excessive aliasing '
      + '(it takes up to 99% from aliases in a document of up to 400,000 nodes, 10% from 4,000,000)');
    // go-yaml's rule is a share, not a count: six levels (a million nodes from 1 KB, which the converter worked through
    // for two minutes) are refused, as are four (47,000 nodes, 99.9% from aliases); three (99.5% from aliases) are not.
    const bomb = (levels: number) => ['a0: &a0 [lol, lol]', ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    expect(manifestDocuments(bomb(6))[0].error).toMatch(/^YAML error: its aliases expand it to 4\.7e\+6 nodes, 100\.0% of them from aliases/);
    expect(manifestDocuments(bomb(4))[0].error).toMatch(/^YAML error: its aliases expand it to 4\.7e\+4 nodes, 99\.9% of them/);
    expect(manifestDocuments(`${bomb(3)}\n${Array.from({ length: 30 }, (_, i) => `k${i}: v`).join('\n')}`)[0].error).toBeUndefined();
    // At the edge, as kubectl v1.32 decides it (`kubectl config view --kubeconfig` reads with go-yaml): 59 uses of the
    // list are read (98.996% of 11,648 nodes from aliases, the document node among them), 60 are excessive.
    const edge = (uses: number) => `a: &x [0, 1]\ny: &y [${Array(48).fill('*x').join(', ')}]\nb: [${Array(uses).fill('*y').join(', ')}]\n`;
    expect(manifestDocuments(edge(59))[0].error).toBeUndefined();
    expect(manifestDocuments(edge(60))[0].error).toMatch(/excessive aliasing/);
    // A shared block used by many objects is read, however many: 1,500 ConfigMaps sharing one labels anchor.
    const shared = `base: &l { team: ml, tier: gold }\nitems:\n${Array.from({ length: 1500 }, (_, i) => `- { labels: *l, n: ${i} }`).join('\n')}\n`;
    expect(manifestDocuments(shared)[0].error).toBeUndefined();
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
    expect(manifestDocuments('a: &a [1, *a]\n')[0].error).toBe('YAML error: an anchor contains an alias of itself');
    // An alias as a map key naming a map is refused like a map key.
    expect(manifestDocuments('base: &m { x: 1 }\n? *m\n: y\n')[0].error).toMatch(/a map key is itself a map or list at line 2/);
  });

  test('a typed list (<Kind>List with items) is expanded like a v1 List, and its items are checked', () => {
    const list = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeploymentList',
      items: [{ apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata: { name: 'iris' }, spec: { predictors: [{ name: 'default', replicas: 'two', graph: { name: 'c' } }] } }],
    };
    const report = validator.validateObjects([list]);
    expect(report.errors.map(e => `${e.object} ${e.path}: ${e.reason}`)).toEqual([expect.stringMatching(/^SeldonDeployment\/iris \/items\/0\/spec\/predictors\/0\/replicas: must be an integer/)]);
    // Items without apiVersion and kind (as a list endpoint returns them) are the list's kind, as kubectl reads them.
    const raw = { apiVersion: 'v1', kind: 'ConfigMapList', items: [{ metadata: { name: 'a' }, data: {} }] };
    // An item that says one of the two keeps what it says (kubectl fills them only when both are missing).
    const half = { apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeploymentList', items: [{ kind: 'SeldonDeployment', metadata: { name: 'h' } }] };
    expect(validator.validateObjects([half]).valid).toBe(false);
    expect(validator.validateObjects([raw])).toMatchObject({ valid: true, skipped: 1 });
    const models = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'ModelList', items: [{ metadata: { name: 'm' }, spec: {} }] };
    expect(validator.validateObjects([models]).errors.map(e => `${e.object} ${e.reason}`)).toEqual(['Model/m missing required field "storageUri"']);
  });

  test('UTF-16 files with a byte order mark (both orders) and a UTF-8 byte order mark read as their text', () => {
    const dir = tempDir('manifest-documents-');
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: café }\n';
    const le = path.join(dir, 'le.yaml');
    fs.writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = path.join(dir, 'be.yaml');
    fs.writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const bom = path.join(dir, 'bom.yaml');
    fs.writeFileSync(bom, `\ufeff${text}`);
    for (const file of [le, be, bom]) expect(readManifestFile(file)).toBe(text);
  });

  test('a broken link is reported as a file that cannot be read, a link to a directory is not followed, and the other files are read', () => {
    const dir = tempDir('manifest-documents-');
    fs.writeFileSync(path.join(dir, 'good.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: good }\n');
    fs.symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'broken.yaml'));
    const other = tempDir('manifest-documents-other-');
    fs.writeFileSync(path.join(other, 'x.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    fs.symlinkSync(other, path.join(dir, 'overlay.yaml'));
    const read = readManifests([dir]);
    expect(read.objects.map(o => (o.value as any).metadata.name)).toEqual(['good']);
    expect(read.problems).toEqual([expect.stringMatching(/broken\.yaml: cannot be read: ENOENT/)]);
    const report = validator.validateFiles([dir]);
    expect(report.errors.map(e => `${path.basename(e.file)} ${e.reason}`)).toEqual([expect.stringMatching(/^broken\.yaml cannot be read: ENOENT/)]);
  });
});
