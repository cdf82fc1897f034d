/**
 * The rules of Seldon Core v1's validating webhook, once, over plain data
 * (SELDON-FACTS §1.4; operator/apis/machinelearning.seldon.io/v1/
 * seldondeployment_webhook.go@v1.18.2 `ValidateSeldonDeployment`,
 * `checkPredictiveUnits`, `checkTraffic`). The constructs check what they
 * are given with them, and the converter checks the manifests it reads, so
 * both report an object the cluster would reject with the same words. Each
 * problem quotes the webhook's own message, so users can find the rule.
 * Rule 14 (an implementation missing from `predictor_servers`) is left out:
 * an installation may register its own servers there.
 */
import { show } from '../errors';
import { ModelUri } from '../model-uri';
import { LoggerMode } from './logger';
import { isPrepack } from './operator/graph';
import { ANNOTATIONS } from './operator/names';
import { PREPACKAGED_SERVERS, REJECTS_TENSORFLOW_PROTOCOL } from './operator-defaults';
import { ProtocolFamily, protocolsOf } from './protocol-family';

/** A graph node, as the webhook reads it. */
export interface WebhookUnit {
  readonly name: unknown;
  /** `implementation`; undefined when absent. */
  readonly implementation?: unknown;
  readonly modelUri?: unknown;
  /** `type`, for rule 11. */
  readonly unitType?: unknown;
  readonly methods?: readonly unknown[];
  /** `endpoint.type`; undefined or '' when unset. */
  readonly endpointType?: unknown;
  /** The logger's `mode`; `hasLogger` says whether there is a logger. */
  readonly hasLogger?: boolean;
  readonly loggerMode?: unknown;
  /** False only for a custom server whose author said so (it changes nothing, but the message says why). */
  readonly modelUriRequired?: boolean;
  readonly children: readonly WebhookUnit[];
  /** The caller's path of the node, handed back to `WebhookNaming.unit`. */
  readonly path: string;
}

/** A predictor, as the webhook reads it. */
export interface WebhookPredictor {
  readonly name: unknown;
  readonly shadow: boolean;
  /** `traffic`, 0 when unset. */
  readonly traffic: number;
  readonly annotations: Readonly<Record<string, unknown>>;
  /** Names of the containers of its `componentSpecs`. */
  readonly containers: readonly unknown[];
  /** Names of the `svcOrchSpec.env` variables. */
  readonly engineEnv: readonly string[];
  readonly graph?: WebhookUnit;
}

/** A SeldonDeployment's spec, as the webhook reads it. */
export interface WebhookDeployment {
  readonly protocol?: unknown;
  readonly transport?: unknown;
  readonly serverType?: unknown;
  readonly predictors: readonly WebhookPredictor[];
}

/** How the caller names fields in its messages (manifest fields, or props). */
export interface WebhookNaming {
  /** A field of the spec: `protocol`, `transport`, `predictors`, `predictors[0].shadow`... */
  readonly spec: (field: string) => string;
  readonly predictor: (index: number, field: string) => string;
  /** A field of a node; `field` '' names the node itself. */
  readonly unit: (predictor: number, path: string, field: string) => string;
  /** Names the node in a message about a spec-wide field, e.g. " (node predictors[0].graph)"; '' for none. */
  readonly where: (predictor: number, path: string) => string;
  /** What the caller calls `endpoint.type` and `svcOrchSpec.env`. */
  readonly endpointType: string;
  readonly engineEnv: string;
}

export type WebhookReport = (field: string, problem: string, accepted: string) => void;

/** One webhook rule: its number in SELDON-FACTS §1.4, the webhook's message, and the check. */
export interface WebhookRule {
  readonly rule: number;
  readonly message: string;
  readonly check: (d: WebhookDeployment, naming: WebhookNaming, report: WebhookReport) => void;
}

export const PROTOCOLS = ['seldon', 'tensorflow', 'kfserving', 'v2'];
const SVC_NAME = ANNOTATIONS.serviceName;
const NO_ENGINE = ANNOTATIONS.noEngine;
const KAFKA_ENV = ['KAFKA_BROKER', 'KAFKA_INPUT_TOPIC', 'KAFKA_OUTPUT_TOPIC'];
const LOGGER_MODES: readonly string[] = Object.values(LoggerMode);

const set = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Every node of a predictor with its path, parent before children. */
function nodes(unit: WebhookUnit | undefined): WebhookUnit[] {
  const found: WebhookUnit[] = [];
  if (unit) addNodes(unit, found);
  return found;
}

function addNodes(unit: WebhookUnit, found: WebhookUnit[]): void {
  found.push(unit);
  for (const child of unit.children) addNodes(child, found);
}

/** Applies `check` to every node of every predictor. */
const eachUnit = (check: (u: WebhookUnit, i: number, d: WebhookDeployment, naming: WebhookNaming, report: WebhookReport) => void) =>
  (d: WebhookDeployment, naming: WebhookNaming, report: WebhookReport) =>
    d.predictors.forEach((p, i) => nodes(p.graph).forEach(u => check(u, i, d, naming, report)));

function oneOf(rule: number, key: 'protocol' | 'transport' | 'serverType', accepted: readonly string[], message: string): WebhookRule {
  return {
    rule,
    message,
    check: (d, naming, report) => {
      const value = d[key];
      if (set(value) && !accepted.includes(String(value))) report(naming.spec(key), `${show(value)} is rejected by the webhook ("${message}")`, `accepted: ${accepted.join(', ')}`);
    },
  };
}

const nonShadowTraffic = (d: WebhookDeployment) => d.predictors.filter(p => !p.shadow).reduce((sum, p) => sum + p.traffic, 0);
const shadowCount = (d: WebhookDeployment) => d.predictors.filter(p => p.shadow).length;

/** The endpoint types of all nodes, each with the first node that has it. */
function endpointTypes(d: WebhookDeployment): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const p of d.predictors) {
    for (const u of nodes(p.graph)) if (set(u.endpointType) && !found.has(String(u.endpointType))) found.set(String(u.endpointType), u.name);
  }
  return found;
}

/** The webhook's rules, in SELDON-FACTS §1.4 order. */
export const WEBHOOK_RULES: readonly WebhookRule[] = [
  oneOf(1, 'protocol', PROTOCOLS, 'Invalid protocol'),
  oneOf(2, 'transport', ['rest', 'grpc'], 'Invalid transport'),
  oneOf(3, 'serverType', ['rpc', 'kafka'], 'Invalid serverType'),
  {
    rule: 4,
    message: 'For kafka please supply svcOrchSpec envs KAFKA_BROKER, KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC',
    check: (d, naming, report) => d.predictors.forEach((p, i) => {
      const missing = d.serverType === 'kafka' ? KAFKA_ENV.filter(k => !p.engineEnv.includes(k)) : [];
      if (missing.length) {
        report(naming.predictor(i, naming.engineEnv), `lacks ${missing.join(', ')}, which the kafka server type needs ("For kafka please supply svcOrchSpec envs")`,
          `${naming.engineEnv} with KAFKA_BROKER, KAFKA_INPUT_TOPIC and KAFKA_OUTPUT_TOPIC`);
      }
    }),
  },
  {
    rule: 5,
    message: 'Shadow can not exist as only predictor',
    check: (d, naming, report) => {
      if (d.predictors.length === 1 && d.predictors[0].shadow) report(naming.spec('predictors[0].shadow'), 'is true on the only predictor ("Shadow can not exist as only predictor")', 'a shadow beside a main predictor');
    },
  },
  {
    rule: 6,
    message: 'Found duplicate service name in seldon.io/svc-name',
    check: (d, naming, report) => {
      const seen = new Map<string, unknown>();
      d.predictors.forEach((p, i) => {
        const svc = p.annotations[SVC_NAME];
        if (svc === undefined) return;
        if (seen.has(String(svc))) {
          report(naming.predictor(i, `annotations["${SVC_NAME}"]`), `${show(svc)} repeats the service name of predictor ${seen.get(String(svc))} ("Found duplicate service name")`, 'a distinct service name per predictor');
        }
        seen.set(String(svc), p.name);
      });
    },
  },
  {
    rule: 7,
    message: 'Graph contains no predictors',
    check: (d, naming, report) => {
      if (d.predictors.length === 0) report(naming.spec('predictors'), 'is empty ("Graph contains no predictors")', 'at least one predictor (addPredictor())');
    },
  },
  {
    rule: 8,
    message: 'Running without engine only valid for single element graphs',
    check: (d, naming, report) => d.predictors.forEach((p, i) => {
      const count = nodes(p.graph).length;
      if (p.annotations[NO_ENGINE] !== undefined && count > 1) {
        report(naming.predictor(i, `annotations["${NO_ENGINE}"]`), `is set on a graph of ${count} nodes ("Running without engine only valid for single element graphs")`, 'no-engine only for one-node graphs');
      }
    }),
  },
  {
    rule: 9,
    message: 'Duplicate predictor name',
    check: (d, naming, report) => d.predictors.forEach((p, i) => {
      if (d.predictors.slice(0, i).some(q => q.name === p.name)) {
        report(naming.predictor(i, 'name'), `${show(p.name)} is taken by another predictor ("Duplicate predictor name")`, 'a name unique within the SeldonDeployment');
      }
    }),
  },
  {
    rule: 10,
    message: 'Can\'t find container for Predictive Unit',
    check: eachUnit((u, i, d, naming, report) => {
      if ((u.implementation === undefined || u.implementation === null || u.implementation === 'UNKNOWN_IMPLEMENTATION') && !d.predictors[i].containers.includes(u.name)) {
        report(naming.unit(i, u.path, ''), `node ${show(u.name)} has no implementation and no container of its name ("Can't find container for Predictive Unit")`,
          'an implementation, or a container of the node\'s name in componentSpecs');
      }
    }),
  },
  {
    rule: 11,
    message: 'Predictive Unit has no implementation methods defined. Change to a known type or add what methods it defines',
    check: eachUnit((u, i, _d, naming, report) => {
      if ((u.implementation === undefined || u.implementation === null || u.implementation === 'UNKNOWN_IMPLEMENTATION') && u.unitType === 'UNKNOWN_TYPE' && !u.methods?.length) {
        report(naming.unit(i, u.path, 'methods'), 'are missing on a node of type UNKNOWN_TYPE ("Predictive Unit has no implementation methods defined")', 'a known type, or the methods the node defines');
      }
    }),
  },
  {
    rule: 12,
    message: 'Predictive unit modelUri required when using standalone servers',
    check: eachUnit((u, i, _d, naming, report) => {
      // seldondeployment_webhook.go exempts HUGGINGFACE_SERVER only, whatever the server's configuration.
      if (isPrepack(u) && !set(u.modelUri) && u.implementation !== 'HUGGINGFACE_SERVER') {
        const ignored = u.modelUriRequired === false ? ' (modelUriRequired: false does not change this: the webhook exempts only HUGGINGFACE_SERVER)' : '';
        report(naming.unit(i, u.path, 'modelUri'), `is missing; Seldon's webhook requires it on a ${u.implementation} node ("Predictive unit modelUri required when using standalone servers")${ignored}`,
          ModelUri.ACCEPTED_FORMS);
      }
    }),
  },
  {
    rule: 13,
    message: 'Prepackaged server does not handle tensorflow protocol',
    check: eachUnit((u, i, d, naming, report) => {
      const implementation = String(u.implementation);
      if (d.protocol === 'tensorflow' && REJECTS_TENSORFLOW_PROTOCOL.includes(implementation)) {
        const supported = (Object.keys(PREPACKAGED_SERVERS[implementation].protocols) as ProtocolFamily[]).flatMap(protocolsOf);
        report(naming.spec('protocol'), `"tensorflow" is rejected by Seldon's webhook for ${implementation}${naming.where(i, u.path)} ("Prepackaged server does not handle tensorflow protocol")`,
          `accepted for ${implementation}: ${supported.join(', ')}`);
      }
    }),
  },
  {
    rule: 15,
    message: 'No logger mode specified',
    check: eachUnit((u, i, _d, naming, report) => {
      if (u.hasLogger && !set(u.loggerMode)) {
        const problem = u.loggerMode === undefined ? 'is missing' : `${show(u.loggerMode)} is not a logger mode`;
        report(naming.unit(i, u.path, 'logger.mode'), `${problem} (the webhook says "No logger mode specified")`, `accepted: ${LOGGER_MODES.join(', ')}`);
      }
    }),
  },
  {
    rule: 16,
    message: 'Multiple endpoint.types found - can only have 1 type in graph. Please use spec.transport',
    check: (d, naming, report) => {
      const found = endpointTypes(d);
      if (found.size > 1) {
        report(naming.spec(`predictors[].graph.${naming.endpointType}`), `differs between nodes (${[...found].map(([t, n]) => `${n}: ${t}`).join(', ')}) ("Multiple endpoint.types found")`,
          'one endpoint type for every node, or none and the deployment\'s transport');
      }
    },
  },
  {
    rule: 17,
    message: 'Mixed transport types found. Remove graph endpoint.types if transport set at deployment level',
    check: (d, naming, report) => {
      const found = endpointTypes(d);
      if (found.size !== 1 || !set(d.transport)) return;
      const [[t, n]] = [...found];
      if (String(d.transport).toUpperCase() !== t) {
        report(naming.spec('transport'), `${show(d.transport)} disagrees with node ${n}'s ${naming.endpointType} ${t} ("Mixed transport types found")`,
          `the same transport, or ${naming.endpointType} left unset`);
      }
    },
  },
  {
    rule: 18,
    message: 'Multiple shadows are not allowed',
    check: (d, naming, report) => {
      const shadows = shadowCount(d);
      if (shadows > 1) report(naming.spec('predictors'), `have ${shadows} shadows ("Multiple shadows are not allowed")`, 'at most one shadow predictor');
    },
  },
  {
    rule: 20,
    message: 'Traffic must sum to 100 for multiple predictors',
    check: (d, naming, report) => {
      const main = d.predictors.filter(p => !p.shadow);
      const sum = nonShadowTraffic(d);
      if (main.length > 1 && sum !== 100) {
        report(naming.spec('predictors[].traffic'), `add up to ${sum} over ${main.map(p => `${p.name}=${p.traffic}`).join(', ')} ("Traffic must sum to 100 for multiple predictors")`,
          'traffic of the non-shadow predictors adding up to 100');
      }
    },
  },
  {
    rule: 21,
    message: 'Traffic must sum be 100 for a single predictor when set',
    check: (d, naming, report) => {
      const sum = nonShadowTraffic(d);
      if (d.predictors.length === 1 && sum > 0 && sum < 100) {
        report(naming.spec('predictors[0].traffic'), `is ${sum} on the only predictor ("Traffic must sum be 100 for a single predictor when set")`, 'leave traffic unset, or 100');
      }
    },
  },
];

/** The rules a list of numbers selects, in WEBHOOK_RULES order; per list, since callers pass constant lists. */
const SELECTED = new WeakMap<readonly number[], readonly WebhookRule[]>();

/** Reports what the webhook would reject in `d`, by the rules numbered in `rules` (all when omitted). */
export function checkWebhookRules(d: WebhookDeployment, naming: WebhookNaming, report: WebhookReport, rules?: readonly number[]): void {
  let selected = rules === undefined ? WEBHOOK_RULES : SELECTED.get(rules);
  if (selected === undefined) {
    selected = WEBHOOK_RULES.filter(rule => rules!.includes(rule.rule));
    // A caller's list could be changed later; only frozen lists are remembered.
    if (Object.isFrozen(rules)) SELECTED.set(rules!, selected);
  }
  for (const rule of selected) rule.check(d, naming, report);
}

/** Names for checking one node on its own: the caller's field names and its label for the node. */
export interface UnitWebhookNaming {
  readonly field: (name: string) => string;
  readonly where: string;
}

/** The node as a leaf, every field written out: an object spread with added keys costs microseconds in V8, once per node built. */
function asLeaf(unit: Omit<WebhookUnit, 'children' | 'path'>): WebhookUnit {
  // Every field required here, so a field added to WebhookUnit cannot be left out.
  const leaf: { readonly [K in keyof Required<WebhookUnit>]: WebhookUnit[K] } = {
    name: unit.name,
    implementation: unit.implementation,
    modelUri: unit.modelUri,
    unitType: unit.unitType,
    methods: unit.methods,
    endpointType: unit.endpointType,
    hasLogger: unit.hasLogger,
    loggerMode: unit.loggerMode,
    modelUriRequired: unit.modelUriRequired,
    children: [],
    path: '',
  };
  return leaf as WebhookUnit;
}

/**
 * Checks one node (not its children) by the node rules numbered in `rules`,
 * as the constructs do when a node is added.
 */
export function checkUnitWebhookRules(unit: Omit<WebhookUnit, 'children' | 'path'>, protocol: unknown, naming: UnitWebhookNaming,
  report: WebhookReport, rules: readonly number[]): void {
  const d: WebhookDeployment = {
    protocol,
    predictors: [{ name: '', shadow: false, traffic: 0, annotations: {}, containers: [unit.name], engineEnv: [], graph: asLeaf(unit) }],
  };
  checkWebhookRules(d, {
    spec: f => f,
    predictor: (_i, f) => f,
    unit: (_i, _path, f) => naming.field(f),
    where: () => naming.where,
    endpointType: 'endpointType',
    engineEnv: 'engineEnv',
  }, report, rules);
}
