import { Testing } from 'cdk8s';
import { exampleCharts, synthApp } from './helpers';
import { addV1Examples } from '../../examples/v1';
import { addV2Examples } from '../../examples/v2';
import { ModelUri, SeldonModel, SeldonServer } from '../../src';
import { buildDeploymentGraph, DeploymentGraph, dotString, mermaidText, renderDot, renderMermaid } from '../../src/graph';

function exampleGraph(): DeploymentGraph {
  const { app, v1, v2 } = exampleCharts();
  addV1Examples(v1);
  addV2Examples(v2);
  return buildDeploymentGraph(synthApp(app));
}

/** A graph with every kind of mark: an unschedulable model, a problem edge, external nodes. */
function troubledGraph(): DeploymentGraph {
  const chart = Testing.chart();
  const triton = SeldonServer.fromServerName(chart, 'triton', 'triton');
  new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris'), requirements: ['sklearn'], server: triton });
  new SeldonModel(chart, 'gpu', { metadata: { name: 'gpu' }, storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris'), requirements: ['gpu'] });
  return buildDeploymentGraph(Testing.synth(chart));
}

describe('Mermaid', () => {
  test('the example app', () => {
    const text = renderMermaid(exampleGraph());
    const lines = text.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(text).toContain('subgraph g0["namespace seldon"]');
    expect(text).toContain('subgraph g1["SeldonDeployment iris-gcs"]');
    // Nodes: a shape per kind, label lines joined by <br/>.
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}n\d+\{\{"Model iris<br\/>gs:\/\/seldon-models\/mlserver\/iris<br\/>requires sklearn, mlserver-1.3.4<br\/>memory 100Mi"\}\}$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}n\d+\[\/"Server mlserver-134<br\/>serverConfig mlserver<br\/>\+ mlserver-1.3.4<br\/>replicas 1"\\\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}n\d+\[\("PVC ml-models-pvc<br\/>5Gi ReadWriteOnce"\)\]$/));
    // Edges: thick where models run, dashed for copies and references.
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}n\d+ ==>\|"pinned: sklearn, mlserver-1.3.4"\| n\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}n\d+ ==>\|"sklearn, pvc"\| n\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}n\d+ -.->\|"shadow: copy of requests"\| n\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}n\d+ -.->\|"envSecretRefName"\| n\d+$/));
    expect(text).toContain('  classDef external stroke-dasharray:5 5');
    expect(text).not.toContain('linkStyle');
    expect(text).not.toContain('unschedulable');
    expect(text).toMatchSnapshot();
  });

  test('unschedulable models and problem edges are red', () => {
    const graph = troubledGraph();
    const text = renderMermaid(graph);
    const gpu = graph.nodes.find(n => n.name === 'gpu')!;
    const iris = graph.nodes.find(n => n.name === 'iris')!;
    expect(text).toContain(`class ${iris.id},${gpu.id} unschedulable`);
    expect(text).toContain('✗ unschedulable: no Server advertises gpu (mlserver lacks gpu; triton lacks gpu)');
    const problem = graph.edges.findIndex(e => e.problem !== undefined);
    expect(text).toContain(`  linkStyle ${problem} stroke:#c00,color:#c00`);
    expect(text).toContain('==>|"pinned: sklearn ✗ lacks sklearn"|');
    expect(text).toMatchSnapshot();
  });

  test('text that would end a label or start markup is written as entities', () => {
    expect(mermaidText('a "b" <c> #1 & d')).toBe('a #quot;b#quot; #lt;c#gt; #35;1 #amp; d');
    const graph = buildDeploymentGraph([{
      apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'm' }, spec: { storageUri: 's3://b/"quoted"<path>#x' },
    }], { defaultServers: false });
    expect(renderMermaid(graph)).toContain('"Model m<br/>s3://b/#quot;quoted#quot;#lt;path#gt;#35;x"');
  });

  test('objects without a namespace are drawn outside any subgraph', () => {
    const text = renderMermaid(buildDeploymentGraph([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b', c: 'd' } },
    ]));
    expect(text).toBe('flowchart LR\n  n0[/"Secret s<br/>2 key(s)"/]\n');
  });
});

describe('DOT', () => {
  test('the example app', () => {
    const text = renderDot(exampleGraph());
    expect(text.startsWith('digraph seldon {\n  rankdir=LR;\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('subgraph cluster_g0 {\n    label="namespace seldon";');
    expect(text).toMatch(/n\d+ \[label="Model iris-pvc\\n\/var\/models\/iris\\nrequires sklearn, pvc", shape=hexagon\];/);
    expect(text).toMatch(/n\d+ \[label="Server mlserver\\nserverConfig mlserver\\nreplicas 1\\n\(installation default\)", shape=box3d, style="dashed"\];/);
    expect(text).toMatch(/n\d+ -> n\d+ \[label="sklearn, pvc", style=bold\];/);
    expect(text).toMatch(/n\d+ -> n\d+ \[label="90%"\];/);
    expect(text).toMatchSnapshot();
  });

  test('unschedulable models and problem edges are red', () => {
    const text = renderDot(troubledGraph());
    expect(text).toMatch(/label="Model gpu\\n.*", shape=hexagon, color="#cc0000", fontcolor="#cc0000", penwidth=2\];/);
    expect(text).toContain('[label="pinned: sklearn ✗ lacks sklearn", style=bold, color="#cc0000", fontcolor="#cc0000"];');
  });

  test('labels are DOT string literals', () => {
    expect(dotString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });
});
