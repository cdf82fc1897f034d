import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { exampleCharts } from './helpers';
import { addV1Examples } from '../../examples/v1';
import { addV2Examples } from '../../examples/v2';
import { ModelUri, SeldonModel } from '../../src';
import { runCli } from '../cli-run';

const run = runCli;

let dir: string;
let dist: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-graph-'));
  // What `npx projen synth` writes for the example app: one file per chart.
  dist = path.join(dir, 'dist');
  fs.mkdirSync(dist);
  const { app, v1, v2 } = exampleCharts();
  addV1Examples(v1);
  addV2Examples(v2);
  for (const chart of app.charts) {
    fs.writeFileSync(path.join(dist, `${chart.node.id}.k8s.yaml`), Testing.synth(chart).map(o => stringify(o)).join('---\n'));
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk8s-seldon graph', () => {
  test('prints a Mermaid flowchart of a directory of manifests', () => {
    const r = run('graph', dist);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(1);
    const text = r.out[0];
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('subgraph g0["namespace seldon"]');
    expect(text).toMatch(/n\d+ ==>\|"pinned: sklearn, mlserver-1.3.4"\| n\d+/);
    expect(text).toMatch(/n\d+ ==>\|"sklearn, pvc"\| n\d+/);
    expect(text.endsWith('\n')).toBe(false);
  });

  test('--format dot prints Graphviz; files can be given one by one', () => {
    const files = fs.readdirSync(dist).map(f => path.join(dist, f));
    for (const args of [['--format', 'dot'], ['--format=dot']]) {
      const r = run('graph', ...files, ...args);
      expect(r.code).toBe(0);
      expect(r.out[0].startsWith('digraph seldon {')).toBe(true);
      expect(r.out[0]).toMatch(/-> n\d+ \[label="pinned: sklearn, mlserver-1.3.4", style=bold\];/);
    }
  });

  test('--no-default-servers leaves out the installation\'s servers', () => {
    expect(run('graph', dist).out[0]).toContain('(installation default)');
    expect(run('graph', dist, '--no-default-servers').out[0]).not.toContain('(installation default)');
  });

  test('unschedulable models are reported on stderr; the exit code stays 0', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'gpu', { metadata: { name: 'gpu', namespace: 'models' }, storageUri: ModelUri.parse('gs://b/m'), requirements: ['gpu'] });
    const file = path.join(dir, 'gpu.yaml');
    fs.writeFileSync(file, Testing.synth(chart).map(o => stringify(o)).join('---\n'));
    const r = run('graph', file);
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['warning: Model models/gpu is unschedulable: no Server in namespace models advertises gpu (mlserver lacks gpu; triton lacks gpu)']);
  });

  test('documents that cannot be read are reported and make the exit code 1; the rest is drawn', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ok\n',
      'key: [unclosed\n',
      '- a list\n',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PersistentVolumeClaim\n  metadata: {name: listed}\n',
    ].join('---\n'));
    const r = run('graph', file);
    expect(r.code).toBe(1);
    expect(r.out[0]).toContain('Secret ok');
    expect(r.out[0]).toContain('PVC listed');
    expect(r.err).toHaveLength(2);
    expect(r.err[0].startsWith(`warning: ${file}#1: YAML error: `)).toBe(true);
    expect(r.err[1]).toBe(`warning: ${file}#2: not a Kubernetes object (a list), skipped`);
  });

  test('--help lists both commands; each command has its own help', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const text = run(...args).out.join('\n');
      expect(text).toContain('Usage: cdk8s-seldon validate');
      expect(text).toContain('Usage: cdk8s-seldon graph');
    }
    const graphHelp = run('graph', '--help');
    expect(graphHelp.code).toBe(0);
    expect(graphHelp.out.join('\n')).toContain('Usage: cdk8s-seldon graph');
    expect(graphHelp.out.join('\n')).not.toContain('Usage: cdk8s-seldon validate');
    expect(run('validate', '--help').out.join('\n')).not.toContain('Usage: cdk8s-seldon graph');
  });

  test.each([
    ['no manifests', ['graph'], 'no manifest files or directories given'],
    ['an unknown format', ['graph', 'DIST', '--format', 'svg'], 'unknown format svg: mermaid or dot'],
    ['--format without a value', ['graph', 'DIST', '--format'], '--format needs a value: mermaid or dot'],
    ['an unknown option', ['graph', 'DIST', '--crds', 'x'], 'unknown option --crds'],
    ['a missing path', ['graph', 'nope.yaml'], 'manifest path not found: nope.yaml'],
    ['a directory without manifests', ['graph', 'EMPTY'], 'no .yaml, .yml or .json files found'],
    ['an unknown command', ['draw', 'DIST'], 'unknown command draw; the commands are validate, graph, preview and convert'],
  ])('exits 2 on usage errors: %s', (_name, args, message) => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const r = run(...args.map(a => ({ DIST: dist, EMPTY: empty } as { [k: string]: string })[a] ?? a));
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0].startsWith(`cdk8s-seldon: ${message}`)).toBe(true);
  });
});
