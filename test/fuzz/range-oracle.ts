/**
 * What the cluster refuses although Seldon's CRD schemas allow it: the ranges
 * the API server's validation (k8s.io/kubernetes pkg/apis/core/validation,
 * pkg/apis/autoscaling/validation, pkg/apis/policy/validation) and Seldon's
 * webhook and operators enforce, checked on synthesized objects. Each rule
 * names its consumer; the fuzz oracle counts any of them as a failure.
 */

const INT32_MAX = 2 ** 31 - 1;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isId = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= INT32_MAX;

/** A Kubernetes quantity in base units, or undefined when it is not one (the CRD check reports that). */
export function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/.exec(q);
  if (!m) return undefined;
  const scale: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
  };
  const suffix = m[2] ?? '';
  return Number(m[1]) * (/^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : scale[suffix] ?? 1);
}

/** Resource names the API server counts in whole units only: not cpu, memory, ephemeral-storage or hugepages (IsIntegerResourceName). */
const integerResource = (name: string) => !/^(cpu|memory|ephemeral-storage|storage|hugepages-.*)$/.test(name) && name.includes('/') && !name.startsWith('kubernetes.io/');

function containerRefusals(c: any, where: string, out: string[]): void {
  for (const p of c?.ports ?? []) {
    // validateContainerPorts: IsValidPortNum, and hostPort 0 (unset) or a port number.
    if (!(Number.isInteger(p.containerPort) && p.containerPort >= 1 && p.containerPort <= 65535)) out.push(`${where}: containerPort ${p.containerPort} (ports are 1-65535)`);
    if (p.hostPort !== undefined && !(Number.isInteger(p.hostPort) && p.hostPort >= 0 && p.hostPort <= 65535)) out.push(`${where}: hostPort ${p.hostPort}`);
    // IsValidPortName.
    if (p.name !== undefined && !(typeof p.name === 'string' && p.name.length <= 15 && /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name))) out.push(`${where}: port name ${p.name}`);
  }
  // ValidateSecurityContext: IsValidUserID, IsValidGroupID.
  for (const f of ['runAsUser', 'runAsGroup']) if (c?.securityContext?.[f] !== undefined && !isId(c.securityContext[f])) out.push(`${where}: securityContext.${f} ${c.securityContext[f]}`);
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c?.[kind];
    if (!probe) continue;
    // validateProbe: ValidateNonnegativeField for the five numbers; liveness and startup need successThreshold 1.
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
      if (probe[f] !== undefined && !(Number.isInteger(probe[f]) && probe[f] >= 0 && probe[f] <= INT32_MAX)) out.push(`${where}: ${kind}.${f} ${probe[f]}`);
    }
    if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 0 && probe.successThreshold !== 1) out.push(`${where}: ${kind}.successThreshold ${probe.successThreshold} (must be 1)`);
    const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
    if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) out.push(`${where}: ${kind} port ${port}`);
  }
  const { limits = {}, requests = {} } = c?.resources ?? {};
  for (const [name, q] of [...Object.entries(limits), ...Object.entries(requests)]) {
    const v = quantityValue(q);
    // ValidateResourceQuantityValue: not negative; integer-only resources in whole units.
    if (v !== undefined && v < 0) out.push(`${where}: resource ${name} ${q} is negative`);
    if (v !== undefined && integerResource(name) && !Number.isInteger(v)) out.push(`${where}: resource ${name} ${q} is not whole`);
  }
  for (const [name, q] of Object.entries(requests)) {
    const r = quantityValue(q);
    const l = quantityValue((limits as any)[name]);
    // ValidateResourceRequirements: a request above its limit; an extended resource's request must equal its limit.
    if (r !== undefined && l !== undefined && r > l) out.push(`${where}: ${name} request ${q} is above its limit ${(limits as any)[name]}`);
    if (integerResource(name) && r !== undefined && l !== r) out.push(`${where}: ${name} request ${q} without an equal limit`);
  }
  if (c?.name !== undefined && (typeof c.name !== 'string' || !DNS_LABEL.test(c.name) || c.name.length > 63)) out.push(`${where}: container name ${String(c.name).slice(0, 70)}`);
}

function podSpecRefusals(spec: any, where: string, out: string[]): void {
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) containerRefusals(c, `${where} container ${c?.name}`, out);
  // validateInitContainers: no probes or lifecycle on an init container that is not a restartable sidecar.
  for (const c of spec?.initContainers ?? []) {
    if (c?.restartPolicy !== 'Always' && ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'].some(k => c?.[k])) out.push(`${where} init container ${c?.name}: probe or lifecycle`);
  }
  // ValidatePodSpec: activeDeadlineSeconds from 1; tolerations and topology spread constraints.
  if (spec?.activeDeadlineSeconds !== undefined && !(spec.activeDeadlineSeconds >= 1 && spec.activeDeadlineSeconds <= INT32_MAX)) out.push(`${where}: activeDeadlineSeconds ${spec.activeDeadlineSeconds}`);
  // ValidatePodSecurityContext: user and group ids; ValidatePodSpec: the hostname is a DNS-1123 label.
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) if (spec?.securityContext?.[f] !== undefined && !isId(spec.securityContext[f])) out.push(`${where}: securityContext.${f} ${spec.securityContext[f]}`);
  for (const g of spec?.securityContext?.supplementalGroups ?? []) if (!isId(g)) out.push(`${where}: supplementalGroups ${g}`);
  if (spec?.hostname && !(spec.hostname.length <= 63 && DNS_LABEL.test(spec.hostname))) out.push(`${where}: hostname ${spec.hostname.slice(0, 70)}`);
  for (const t of spec?.tolerations ?? []) {
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') out.push(`${where}: tolerationSeconds with effect ${t.effect}`);
  }
  for (const t of spec?.topologySpreadConstraints ?? []) {
    if (!(t.maxSkew >= 1)) out.push(`${where}: topology spread maxSkew ${t.maxSkew}`);
    if (t.minDomains !== undefined && !(t.minDomains >= 1)) out.push(`${where}: topology spread minDomains ${t.minDomains}`);
  }
}

/** Every pod spec in an object: a SeldonDeployment's componentSpecs, a v2 podSpec, a Deployment's or StatefulSet's template. */
function podSpecs(o: any): Array<{ spec: any; where: string }> {
  const where = `${o.kind}/${o.metadata?.name}`;
  const found: Array<{ spec: any; where: string }> = [];
  (o.spec?.predictors ?? []).forEach((p: any, i: number) => {
    (p.componentSpecs ?? []).forEach((cs: any, j: number) => cs?.spec && found.push({ spec: cs.spec, where: `${where} predictors[${i}].componentSpecs[${j}]` }));
    if (p.explainer?.containerSpec) found.push({ spec: { containers: [p.explainer.containerSpec] }, where: `${where} predictors[${i}].explainer` });
  });
  if (o.spec?.podSpec) found.push({ spec: o.spec.podSpec, where: `${where} podSpec` });
  if (o.spec?.template?.spec) found.push({ spec: o.spec.template.spec, where: `${where} template` });
  for (const c of [...(o.spec?.components ?? []), ...(o.spec?.overrides ?? [])]) if (c?.podSpec) found.push({ spec: c.podSpec, where: `${where} ${c.name}` });
  for (const c of ['agentContainer', 'rcloneContainer', 'serverContainer']) if (o.spec?.[c]) found.push({ spec: { containers: [o.spec[c]] }, where: `${where} ${c}` });
  return found;
}

/** Seldon v2's GetValidatedScalingSpec (operator/internal/utils.go): min <= replicas <= max, min and max counted when above 0. */
function seldonScalingRefusals(spec: any, where: string, out: string[]): void {
  const { replicas, minReplicas: min, maxReplicas: max } = spec ?? {};
  for (const [f, v] of [['replicas', replicas], ['minReplicas', min], ['maxReplicas', max]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= INT32_MAX)) out.push(`${where}: ${f} ${v}`);
  }
  if (min > 0 && max > 0 && min > max) out.push(`${where}: minReplicas ${min} above maxReplicas ${max}`);
  const r = replicas !== undefined ? replicas : (min > 0 ? min : 1);
  if (min > 0 && r < min) out.push(`${where}: replicas ${r} below minReplicas ${min}`);
  if (max > 0 && r > max) out.push(`${where}: replicas ${r} above maxReplicas ${max}`);
}

/** The refusals the cluster would give `objects`, each naming the object, the field and the rule. */
export function clusterRefusals(objects: any[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.name}`;
    for (const { spec, where: w } of podSpecs(o)) podSpecRefusals(spec, w, out);
    switch (o.kind) {
      case 'HorizontalPodAutoscaler': {
        // validateHorizontalPodAutoscalerSpec: minReplicas from 1, maxReplicas from 1 and at least minReplicas; metric targets above 0.
        const { minReplicas = 1, maxReplicas } = o.spec;
        if (!(minReplicas >= 1)) out.push(`${where}: minReplicas ${minReplicas}`);
        if (!(maxReplicas >= 1 && maxReplicas >= minReplicas)) out.push(`${where}: maxReplicas ${maxReplicas}`);
        for (const m of o.spec.metrics ?? []) {
          const target = m?.[({ Resource: 'resource', Pods: 'pods', Object: 'object', External: 'external', ContainerResource: 'containerResource' } as any)[m.type]]?.target;
          if (target?.averageUtilization !== undefined && !(Number.isInteger(target.averageUtilization) && target.averageUtilization >= 1)) out.push(`${where}: averageUtilization ${target.averageUtilization}`);
          for (const f of ['averageValue', 'value']) if (target?.[f] !== undefined && !((quantityValue(target[f]) ?? 0) > 0)) out.push(`${where}: target ${f} ${target[f]}`);
        }
        break;
      }
      case 'PodDisruptionBudget':
        // ValidatePodDisruptionBudgetSpec: non-negative, percentages up to 100%.
        for (const f of ['minAvailable', 'maxUnavailable']) {
          const v = o.spec?.[f];
          if (typeof v === 'number' && !(Number.isInteger(v) && v >= 0)) out.push(`${where}: ${f} ${v}`);
          if (typeof v === 'string' && !(/^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100)) out.push(`${where}: ${f} ${v}`);
        }
        break;
      case 'SeldonDeployment':
        (o.spec?.predictors ?? []).forEach((p: any, i: number) => {
          // The v1 webhook's checkTraffic: traffic 0-100; replicas are int32 and become a Deployment's replicas (>= 0).
          if (p.traffic !== undefined && !(p.traffic >= 0 && p.traffic <= 100)) out.push(`${where}: predictors[${i}].traffic ${p.traffic}`);
          for (const [f, v] of [['replicas', p.replicas], ['svcOrchSpec.replicas', p.svcOrchSpec?.replicas]]) {
            if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= INT32_MAX)) out.push(`${where}: predictors[${i}].${f} ${v}`);
          }
        });
        if (o.spec?.replicas !== undefined && !(o.spec.replicas >= 0)) out.push(`${where}: replicas ${o.spec.replicas}`);
        for (const p of o.spec?.predictors ?? []) {
          for (const cs of p.componentSpecs ?? []) {
            // The operator makes an HPA of hpaSpec, and KEDA one of kedaSpec (GetHPAMinReplicas: 0 counts as 1; GetHPAMaxReplicas: 100 when unset).
            const hpa = cs?.hpaSpec;
            if (hpa && !((hpa.minReplicas ?? 1) >= 1 && hpa.maxReplicas >= Math.max(1, hpa.minReplicas ?? 1))) out.push(`${where}: hpaSpec ${hpa.minReplicas}/${hpa.maxReplicas}`);
            const keda = cs?.kedaSpec;
            if (keda) {
              const max = keda.maxReplicaCount ?? 100;
              const min = keda.minReplicaCount === undefined ? 0 : Math.max(1, keda.minReplicaCount);
              if (max < 1 || min > max) out.push(`${where}: kedaSpec min ${keda.minReplicaCount} max ${keda.maxReplicaCount}`);
            }
          }
        }
        break;
      case 'Model':
      case 'Server':
        seldonScalingRefusals(o.spec, where, out);
        if (o.kind === 'Model' && o.spec?.memory !== undefined) {
          // AsSchedulerModel reads memory with AsInt64: whole bytes, not negative.
          const v = quantityValue(o.spec.memory);
          if (v !== undefined && (!Number.isInteger(v) || v < 0)) out.push(`${where}: memory ${o.spec.memory}`);
        }
        break;
      case 'Experiment':
        // weight and percent are uint32 in experiment_types.go: a negative value fails to decode.
        for (const c of o.spec?.candidates ?? []) if (!(Number.isInteger(c.weight) && c.weight >= 0 && c.weight <= INT32_MAX)) out.push(`${where}: weight ${c.weight}`);
        if (o.spec?.mirror && !(Number.isInteger(o.spec.mirror.percent) && o.spec.mirror.percent >= 0 && o.spec.mirror.percent <= 100)) out.push(`${where}: mirror percent ${o.spec.mirror.percent}`);
        break;
      case 'Pipeline': {
        // joinWindowMs, batch size and window, maxStepRevisits are uint32 (pipeline_types.go).
        const counts: Array<[string, unknown]> = [['input.joinWindowMs', o.spec?.input?.joinWindowMs], ['output.joinWindowMs', o.spec?.output?.joinWindowMs], ['maxStepRevisits', o.spec?.maxStepRevisits]];
        (o.spec?.steps ?? []).forEach((s: any, i: number) => counts.push([`steps[${i}].joinWindowMs`, s.joinWindowMs], [`steps[${i}].batch.size`, s.batch?.size], [`steps[${i}].batch.windowMs`, s.batch?.windowMs]));
        for (const [f, v] of counts) if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= INT32_MAX)) out.push(`${where}: ${f} ${v}`);
        break;
      }
    }
  }
  return out;
}
