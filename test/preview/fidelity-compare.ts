/**
 * Compares what the v1 operator builds from the library's default mode and
 * from its explicit storage-initializer mode (both previewed with
 * src/v1/operator), after removing the documented hardening of explicit
 * mode. Each difference is one line `<category>: <detail>`.
 */
import { Json } from '../../src/k8s/json';

/** Hardening explicit mode adds on purpose (README "Explicit storage initializer"). */
export const HARDENING = [
  'securityContext of every declared container and init container (restricted Pod Security Standard)',
  'resources of a declared server container when the node sets none (requests cpu 100m, memory 1Gi; limit memory 1Gi)',
];

const stable = (v: unknown): string => JSON.stringify(v, (_k, value) => (value && typeof value === 'object' && !Array.isArray(value)
  ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value));

/** The graph the executor receives (ENGINE_PREDICTOR), reduced to what routes requests. */
function executorGraph(container: Json): unknown {
  const encoded = (container.env ?? []).find((e: Json) => e.name === 'ENGINE_PREDICTOR')?.value;
  if (!encoded) return undefined;
  const walk = (u: Json): Json => ({ name: u.name, type: u.type, endpoint: u.endpoint, children: (u.children ?? []).map(walk) });
  return walk(JSON.parse(Buffer.from(encoded, 'base64').toString()).graph);
}

function diffContainer(kind: string, d: Json | undefined, e: Json | undefined, out: string[]): void {
  if (!d || !e) return;
  // Port order means nothing to Kubernetes.
  const ports = (c: Json) => (c.ports ?? []).map((p: Json) => stable(p)).sort();
  if (stable(ports(d)) !== stable(ports(e))) out.push(`ports of ${kind} ${d.name}: default ${ports(d).join(' ')} explicit ${ports(e).join(' ')}`);
  const fields = ['image', 'command', 'args', 'readinessProbe', 'livenessProbe', 'lifecycle', 'envFrom', 'imagePullPolicy'];
  for (const field of fields) {
    if (stable(d[field]) !== stable(e[field])) out.push(`${field} of ${kind} ${d.name}: default ${stable(d[field])} explicit ${stable(e[field])}`);
  }
  // hardening: resources only compared when default mode has some
  if (d.resources !== undefined && stable(d.resources) !== stable(e.resources)) {
    out.push(`resources of ${kind} ${d.name}: default ${stable(d.resources)} explicit ${stable(e.resources)}`);
  }
  const mounts = (c: Json) => (c.volumeMounts ?? []).map((m: Json) => `${m.name}:${m.mountPath}:${m.readOnly ?? false}`).sort();
  if (stable(mounts(d)) !== stable(mounts(e))) out.push(`volumeMounts of ${kind} ${d.name}: default ${stable(mounts(d))} explicit ${stable(mounts(e))}`);
  // The environment the process sees: the last value of each name (Kubernetes), order aside; one line per variable.
  const env = (c: Json) => {
    const seen = new Map<string, string>();
    for (const v of c.env ?? []) if (v.name !== 'ENGINE_PREDICTOR') seen.set(v.name, v.value ?? stable(v.valueFrom));
    return seen;
  };
  const [de, ee] = [env(d), env(e)];
  for (const name of [...new Set([...de.keys(), ...ee.keys()])].sort()) {
    if (de.get(name) !== ee.get(name)) out.push(`env ${name} of ${kind} ${d.name}: default ${de.get(name) ?? '(none)'} explicit ${ee.get(name) ?? '(none)'}`);
  }
  if (d.name === 'seldon-container-engine' && stable(executorGraph(d)) !== stable(executorGraph(e))) {
    out.push(`executor graph: default ${stable(executorGraph(d))} explicit ${stable(executorGraph(e))}`);
  }
}

function names(list: Json[] | undefined): string[] {
  return (list ?? []).map(x => x.name);
}

/** Differences between the previews of the two modes (lists of Deployments, Services, ...). */
export function previewDifferences(byDefault: Json[], byExplicit: Json[]): string[] {
  const out: string[] = [];
  const kinds = (objects: Json[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
  const dd = byDefault.filter(o => o.kind === 'Deployment');
  const ed = byExplicit.filter(o => o.kind === 'Deployment');
  if (stable(kinds(dd)) !== stable(kinds(ed))) out.push(`deployment names: default ${kinds(dd).join(',')} explicit ${kinds(ed).join(',')}`);
  const ds = byDefault.filter(o => o.kind !== 'Deployment');
  const es = byExplicit.filter(o => o.kind !== 'Deployment');
  if (stable(ds.map(s => [s.kind, s.metadata.name, s.spec])) !== stable(es.map(s => [s.kind, s.metadata.name, s.spec]))) {
    out.push(`services: default ${kinds(ds).join(',')} explicit ${kinds(es).join(',')}`);
  }
  for (let i = 0; i < Math.min(dd.length, ed.length); i++) {
    const [d, e] = [dd[i].spec.template.spec, ed[i].spec.template.spec];
    const dLabels = { ...dd[i].spec.template.metadata.labels, app: undefined };
    const eLabels = { ...ed[i].spec.template.metadata.labels, app: undefined };
    if (stable(dLabels) !== stable(eLabels)) out.push(`pod labels: default ${stable(dLabels)} explicit ${stable(eLabels)}`);
    if (stable(names(d.containers)) !== stable(names(e.containers))) out.push(`containers: default ${names(d.containers)} explicit ${names(e.containers)}`);
    if (stable(names(d.initContainers)) !== stable(names(e.initContainers))) {
      out.push(`initContainers: default ${names(d.initContainers)} explicit ${names(e.initContainers)}`);
    }
    const volumes = (p: Json) => (p.volumes ?? []).map((v: Json) => stable(v)).sort();
    if (stable(volumes(d)) !== stable(volumes(e))) out.push(`volumes: default ${volumes(d).join(' ')} explicit ${volumes(e).join(' ')}`);
    if ((d.serviceAccountName ?? '') !== (e.serviceAccountName ?? '')) out.push(`serviceAccountName: default ${d.serviceAccountName} explicit ${e.serviceAccountName}`);
    for (const c of d.containers ?? []) diffContainer('container', c, (e.containers ?? []).find((x: Json) => x.name === c.name), out);
    for (const c of d.initContainers ?? []) diffContainer('initContainer', c, (e.initContainers ?? []).find((x: Json) => x.name === c.name), out);
  }
  return out;
}

/** What a node's user gave, to find in the pod the operator builds. */
export interface NodeInputs {
  readonly name: string;
  /** The container that reads the model (`tfserving` for the TF proxy). */
  readonly modelContainer: string;
  readonly env: Record<string, string>;
  readonly parameters: string[];
  /** `initialDelaySeconds` of the user's readiness probe. */
  readonly readinessDelay: number;
}

/**
 * The user's env, parameters, probes and model mount that the pod the
 * operator builds lacks, one line each: `dropped <what> of <node>`.
 */
export function droppedInputs(objects: Json[], nodes: NodeInputs[]): string[] {
  const pods = objects.filter(o => o.kind === 'Deployment').map(o => o.spec.template.spec);
  const find = (name: string) => pods.flatMap(p => p.containers ?? []).find((c: Json) => c.name === name);
  const out: string[] = [];
  for (const node of nodes) {
    const container = find(node.name);
    if (!container) {
      out.push(`dropped container of ${node.name}`);
      continue;
    }
    const env = new Map<string, string>((container.env ?? []).map((v: Json) => [v.name, v.value]));
    for (const [name, value] of Object.entries(node.env)) if (env.get(name) !== value) out.push(`dropped env ${name} of ${node.name}`);
    const params: Json[] = JSON.parse(env.get('PREDICTIVE_UNIT_PARAMETERS') ?? '[]');
    for (const name of node.parameters) if (!params.some(p => p.name === name)) out.push(`dropped parameter ${name} of ${node.name}`);
    for (const probe of ['readinessProbe', 'livenessProbe']) if (!container[probe]) out.push(`dropped ${probe} of ${node.name}`);
    if (container.readinessProbe?.initialDelaySeconds !== node.readinessDelay) out.push(`dropped user readinessProbe of ${node.name}`);
    const model = find(node.modelContainer);
    if (!(model?.volumeMounts ?? []).some((m: Json) => m.mountPath === '/mnt/models')) out.push(`dropped model mount of ${node.name}`);
  }
  return out;
}
