/**
 * The numeric ranges the API server enforces on containers and pod specs
 * that Seldon's CRDs do not carry (k8s.io/kubernetes
 * pkg/apis/core/validation/validation.go): container and host ports
 * (validateContainerPorts, IsValidPortNum), probe timings and thresholds
 * (validateProbe: ValidateNonnegativeField; validateLivenessProbe and
 * validateStartupProbe: successThreshold 1; terminationGracePeriodSeconds
 * above 0, and not on a readiness probe), probe handler ports
 * (validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction),
 * activeDeadlineSeconds (1 or more), topology spread constraints
 * (validateTopologySpreadConstraints: maxSkew and minDomains above 0) and
 * container names and the hostname (DNS-1123 labels of at most 63
 * letters), port names (IsValidPortName) and user and group ids
 * (IsValidUserID, IsValidGroupID: 0 to 2147483647).
 * Raw `k8s.Container`s and pod specs reach a Deployment or StatefulSet as
 * given (a v1 sidecar, a ServerConfig's, SeldonConfig's or override's
 * podSpec), and so do the probes of a v1 graph node. A value in range costs
 * one comparison.
 */
import { INT32_MAX, isInt32Count } from './int32';
import { quantityValue } from './quantity-value';
import { show } from '../errors';
import { DNS_1123_LABEL, nameProblem } from '../names';

type Report = (field: string, problem: string, accepted: string) => void;
type Json = { readonly [key: string]: any };

const isCount = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= INT32_MAX;
/** IsValidPortNum, as every port number the library checks is read. */
export const PORT_ACCEPTED = 'a whole number from 1 to 65535';
export const isPort = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
/** IsValidPortName: at most 15 letters, lower-case alphanumerics and single hyphens, at least one letter, no hyphen at either end. */
const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const PORT_NAME_ACCEPTED = 'at most 15 lower-case letters, digits and single "-", with a letter, starting and ending with a letter or digit';
export const isPortName = (name: unknown): name is string => typeof name === 'string' && name.length <= 15 && PORT_NAME.test(name);
/** IsValidUserID and IsValidGroupID: runAsUser, runAsGroup, fsGroup and supplementalGroups. */
export const isUserOrGroupId = (n: unknown) => isInt32Count(n as number);
export const ID_ACCEPTED = 'a whole number from 0 to 2147483647';
const numberOf = (v: unknown) => (v !== null && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v);

/** A probe as Kubernetes JSON (`key` says which), at `field`. */
export function probeRangeProblems(probe: Json | undefined, key: string, field: string, report: Report): void {
  if (probe === null || typeof probe !== 'object') return;
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = probe[f];
    if (v !== undefined && !isInt32Count(v)) report(`${field}.${f}`, `${show(v)} is not a whole number from 0 to 2147483647`, 'e.g. 3 (validateProbe refuses a negative value; the field is int32)');
  }
  const success = probe.successThreshold;
  if (key !== 'readinessProbe' && isCount(success, 2)) {
    report(`${field}.successThreshold`, `${success} is not 1 (validateLivenessProbe and validateStartupProbe accept only 1)`, 'successThreshold 1, or leave it out');
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && key === 'readinessProbe') {
    report(`${field}.terminationGracePeriodSeconds`, 'is set on a readiness probe (validateReadinessProbe refuses it)', 'leave it out, or set it on the liveness or startup probe');
  } else if (grace !== undefined && !(Number.isSafeInteger(grace) && grace >= 1)) {
    // int64, unlike the other probe numbers
    report(`${field}.terminationGracePeriodSeconds`, `${show(grace)} is not a whole number of seconds above 0`, 'a whole number from 1, or leave it out for the pod\'s');
  }
  for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
    const port = numberOf(probe[handler]?.port);
    if (typeof port === 'number' && !isPort(port)) report(`${field}.${handler}.port`, `${show(port)} is not a port number`, `${PORT_ACCEPTED}, or a port name`);
    if (typeof port === 'string' && !isPortName(port)) report(`${field}.${handler}.port`, `${show(port)} is not a port name`, PORT_NAME_ACCEPTED);
  }
}

function idProblems(context: Json | undefined, keys: readonly string[], field: string, report: Report): void {
  if (context === null || typeof context !== 'object') return;
  for (const key of keys) {
    const v = context[key];
    if (v !== undefined && !isUserOrGroupId(v)) report(`${field}.${key}`, `${show(v)} is not a user or group id`, ID_ACCEPTED);
  }
}

/** A resource the API server counts in whole units: an extended one, outside kubernetes.io (IsExtendedResourceName). */
const isExtended = (name: string) => name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
/** IsOvercommitAllowed: native resources but hugepages; the others need a limit equal to the request. */
const overcommits = (name: string) => !isExtended(name) && !name.startsWith('hugepages-');

/**
 * A raw container's requests and limits as ValidateResourceRequirements reads
 * them: no negative amount, extended resources in whole units, their request
 * equal to a limit, and no request above its limit (unless `requestsChecked`:
 * the caller compares requests with limits itself, once its overrides are
 * merged, which may bring the limit).
 */
function resourceProblems(resources: Json | undefined, field: string, report: Report, requestsChecked: boolean): void {
  const limits: Json = resources?.limits ?? {};
  const requests: Json = resources?.requests ?? {};
  if (typeof limits !== 'object' || typeof requests !== 'object') return;
  const amount = (q: unknown) => quantityValue(numberOf(q) as string);
  for (const [which, amounts] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, q] of Object.entries(amounts)) {
      const v = amount(q);
      if (v === undefined) continue;
      if (v < 0) report(`${field}.resources.${which}[${show(name)}]`, `${show(numberOf(q))} is negative`, 'a quantity of 0 or more (ValidateResourceQuantityValue)');
      else if (isExtended(name) && !Number.isInteger(v)) report(`${field}.resources.${which}[${show(name)}]`, `${show(numberOf(q))} is not a whole number`, 'extended resources such as nvidia.com/gpu are counted in whole units (ValidateResourceQuantityValue)');
    }
  }
  for (const [name, q] of Object.entries(requests)) {
    const r = amount(q);
    const l = limits[name] === undefined ? undefined : amount(limits[name]);
    if (r === undefined) continue;
    if (!requestsChecked && !overcommits(name) && r !== l) {
      report(`${field}.resources.requests[${show(name)}]`, `${show(numberOf(q))} has no equal limit`, `the same amount in limits: the API server does not overcommit ${name} (ValidateResourceRequirements)`);
    } else if (!requestsChecked && l !== undefined && r > l) {
      report(`${field}.resources.requests[${show(name)}]`, `${show(numberOf(q))} is above the limit ${show(numberOf(limits[name]))}`, 'requests at most the limits (ValidateResourceRequirements)');
    }
  }
}

/** A raw container's ports, security context ids and probes, at `field` (e.g. `podSpec.containers[0]`). */
export function containerRangeProblems(container: Json | undefined, field: string, report: Report, requestsChecked = false): void {
  if (container === null || typeof container !== 'object') return;
  const ports = container.ports;
  if (Array.isArray(ports)) {
    ports.forEach((p: Json | null, i) => {
      if (p?.containerPort !== undefined && !isPort(p.containerPort)) report(`${field}.ports[${i}].containerPort`, `${show(p.containerPort)} is not a port number`, PORT_ACCEPTED);
      // 0 is the API's "no host port".
      if (p?.hostPort !== undefined && p.hostPort !== 0 && !isPort(p.hostPort)) report(`${field}.ports[${i}].hostPort`, `${show(p.hostPort)} is not a port number`, `${PORT_ACCEPTED}, or 0 for none`);
      if (p?.name !== undefined && !isPortName(p.name)) report(`${field}.ports[${i}].name`, `${show(p.name)} is not a port name`, PORT_NAME_ACCEPTED);
    });
  }
  idProblems(container.securityContext, ['runAsUser', 'runAsGroup'], `${field}.securityContext`, report);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) probeRangeProblems(container[key], key, `${field}.${key}`, report);
  resourceProblems(container.resources, field, report, requestsChecked);
}

/** A raw pod spec's (`requestsChecked`: the caller compares its containers' requests with their limits) container names, containers, init containers, activeDeadlineSeconds and topology spread constraints, at `field`. */
export function podSpecRangeProblems(podSpec: Json | undefined, field: string, report: Report, requestsChecked = false): void {
  if (podSpec === null || typeof podSpec !== 'object') return;
  for (const list of ['containers', 'initContainers']) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => {
      // validateContainers and validateInitContainers: a DNS-1123 label (the shape check reports a missing name).
      const issue = typeof c?.name === 'string' ? nameProblem(c.name, DNS_1123_LABEL) : undefined;
      if (issue) report(`${field}.${list}[${i}].name`, issue, DNS_1123_LABEL.accepted);
      containerRangeProblems(c, `${field}.${list}[${i}]`, report, requestsChecked && list === 'containers');
      // validateInitContainers: an init container runs to completion, so it takes no probe or lifecycle unless it is a restartable sidecar.
      if (list === 'initContainers' && c?.restartPolicy !== 'Always') {
        for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
          if (c?.[key] !== undefined) report(`${field}.${list}[${i}].${key}`, 'is set on an init container, which the API server refuses (validateInitContainers)', 'probes and lifecycle hooks on containers, not init containers');
        }
      }
    });
  }
  const deadline = podSpec.activeDeadlineSeconds;
  if (deadline !== undefined && !isCount(deadline, 1)) {
    report(`${field}.activeDeadlineSeconds`, `${show(deadline)} is not a whole number of seconds above 0`, 'a number from 1 to 2147483647, or leave it out');
  }
  // The CRDs type these as integers (priority int32); validateTolerations: tolerationSeconds only with effect NoExecute.
  const priority = podSpec.priority;
  if (priority !== undefined && !(Number.isInteger(priority) && priority >= -INT32_MAX - 1 && priority <= INT32_MAX)) {
    report(`${field}.priority`, `${show(priority)} is not a whole number from -2147483648 to 2147483647 (int32)`, 'usually none: the admission controller sets it from priorityClassName');
  }
  const grace = podSpec.terminationGracePeriodSeconds;
  if (grace !== undefined && !Number.isSafeInteger(grace)) report(`${field}.terminationGracePeriodSeconds`, `${show(grace)} is not a whole number of seconds`, 'e.g. 30');
  const tolerations = podSpec.tolerations;
  if (Array.isArray(tolerations)) {
    tolerations.forEach((t: Json | null, i) => {
      const s = t?.tolerationSeconds;
      if (s === undefined) return;
      if (!Number.isSafeInteger(s)) report(`${field}.tolerations[${i}].tolerationSeconds`, `${show(s)} is not a whole number of seconds`, 'e.g. 300');
      else if (t?.effect !== 'NoExecute') report(`${field}.tolerations[${i}].tolerationSeconds`, `is set with effect ${show(t?.effect)} (validateTolerations allows it only with NoExecute)`, 'effect: "NoExecute", or no tolerationSeconds');
    });
  }
  idProblems(podSpec.securityContext, ['runAsUser', 'runAsGroup', 'fsGroup'], `${field}.securityContext`, report);
  const groups = podSpec.securityContext?.supplementalGroups;
  if (Array.isArray(groups)) {
    groups.forEach((g, i) => { if (!isUserOrGroupId(g)) report(`${field}.securityContext.supplementalGroups[${i}]`, `${show(g)} is not a group id`, ID_ACCEPTED); });
  }
  const hostname = podSpec.hostname;
  if (typeof hostname === 'string' && hostname !== '' && nameProblem(hostname, DNS_1123_LABEL)) {
    report(`${field}.hostname`, `${show(hostname)} is not a valid hostname`, DNS_1123_LABEL.accepted);
  }
  const spread = podSpec.topologySpreadConstraints;
  if (Array.isArray(spread)) {
    spread.forEach((t: Json | null, i) => {
      for (const f of ['maxSkew', 'minDomains']) {
        const v = t?.[f];
        if (v !== undefined && !isCount(v, 1)) report(`${field}.topologySpreadConstraints[${i}].${f}`, `${show(v)} is not a whole number above 0`, 'a number from 1 to 2147483647 (validateTopologySpreadConstraints)');
      }
    });
  }
}
