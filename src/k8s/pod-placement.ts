import { Duration } from 'cdk8s';
import {
  IPodSelector, LabeledNode, NamedNode, PodSchedulingAttractOptions, PodSchedulingColocateOptions, PodSchedulingSeparateOptions,
  TaintedNode, Topology, WorkloadSchedulingSpreadOptions, k8s,
} from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import { showDuration, wholeDuration } from './duration';
import { namedOnChain } from './instance-shape';
import { isInt64Text } from '../go-strconv';
import { LABEL_KEY_ACCEPTED, LABEL_VALUE_ACCEPTED, labelKeyProblem, labelValueProblem } from './labels';
import { checkConstructor, checkMethods } from './method-check';
import { PrefixedProblems } from './prefixed-problems';

/**
 * Whether `value` is an object of cdk8s-plus's class `name` from any cdk8s-plus line: apps made by `cdk8s init`
 * today pass cdk8s-plus-33's `Node.labeled()`, `Topology.ZONE`, ..., whose classes are not cdk8s-plus-27's but have
 * the same name and members (README, "cdk8s-plus-33 apps").
 */
function ofPlusClass(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && namedOnChain(Object.getPrototypeOf(value), name);
}

const WEIGHT_ACCEPTED = 'a whole number from 1 to 100 (a preference), or no weight (a requirement)';

/**
 * Where the pods of a Seldon server may run, with the methods of cdk8s-plus's
 * `PodScheduling` and `WorkloadScheduling` (`attract`, `tolerate`, `colocate`,
 * `separate`, `spread`, `assign`) and the same renderings. cdk8s-plus's own
 * classes need a Pod or a Deployment it owns; here Seldon's operator builds
 * the pods, so this class renders the pod-spec fields the operator merges
 * (`affinity`, `tolerations`, `nodeName`).
 */
export class PodPlacement {
  private readonly nodeRequired: k8s.NodeSelectorTerm[] = [];
  private readonly nodePreferred: k8s.PreferredSchedulingTerm[] = [];
  private readonly podRequired: k8s.PodAffinityTerm[] = [];
  private readonly podPreferred: k8s.WeightedPodAffinityTerm[] = [];
  private readonly antiRequired: k8s.PodAffinityTerm[] = [];
  private readonly antiPreferred: k8s.WeightedPodAffinityTerm[] = [];
  private readonly tolerations: k8s.Toleration[] = [];
  private nodeName?: string;
  private ownPods?: IPodSelector | (() => IPodSelector);

  /**
   * @param owner the construct whose pods are placed (errors name its path)
   * @param kind the owner's kind, for error messages
   * @param fieldPrefix prefixed to the field names of error messages, e.g. `overrides[0].`
   */
  public constructor(private readonly owner: IConstruct, private readonly kind: string, private readonly fieldPrefix: string = '') {
    checkConstructor('PodPlacement', [owner, kind, fieldPrefix]);
  }

  /**
   * Attracts the pods to nodes with these labels (`Node.labeled(...)`): a
   * requirement, or a preference with `weight`. Several requirements are
   * alternatives (OR), as in cdk8s-plus.
   */
  public attract(node: LabeledNode, options: PodSchedulingAttractOptions = {}): void {
    const problems = this.problems();
    const labelSelector = (node as LabeledNode | undefined)?.labelSelector;
    if (!ofPlusClass(node, 'LabeledNode') || !Array.isArray(labelSelector) || labelSelector.length === 0) {
      problems.add('scheduling.attract(node)', `${describe(node)} is not a labeled node`, 'Node.labeled(NodeLabelQuery.is(key, value), ...) with at least one query');
    } else {
      labelSelector.forEach((q, i) => {
        if (!ofPlusClass(q, 'NodeLabelQuery')) problems.add(`scheduling.attract(node) query ${i}`, `${describe(q)} is not a NodeLabelQuery`, 'NodeLabelQuery.is(key, value), in(key, values), exists(key), ...');
      });
    }
    this.checkWeight(problems, 'scheduling.attract', options);
    problems.throwIfAny();
    const term = { matchExpressions: labelSelector!.map(s => s._toKube()) };
    term.matchExpressions.forEach((query, i) => {
      const issue = nodeQueryProblem(query);
      if (issue) problems.add(`scheduling.attract(node) query ${i}`, issue[0], issue[1]);
    });
    problems.throwIfAny();
    if (options.weight !== undefined) this.nodePreferred.push({ weight: options.weight, preference: term });
    else this.nodeRequired.push(term);
  }

  /** Tolerates node taints (`Node.tainted(NodeTaintQuery.is(...))`), e.g. those of a GPU node pool. */
  public tolerate(node: TaintedNode): void {
    const problems = this.problems();
    const taints = (node as TaintedNode | undefined)?.taintSelector;
    if (!ofPlusClass(node, 'TaintedNode') || !Array.isArray(taints) || taints.length === 0) {
      problems.add('scheduling.tolerate(node)', `${describe(node)} is not a tainted node`, 'Node.tainted(NodeTaintQuery.is(key, value), ...) with at least one query');
    } else {
      taints.forEach((q, i) => {
        if (!ofPlusClass(q, 'NodeTaintQuery')) problems.add(`scheduling.tolerate(node) query ${i}`, `${describe(q)} is not a NodeTaintQuery`, 'NodeTaintQuery.is(key, value), exists(key) or any()');
        // tolerationSeconds is whole seconds; cdk8s-plus's _toKube throws a bare error for anything else.
        const evictAfter = (q as unknown as { evictAfter?: Duration } | undefined)?.evictAfter;
        if (evictAfter !== undefined && wholeDuration(evictAfter, 'seconds') === undefined) {
          problems.add(`scheduling.tolerate(node) query ${i}`, `evictAfter ${showDuration(evictAfter)} is not whole seconds (it becomes tolerationSeconds)`, 'a Duration of whole seconds, e.g. Duration.minutes(5)');
        }
      });
    }
    problems.throwIfAny();
    const tolerations = taints!.map(t => t._toKube());
    tolerations.forEach((toleration, i) => {
      const issue = tolerationProblem(toleration);
      if (issue) problems.add(`scheduling.tolerate(node) query ${i}`, issue[0], issue[1]);
    });
    problems.throwIfAny();
    this.tolerations.push(...tolerations);
  }

  /**
   * Runs the pods on the same topology domain (default: node) as the pods
   * `selector` selects: a cdk8s-plus Pod or workload, `Pods.select(...)`, or
   * another Seldon server.
   */
  public colocate(selector: IPodSelector, options: PodSchedulingColocateOptions = {}): void {
    this.affinity('scheduling.colocate', selector, options, this.podRequired, this.podPreferred);
  }

  /** Keeps the pods off the topology domain (default: node) of the pods `selector` selects. */
  public separate(selector: IPodSelector, options: PodSchedulingSeparateOptions = {}): void {
    this.affinity('scheduling.separate', selector, options, this.antiRequired, this.antiPreferred);
  }

  /**
   * Spreads the pods of this server over topology domains (default: nodes)
   * by separating them from each other, as cdk8s-plus's
   * `WorkloadScheduling.spread` does.
   */
  public spread(options: WorkloadSchedulingSpreadOptions = {}): void {
    if (!this.ownPods) {
      const problems = this.problems();
      problems.add('scheduling.spread()', 'needs labels that select only these pods, which this object does not know (its pods belong to several servers)',
        'spread() on each SeldonServer, or separate() with a selector');
      problems.throwIfAny();
    }
    if (typeof this.ownPods === 'function') this.ownPods = this.ownPods();
    this.affinity('scheduling.spread', this.ownPods!, { weight: options.weight, topology: options.topology ?? Topology.HOSTNAME }, this.antiRequired, this.antiPreferred);
  }

  /** Runs the pods on one named node (`Node.named(...)`), bypassing the scheduler. */
  public assign(node: NamedNode): void {
    const problems = this.problems();
    const name = (node as NamedNode | undefined)?.name;
    if (!ofPlusClass(node, 'NamedNode') || typeof name !== 'string' || nameProblem(name, DNS_1123_SUBDOMAIN)) {
      problems.add('scheduling.assign(node)', `${describe(node)} is not a named node`, `Node.named(name) where ${DNS_1123_SUBDOMAIN.accepted}`);
    } else if (this.nodeName !== undefined) {
      problems.add('scheduling.assign(node)', `${show(name)} is a second node: the pods are already assigned to ${show(this.nodeName)}`, 'one assign() per server');
    }
    problems.throwIfAny();
    this.nodeName = name;
  }

  /** Whether any placement was declared. */
  public get isEmpty(): boolean {
    const k = this._toKube();
    return !k.affinity && !k.tolerations && !k.nodeName;
  }

  /**
   * @internal The selector of the owner's own pods, which `spread()` separates;
   * a function makes it when `spread()` first needs it (a selector may be a construct,
   * and most pods are never spread: thousands of unused constructs would slow every synth).
   */
  public _selectOwnPods(selector: IPodSelector | (() => IPodSelector)): void {
    this.ownPods = selector;
  }

  /** @internal The pod-spec fields, or undefined ones when nothing was declared. */
  public _toKube(): { affinity?: k8s.Affinity; tolerations?: k8s.Toleration[]; nodeName?: string } {
    const some = <T>(list: T[]) => (list.length ? [...list] : undefined);
    const node = this.nodeRequired.length || this.nodePreferred.length ? {
      requiredDuringSchedulingIgnoredDuringExecution: this.nodeRequired.length ? { nodeSelectorTerms: [...this.nodeRequired] } : undefined,
      preferredDuringSchedulingIgnoredDuringExecution: some(this.nodePreferred),
    } : undefined;
    const pod = this.podRequired.length || this.podPreferred.length ? {
      requiredDuringSchedulingIgnoredDuringExecution: some(this.podRequired),
      preferredDuringSchedulingIgnoredDuringExecution: some(this.podPreferred),
    } : undefined;
    const anti = this.antiRequired.length || this.antiPreferred.length ? {
      requiredDuringSchedulingIgnoredDuringExecution: some(this.antiRequired),
      preferredDuringSchedulingIgnoredDuringExecution: some(this.antiPreferred),
    } : undefined;
    return {
      affinity: node || pod || anti ? { nodeAffinity: node, podAffinity: pod, podAntiAffinity: anti } : undefined,
      tolerations: some(this.tolerations),
      nodeName: this.nodeName,
    };
  }

  private affinity(field: string, selector: IPodSelector, options: PodSchedulingColocateOptions,
    required: k8s.PodAffinityTerm[], preferred: k8s.WeightedPodAffinityTerm[]): void {
    const problems = this.problems();
    if (typeof (selector as IPodSelector | undefined)?.toPodSelectorConfig !== 'function') {
      problems.add(`${field}(selector)`, `${describe(selector)} does not select pods`,
        'a cdk8s-plus Pod, Deployment or StatefulSet, Pods.select(...), or a SeldonServer');
    }
    if (options.topology !== undefined && !(ofPlusClass(options.topology, 'Topology') && typeof options.topology.key === 'string')) {
      problems.add(`${field} topology`, `${describe(options.topology)} is not a Topology`, 'Topology.HOSTNAME, Topology.ZONE, Topology.REGION or Topology.custom(key)');
    }
    this.checkWeight(problems, field, options);
    problems.throwIfAny();
    const config = selector.toPodSelectorConfig();
    const term: k8s.PodAffinityTerm = {
      topologyKey: (options.topology ?? Topology.HOSTNAME).key,
      labelSelector: config.labelSelector._toKube(),
      namespaceSelector: config.namespaces?.labelSelector?._toKube(),
      namespaces: config.namespaces?.names,
    };
    if (options.weight !== undefined) preferred.push({ weight: options.weight, podAffinityTerm: term });
    else required.push(term);
  }

  private checkWeight(problems: Problems, field: string, options: { weight?: number }): void {
    const weight = options?.weight;
    if (weight !== undefined && !(Number.isInteger(weight) && weight >= 1 && weight <= 100)) {
      problems.add(`${field} weight`, `${show(weight)} is not a scheduling weight`, WEIGHT_ACCEPTED);
    }
  }

  private problems(): Problems {
    return new PrefixedProblems(this.kind, this.owner, this.fieldPrefix);
  }
}

/**
 * What the API server refuses in a node selector requirement (validation.go ValidateNodeSelectorRequirement): a key
 * that is no qualified name, In/NotIn without values, Exists/DoesNotExist with values, Gt/Lt without exactly one
 * value; and a Gt/Lt value that is no integer, which the scheduler cannot compare (labels.Requirement parses it with
 * strconv.ParseInt), so the pods would match no node. Returns [problem, accepted].
 */
function nodeQueryProblem(query: k8s.NodeSelectorRequirement): [string, string] | undefined {
  const keyIssue = labelKeyProblem(query.key);
  if (keyIssue) return [keyIssue, LABEL_KEY_ACCEPTED];
  const operator = query.operator;
  if (query.values !== undefined && !Array.isArray(query.values)) {
    return [`${operator} on ${show(query.key)} has the values ${show(query.values)}, which is not a list`, 'a list of strings, e.g. NodeLabelQuery.in(key, ["a", "b"])'];
  }
  const values = query.values ?? [];
  // cdk8s-plus renders the values as given: a number from JavaScript would be written where Kubernetes wants a string.
  const other = values.find(v => typeof v !== 'string');
  if (other !== undefined) return [`${operator} on ${show(query.key)} has the value ${show(other)}, which is not a string`, 'string values, e.g. NodeLabelQuery.gt(key, ["4"])'];
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    return [`${operator} on ${show(query.key)} has no values, which the API server refuses`, 'at least one value: NodeLabelQuery.in(key, [value, ...])'];
  }
  // A node's labels hold label values only: another value matches no node (In) or every node (NotIn).
  const notLabel = operator === 'In' || operator === 'NotIn' ? values.find(v => labelValueProblem(v) !== undefined) : undefined;
  if (notLabel !== undefined) return [`${operator} on ${show(query.key)} compares with ${show(notLabel)}, which no node label can hold`, LABEL_VALUE_ACCEPTED];
  if (operator === 'Gt' || operator === 'Lt') {
    if (values.length !== 1) return [`${operator} on ${show(query.key)} has ${values.length} values, which the API server refuses`, `one value: NodeLabelQuery.${operator.toLowerCase()}(key, [n])`];
    if (!isInt64Text(values[0])) {
      return [`${operator} on ${show(query.key)} compares with ${show(values[0])}, which is not an integer: the scheduler would match no node`, 'a whole number'];
    }
  }
  return undefined;
}

/** What the API server refuses in a toleration (validation.go validateTolerations): a bad key, or an Equal value that is no label value. */
function tolerationProblem(toleration: k8s.Toleration): [string, string] | undefined {
  if ((toleration.key === undefined || toleration.key === '') && toleration.operator !== 'Exists') {
    return ['has no key, which the API server accepts only with the Exists operator', 'a key: NodeTaintQuery.is(key, value), or NodeTaintQuery.any() for every taint'];
  }
  if (toleration.key !== undefined && toleration.key !== '') {
    const keyIssue = labelKeyProblem(toleration.key);
    if (keyIssue) return [keyIssue, LABEL_KEY_ACCEPTED];
  }
  if (toleration.operator !== 'Exists' && toleration.value !== undefined) {
    const valueIssue = labelValueProblem(toleration.value);
    if (valueIssue) return [valueIssue, LABEL_VALUE_ACCEPTED];
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined || value === null || typeof value !== 'object') return show(value);
  const name = (value as object).constructor?.name;
  return name === undefined || name === 'Object' ? 'a plain object' : name;
}

// A wrong argument type from JavaScript or a jsii language is reported like a prop (src/k8s/method-check.ts).
checkMethods(PodPlacement, 'PodPlacement', p => {
  const { owner, kind, fieldPrefix } = p as unknown as { owner: IConstruct; kind: string; fieldPrefix: string };
  return { scope: owner, kind, prefix: `${fieldPrefix}scheduling.` };
});
