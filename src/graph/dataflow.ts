/** Edges of Pipelines (data flow) and Experiments (candidates, mirror). */
import { Builder } from './builder';
import type { GraphNode, NodeKind } from './graph-node';
import { num, obj, objects, str, strings } from './json';
import type { Json } from './manifests';

export function addPipelineEdges(b: Builder, pipeline: GraphNode, spec: Json): void {
  const namespace = pipeline.namespace;
  const steps = objects(spec.steps).filter(s => str(s.name) !== undefined);
  const stepNodes = new Map<string, GraphNode>();
  for (const s of steps) stepNodes.set(s.name as string, b.findOrExternal('Model', namespace, s.name as string));
  // A reference is `<step|pipeline>[.inputs|.outputs[.<tensor>]]`.
  const source = (ref: string): GraphNode => {
    const head = ref.split('.')[0];
    if (head === pipeline.name) return pipeline;
    return stepNodes.get(head) ?? b.find('Pipeline', namespace, head) ?? b.findOrExternal('Model', namespace, head);
  };
  for (const s of steps) {
    const target = stepNodes.get(s.name as string)!;
    const inputs = strings(s.inputs);
    if (inputs.length === 0) b.edge(pipeline, target, 'dataflow', 'input');
    for (const ref of inputs) b.edge(source(ref), target, 'dataflow', source(ref) === pipeline ? 'input' : pipeline.name);
    for (const ref of strings(s.triggers)) b.edge(source(ref), target, 'dataflow', `trigger (${pipeline.name})`);
  }
  for (const ref of strings(obj(spec.output).steps)) b.edge(source(ref), pipeline, 'dataflow', 'output');
  // Other pipelines' data this one runs on, `<pipeline>[.<step>].outputs...`.
  const input = obj(spec.input);
  const external = (ref: string): GraphNode => {
    const head = ref.split('.')[0];
    return b.find('Pipeline', namespace, head) ?? b.find('Model', namespace, head) ?? b.findOrExternal('Pipeline', namespace, head);
  };
  for (const ref of strings(input.externalInputs)) b.edge(external(ref), pipeline, 'dataflow', 'external input');
  for (const ref of strings(input.externalTriggers)) b.edge(external(ref), pipeline, 'dataflow', 'external trigger');
}

export function addExperimentEdges(b: Builder, experiment: GraphNode, spec: Json): void {
  const kind: NodeKind = str(spec.resourceType) === 'pipeline' ? 'Pipeline' : 'Model';
  const defaultName = str(spec.default);
  for (const c of objects(spec.candidates)) {
    const name = str(c.name);
    if (!name) continue;
    const weight = num(c.weight);
    b.edge(experiment, b.findOrExternal(kind, experiment.namespace, name), 'candidate',
      [weight !== undefined ? `weight ${weight}` : undefined, name === defaultName ? 'default' : undefined].filter(Boolean).join(', ') || undefined);
  }
  const mirror = obj(spec.mirror);
  const mirrorName = str(mirror.name);
  if (mirrorName) b.edge(experiment, b.findOrExternal(kind, experiment.namespace, mirrorName), 'mirror', `mirror ${num(mirror.percent) ?? '?'}%`);
}
