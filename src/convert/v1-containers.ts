/**
 * Containers of a v1 predictor's pod beyond the nodes' typed basics: a node
 * container's volume mounts, security context, `envFrom` and further ports
 * (`UnitPodProps`), and the pod's sidecars, volumes and container order
 * (`PredictorPodProps`). A value without an exact typed form is left out,
 * and so to a patch.
 */
import { arr, call, Expr, get, lit, obj, ref, staticCall } from './code';
import { KUBE_CONTAINER, kubePropNames } from './kube-prop-names';
import { Scope } from './scope';
import { sizeExpr } from './values';
import { isObject, Json } from '../graph/manifests';
import { OPERATOR_PORT_NAMES, SECURITY_CONTEXT_FIELDS } from '../v1/unit-container-settings';

type Entry = [string, Expr | undefined];

/** The pod's volumes that have a typed form, as references declared on first use. */
export class PodVolumes {
  public constructor(private readonly scope: Scope, private readonly volumes: Json[]) {}

  /** The names of the pod's volumes, in order. */
  public get names(): string[] {
    return this.volumes.map(v => String(v.name));
  }

  /**
   * The pod volume `name` as a cdk8s-plus Volume, declared on first use: `Volume.fromEmptyDir`, `fromSecret`,
   * `fromConfigMap` or `fromPersistentVolumeClaim`; undefined unless the library renders the volume exactly.
   */
  public ref(name: unknown): Expr | undefined {
    const form = this.form(name);
    return form && this.scope.declared(`Volume/${String(name)}`, String(name), 'volume', form);
  }

  /** Whether the volume has a typed form (nothing is declared). */
  public typed(name: unknown): boolean {
    return this.form(name) !== undefined;
  }

  private form(name: unknown): ((id: string) => Expr) | undefined {
    const volume = this.volumes.find(v => v.name === name);
    if (!volume || typeof name !== 'string' || Object.keys(volume).length !== 2) return undefined;
    // The source (a Secret, ConfigMap or claim reference) is declared only when the volume is.
    const from = (factory: string, source: () => Expr, ...rest: Expr[]) => (id: string) => staticCall('Volume', factory, ref('chart'), lit(id), source(), ...rest);
    const options = (entries: Entry[]) => {
      const o = obj(entries);
      return o.k === 'obj' && o.entries.length ? [o] : [];
    };
    // cdk8s-plus names a Secret, ConfigMap or claim volume `secret-<name>`, `configmap-<name>`, `pvc-<name>` unless told.
    const named = (prefix: string, source: string): Entry => ['name', name === `${prefix}-${source}` ? undefined : lit(name)];
    const mode = (v: Json): Entry[] | undefined => (Object.keys(v).every(k => ['defaultMode', 'optional'].includes(k))
      && (v.defaultMode === undefined || Number.isInteger(v.defaultMode)) && (v.optional === undefined || typeof v.optional === 'boolean')
      ? [['defaultMode', v.defaultMode === undefined ? undefined : lit(v.defaultMode)], ['optional', v.optional === undefined ? undefined : lit(v.optional)]]
      : undefined);
    if (isObject(volume.emptyDir)) {
      const dir = volume.emptyDir;
      if (Object.keys(dir).some(k => k !== 'medium' && k !== 'sizeLimit') || (dir.medium !== undefined && dir.medium !== 'Memory')) return undefined;
      const size = dir.sizeLimit === undefined ? undefined : sizeExpr(dir.sizeLimit);
      if (dir.sizeLimit !== undefined && !size) return undefined;
      return from('fromEmptyDir', () => lit(name), ...options([['medium', dir.medium === 'Memory' ? get(ref('EmptyDirMedium'), 'MEMORY') : undefined], ['sizeLimit', size]]));
    }
    if (isObject(volume.secret) && typeof volume.secret.secretName === 'string') {
      const { secretName, ...rest } = volume.secret;
      const settings = mode(rest);
      if (!settings) return undefined;
      const secret = () => this.scope.external('Secret', 'fromSecretName', secretName, 'secret');
      return from('fromSecret', secret, ...options([named('secret', secretName), ...settings]));
    }
    if (isObject(volume.configMap) && typeof volume.configMap.name === 'string') {
      const { name: configMapName, ...rest } = volume.configMap;
      const settings = mode(rest);
      if (!settings) return undefined;
      const configMap = () => this.scope.external('ConfigMap', 'fromConfigMapName', configMapName as string, 'configMap');
      return from('fromConfigMap', configMap, ...options([named('configmap', configMapName as string), ...settings]));
    }
    const claim = volume.persistentVolumeClaim;
    if (isObject(claim) && typeof claim.claimName === 'string' && Object.keys(claim).every(k => k === 'claimName' || (k === 'readOnly' && typeof claim.readOnly === 'boolean'))) {
      const claimName = claim.claimName;
      const pvc = () => this.scope.external('PersistentVolumeClaim', 'fromClaimName', claimName, 'claim');
      // cdk8s-plus writes readOnly: false when unset, Kubernetes' default (compared as equal, normalise.ts).
      return from('fromPersistentVolumeClaim', pvc, ...options([named('pvc', claim.claimName), ['readOnly', claim.readOnly === true ? lit(true) : undefined]]));
    }
    return undefined;
  }
}

/** The pod volumes of a componentSpec. */
export function podVolumesOf(spec: Json | undefined, scope: Scope): PodVolumes {
  const pod = spec && isObject(spec.spec) ? spec.spec : {};
  return new PodVolumes(scope, Array.isArray(pod.volumes) ? pod.volumes.filter(isObject) : []);
}

/** A container's ports: the leading `http`/`grpc` (a component's httpPort/grpcPort), then the others as cdk8s-plus `ContainerPort`s. */
export function splitPorts(ports: unknown, component: boolean): { http?: number; grpc?: number; extra?: Expr } | undefined {
  if (ports === undefined) return {};
  if (!Array.isArray(ports)) return undefined;
  const out: { http?: number; grpc?: number; extra?: Expr } = {};
  const extra: Expr[] = [];
  for (const p of ports) {
    if (!isObject(p) || typeof p.containerPort !== 'number') return undefined;
    const keys = Object.keys(p).filter(k => !(k === 'protocol' && p.protocol === 'TCP'));
    if (component && (p.name === 'http' || p.name === 'grpc') && extra.length === 0 && out[p.name] === undefined && (p.name === 'grpc' || out.grpc === undefined)) {
      if (keys.some(k => k !== 'name' && k !== 'containerPort')) return undefined;
      out[p.name] = p.containerPort;
      continue;
    }
    // The operator takes ports of these names as the node's own (defaults.go GetPort), so the library refuses them as further ports.
    if (keys.some(k => !['name', 'containerPort', 'protocol', 'hostPort', 'hostIP'].includes(k)) || OPERATOR_PORT_NAMES.includes(String(p.name))) return undefined;
    const protocol = p.protocol === undefined || p.protocol === 'TCP' ? undefined : ['UDP', 'SCTP'].includes(String(p.protocol)) ? get(ref('Protocol'), String(p.protocol)) : null;
    if (protocol === null) return undefined;
    extra.push(obj([
      ['number', lit(p.containerPort)],
      ['name', typeof p.name === 'string' ? lit(p.name) : undefined],
      ['protocol', protocol],
      ['hostPort', typeof p.hostPort === 'number' ? lit(p.hostPort) : undefined],
      ['hostIp', typeof p.hostIP === 'string' ? lit(p.hostIP) : undefined],
    ]));
  }
  if (extra.length) out.extra = arr(extra);
  return out;
}

/** Kubernetes security context field to the `ContainerSecurityContextProps` field that renders it. */
const SECURITY: Record<string, string> = Object.fromEntries(Object.entries(SECURITY_CONTEXT_FIELDS).map(([prop, kube]) => [kube, prop]));

/** A node container's volumeMounts, securityContext and envFrom as props. */
export function nodeContainerExtras(container: Json, volumes: PodVolumes, scope: Scope): Entry[] {
  return [
    ['volumeMounts', volumeMountsExpr(container.volumeMounts, volumes)],
    ['securityContext', securityExpr(container.securityContext)],
    ['envFrom', envFromExpr(container.envFrom, scope)],
  ];
}

/** The volumes a container's mounts name, when every mount has a typed form; else undefined. */
export function typedMounts(mounts: unknown, volumes: PodVolumes): Json[] | undefined {
  if (!Array.isArray(mounts) || mounts.length === 0) return undefined;
  const typed = mounts.every(m => isObject(m) && typeof m.mountPath === 'string' && volumes.typed(m.name)
    && Object.keys(m).every(k => ['name', 'mountPath', 'readOnly', 'subPath', 'subPathExpr'].includes(k)));
  return typed ? mounts as Json[] : undefined;
}

/** A container's mounts as cdk8s-plus `VolumeMount`s, when every one has a typed form; else undefined. */
export function volumeMountsExpr(value: unknown, volumes: PodVolumes): Expr | undefined {
  const mounts = typedMounts(value, volumes);
  if (!mounts) return undefined;
  const items: Expr[] = [];
  for (const m of mounts) {
    items.push(obj([
      ['volume', volumes.ref(m.name)],
      ['path', lit(m.mountPath)],
      ['readOnly', typeof m.readOnly === 'boolean' ? lit(m.readOnly) : undefined],
      ['subPath', typeof m.subPath === 'string' ? lit(m.subPath) : undefined],
      ['subPathExpr', typeof m.subPathExpr === 'string' ? lit(m.subPathExpr) : undefined],
    ]));
  }
  return arr(items);
}

function securityExpr(context: unknown): Expr | undefined {
  if (!isObject(context) || Object.keys(context).length === 0) return undefined;
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(context)) {
    const prop = SECURITY[key];
    const ok = prop === 'user' || prop === 'group' ? Number.isSafeInteger(value) && (value as number) >= 0 : typeof value === 'boolean';
    if (!prop || !ok) return undefined;
    entries.push([prop, lit(value)]);
  }
  return obj(entries);
}

/** `Env.fromSecret(secret)`, `Env.fromConfigMap(configMap, prefix)`. */
function envFromExpr(envFrom: unknown, scope: Scope): Expr | undefined {
  if (!Array.isArray(envFrom) || envFrom.length === 0) return undefined;
  const sourceName = (e: Json, key: string) => {
    const source = e[key];
    return isObject(source) && Object.keys(source).length === 1 && typeof source.name === 'string' && source.name !== '' ? source.name : undefined;
  };
  // Env.fromSecret takes no prefix; checked before any reference is declared.
  const typed = envFrom.every(e => isObject(e) && ((sourceName(e, 'secretRef') && Object.keys(e).length === 1)
    || (sourceName(e, 'configMapRef') && Object.keys(e).every(k => k === 'configMapRef' || (k === 'prefix' && typeof e.prefix === 'string')))));
  if (!typed) return undefined;
  return arr((envFrom as Json[]).map(e => (e.secretRef
    ? staticCall('Env', 'fromSecret', scope.external('Secret', 'fromSecretName', sourceName(e, 'secretRef')!, 'secret'))
    : staticCall('Env', 'fromConfigMap', scope.external('ConfigMap', 'fromConfigMapName', sourceName(e, 'configMapRef')!, 'configMap'),
      ...typeof e.prefix === 'string' ? [lit(e.prefix)] : []))));
}

const QUANTITY_PARENTS = ['limits', 'requests'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/**
 * A Kubernetes container as a `k8s.Container` literal (keys in cdk8s's
 * spelling, kube-prop-names.ts): quantities as
 * `k8s.Quantity.fromString()`, probe ports as `k8s.IntOrString`; undefined for
 * fields that hold other such types (lifecycle handlers, resource field refs).
 */
export function kubeContainerExpr(json: Json): Expr | undefined {
  // The keys in cdk8s's spelling (hostIP: hostIp), which the checked k8s.Container declares.
  const container = kubePropNames(json, KUBE_CONTAINER) as Json;
  if (typeof container.name !== 'string' || typeof container.image !== 'string') return undefined;
  if (container.lifecycle !== undefined || JSON.stringify(container.env ?? []).includes('resourceFieldRef')) return undefined;
  // Helm placeholders read as YAML maps (`{{ .Values.port }}`), and scalars of the wrong type, have no k8s.Container form.
  if (JSON.stringify(container).includes('"{') || !kubeScalars(container)) return undefined;
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(container)) {
    if (key === 'resources') {
      if (!isObject(value) || Object.keys(value).some(k => !QUANTITY_PARENTS.includes(k))) return undefined;
      const parts: Entry[] = [];
      for (const [part, amounts] of Object.entries(value)) {
        if (!isObject(amounts) || Object.values(amounts).some(a => typeof a !== 'string' && typeof a !== 'number')) return undefined;
        parts.push([part, obj(Object.entries(amounts).map(([r, a]) => [r, quantity(a as string | number)]))]);
      }
      entries.push([key, obj(parts)]);
    } else if (PROBES.includes(key)) {
      const probe = probeLiteral(value);
      if (!probe) return undefined;
      entries.push([key, probe]);
    } else {
      entries.push([key, lit(value)]);
    }
  }
  return obj(entries);
}

/** The scalar fields a k8s.Container types most often hold their types. */
function kubeScalars(c: Json): boolean {
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(x => typeof x === 'string'));
  const ports = c.ports === undefined || (Array.isArray(c.ports) && c.ports.every(p => isObject(p) && typeof p.containerPort === 'number'
    && (p.hostPort === undefined || typeof p.hostPort === 'number') && (p.name === undefined || typeof p.name === 'string')));
  const env = c.env === undefined || (Array.isArray(c.env) && c.env.every(e => isObject(e) && typeof e.name === 'string' && (e.value === undefined || typeof e.value === 'string')));
  return strings(c.command) && strings(c.args) && ports && env;
}

function quantity(amount: string | number): Expr {
  const q = get(ref('k8s'), 'Quantity');
  return typeof amount === 'number' ? call(get(q, 'fromNumber'), lit(amount)) : call(get(q, 'fromString'), lit(amount));
}

function probeLiteral(probe: unknown): Expr | undefined {
  if (!isObject(probe)) return undefined;
  const entries: Entry[] = [];
  const intOrString = get(ref('k8s'), 'IntOrString');
  for (const [key, value] of Object.entries(probe)) {
    if ((key === 'httpGet' || key === 'tcpSocket') && isObject(value) && (typeof value.port === 'number' || typeof value.port === 'string')) {
      const port = call(get(intOrString, typeof value.port === 'number' ? 'fromNumber' : 'fromString'), lit(value.port));
      entries.push([key, obj(Object.entries(value).map(([k, v]) => [k, k === 'port' ? port : lit(v)]))]);
    } else if (key === 'exec' || typeof value === 'number') {
      entries.push([key, lit(value)]);
    } else {
      return undefined;
    }
  }
  return obj(entries);
}

/** The names of a v1 graph's nodes as written, parents before their children. */
export function graphNodeNames(graph: unknown): string[] {
  const nodes: string[] = [];
  const walk = (n: unknown) => {
    if (!isObject(n)) return;
    nodes.push(String(n.name));
    (Array.isArray(n.children) ? n.children : []).forEach(walk);
  };
  walk(graph);
  return nodes;
}

/**
 * The pod-level props of a predictor's componentSpec: its sidecars
 * (containers that are no graph node), the volumes no node mounts (all of
 * them when the order needs it), and `containerOrder` when the containers
 * are listed in another order than the library's.
 */
export function podContainerSettings(graph: Json, spec: Json | undefined, volumes: PodVolumes): Entry[] {
  const pod = spec && isObject(spec.spec) ? spec.spec : {};
  const containers = Array.isArray(pod.containers) ? pod.containers.filter(isObject) : [];
  const nodes = graphNodeNames(graph);
  const names = containers.map(c => String(c.name));
  // The volumes the nodes' typed mounts add, in graph order (predictor-pod.ts podVolumes).
  const mountedByNodes = nodes.flatMap(n => (typedMounts(containers.find(c => c.name === n)?.volumeMounts, volumes) ?? []).map(m => String(m.name)));
  const sidecarJson = containers.filter(c => !nodes.includes(String(c.name)));
  const sidecars = sidecarJson.map(kubeContainerExpr);
  const typedSidecars = sidecars.every(s => s !== undefined);
  // The library's order: the nodes in graph order, then the sidecars (predictor-pod.ts podContainerOrder).
  const library = [...nodes.filter(n => names.includes(n)), ...sidecarJson.map(c => String(c.name))];
  let order: string[] | undefined;
  for (let k = 0; k <= names.length && typedSidecars; k++) {
    const listed = names.slice(0, k);
    if ([...listed, ...library.filter(n => !listed.includes(n))].join('\n') === names.join('\n')) {
      order = listed;
      break;
    }
  }
  // Volumes: those no node mounts first, as the library renders them (listed, then mounted); all of them when that order differs.
  const unmounted = volumes.names.filter(n => !mountedByNodes.includes(n));
  const rendered = [...unmounted, ...mountedByNodes.filter((n, i) => mountedByNodes.indexOf(n) === i)];
  const listedVolumes = rendered.join('\n') === volumes.names.join('\n') ? unmounted : volumes.names;
  const volumeRefs = listedVolumes.length && listedVolumes.every(n => volumes.typed(n)) ? listedVolumes.map(n => volumes.ref(n)!) : [];
  return [
    ['sidecars', typedSidecars && sidecars.length ? arr(sidecars as Expr[]) : undefined],
    ['volumes', volumeRefs.length ? arr(volumeRefs) : undefined],
    ['containerOrder', order?.length ? lit(order) : undefined],
  ];
}

