import { App, Chart, Testing, Yaml } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import * as arb from './arbitraries';
import { inMemoryApp } from './in-memory-app';
import {
  ModelParameter, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat,
  SeldonModel, SeldonProtocol, SeldonServer,
} from '../../src';

/**
 * The properties the fuzz run and the seeded test both check: for generated
 * props, every construct either raises a library error in the library's
 * format, or synthesizes objects that pass `validate` (the CRD check, when
 * the CRDs are at hand) and the library's own rules.
 */

/** One generated app: what was built and the credential values planted in it. */
export interface Case {
  readonly describe: string;
  readonly build: (chart: Chart) => void;
  readonly secrets: string[];
}

const SERVERS = [PrepackagedServer.SKLEARN, PrepackagedServer.XGBOOST, PrepackagedServer.MLFLOW, PrepackagedServer.TENSORFLOW,
  PrepackagedServer.TRITON, PrepackagedServer.HUGGINGFACE, PrepackagedServer.TEMPO, PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' })];

const remoteName = () => fc.oneof({ weight: 3, arbitrary: fc.constantFrom('s3', 'minio', 'gs', 'azureblob') }, { weight: 1, arbitrary: arb.name() });
const remote = () => fc.oneof(
  fc.record({ id: arb.credential(), secret: arb.credential(), name: remoteName() })
    .map(r => RcloneRemote.s3({ name: r.name, accessKeyId: r.id, secretAccessKey: r.secret })),
  fc.record({ id: arb.credential(), secret: arb.credential(), name: remoteName(), endpoint: fc.constantFrom('http://minio:9000', 'http://minio:9000', 'minio:9000', '') })
    .map(r => RcloneRemote.minio({ name: r.name, endpoint: r.endpoint, accessKeyId: r.id, secretAccessKey: r.secret })),
  fc.constantFrom(RcloneRemote.s3({ envAuth: true }), RcloneRemote.gcs({ name: 'gs' }), RcloneRemote.gcs()),
  fc.record({ account: arb.credential(), key: arb.credential() }).map(r => RcloneRemote.azureBlob(r)),
  fc.tuple(remoteName(), fc.constantFrom('s3', 'webdav', ''), fc.dictionary(arb.text(), arb.credential(), { maxKeys: 3 }))
    .map(([n, t, o]) => RcloneRemote.custom(n, t, o)),
);

const parameter = () => fc.oneof(
  fc.tuple(arb.name(), arb.text()).map(([n, v]) => ModelParameter.stringValue(n, v)),
  fc.tuple(arb.name(), arb.count()).map(([n, v]) => ModelParameter.intValue(n, v)),
  fc.tuple(arb.name(), fc.double()).map(([n, v]) => ModelParameter.floatValue(n, v)),
  fc.tuple(arb.name(), fc.boolean()).map(([n, v]) => ModelParameter.boolValue(n, v)),
);

/** A v1 app: a PrepackagedModel, maybe with an RcloneSecret, a canary and a shadow. */
export const v1Case = (): fc.Arbitrary<Case> => fc.record({
  name: fc.option(arb.name(), { nil: undefined }),
  server: fc.oneof({ weight: 4, arbitrary: fc.constant(PrepackagedServer.SKLEARN) }, { weight: 3, arbitrary: fc.constantFrom(...SERVERS) }),
  uri: fc.option(arb.uriString(), { nil: undefined, freq: 10 }),
  uriFromRemote: fc.boolean(),
  // Mostly a protocol the server speaks (chosen in the map below), sometimes any.
  protocolPick: fc.oneof({ weight: 8, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }) }),
  replicas: fc.option(arb.count(), { nil: undefined }),
  predictorName: fc.option(arb.name(), { nil: undefined }),
  graphName: fc.option(arb.name(), { nil: undefined }),
  remotes: fc.option(fc.oneof(
    { weight: 5, arbitrary: remote().map(r => [r]) },
    { weight: 1, arbitrary: fc.array(remote(), { maxLength: 2 }) },
  ), { nil: undefined }),
  explicit: fc.boolean(),
  parameters: fc.array(parameter(), { maxLength: 2 }),
  canary: fc.option(fc.tuple(arb.uriString(), fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 105 }) },
  )), { nil: undefined }),
  shadow: fc.option(arb.uriString(), { nil: undefined }),
}).map(raw => {
  const protocols = [undefined, ...Object.values(SeldonProtocol)];
  const protocol = raw.protocolPick < 0 ? raw.server.supportedProtocols[0] : protocols[raw.protocolPick];
  // Mostly a URI on the first remote of the credentials, as a user would write it.
  const uri = raw.remotes?.length && raw.uriFromRemote ? `${raw.remotes[0].name}://models/iris` : raw.uri;
  return { ...raw, protocol, uri };
}).map(p => ({
  describe: JSON.stringify({
    ...p, server: p.server.implementation, remotes: p.remotes?.map(r => r.name), parameters: p.parameters.map(x => x.toJson()),
  }),
  secrets: (p.remotes ?? []).flatMap(r => r.sensitiveValues).filter(v => v.includes(arb.CREDENTIAL_MARK)),
  build: (chart: Chart) => {
    const credentials = p.remotes ? new RcloneSecret(chart, 'creds', { remotes: p.remotes }) : undefined;
    const model = new PrepackagedModel(chart, 'model', {
      metadata: p.name === undefined ? undefined : { name: p.name },
      server: p.server,
      modelUri: p.uri === undefined ? undefined : ModelUri.parse(p.uri),
      protocol: p.protocol,
      replicas: p.replicas,
      predictorName: p.predictorName,
      graphName: p.graphName,
      credentials,
      explicitStorageInitializer: p.explicit,
      parameters: p.parameters,
    });
    if (p.canary) model.withCanary({ modelUri: ModelUri.parse(p.canary[0]), traffic: p.canary[1] });
    if (p.shadow) model.withShadow({ modelUri: ModelUri.parse(p.shadow) });
  },
}));

/** A v2 app: servers, models on them, maybe a v2 storage Secret. */
export const v2Case = (): fc.Arbitrary<Case> => fc.record({
  serverName: fc.option(arb.name(), { nil: undefined }),
  // Mostly consistent scaling (min <= replicas <= max, or unset), sometimes anything.
  scaling: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }))
        .map(([r, d]) => ({ replicas: r, minReplicas: Math.max(1, r - d), maxReplicas: r + d })),
    },
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.record({ replicas: arb.count(), minReplicas: arb.count(), maxReplicas: arb.count() }, { requiredKeys: [] }) },
  ),
  extraCapabilities: fc.option(fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('gpu', 'pvc', 'mlserver-1.3.4') }, { weight: 1, arbitrary: arb.text() }), { maxLength: 2 }), { nil: undefined }),
  image: fc.option(fc.oneof({ weight: 8, arbitrary: fc.constant('seldonio/mlserver:1.3.4') }, { weight: 1, arbitrary: fc.constantFrom('has space', '') }), { nil: undefined }),
  pvcPath: fc.option(fc.oneof({ weight: 8, arbitrary: fc.constant('/var/models') }, { weight: 1, arbitrary: fc.constantFrom('/var/models/', 'relative', '/', '/var/../x') }), { nil: undefined }),
  modelName: fc.option(arb.name(), { nil: undefined }),
  storageUri: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('gs://seldon-models/mlserver/iris', '/var/models/iris', 'FROM-SECRET') }, { weight: 1, arbitrary: arb.uriString() }),
  requirements: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('sklearn', 'xgboost', 'mlflow') },
    { weight: 1, arbitrary: fc.constantFrom('pvc', 'onnx', 'mlserver-1.3.4') }, { weight: 1, arbitrary: arb.text() }), { maxLength: 2 }),
  memory: fc.option(arb.quantity(), { nil: undefined }),
  modelReplicas: fc.option(arb.count(), { nil: undefined, freq: 2 }),
  pinned: fc.boolean(),
  secret: fc.option(remote(), { nil: undefined, freq: 2 }),
}).map(p => ({
  describe: JSON.stringify({ ...p, secret: p.secret?.name }),
  secrets: p.secret ? p.secret.sensitiveValues.filter(v => v.includes(arb.CREDENTIAL_MARK)) : [],
  build: (chart: Chart) => {
    const server = new SeldonServer(chart, 'server', {
      metadata: p.serverName === undefined ? undefined : { name: p.serverName },
      ...p.scaling,
      extraCapabilities: p.extraCapabilities,
      image: p.image,
    });
    if (p.pvcPath !== undefined) {
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'models'), p.pvcPath);
    }
    const secret = p.secret ? new RcloneSecret(chart, 'secret', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [p.secret] }) : undefined;
    new SeldonModel(chart, 'model', {
      metadata: p.modelName === undefined ? undefined : { name: p.modelName },
      storageUri: ModelUri.parse(p.storageUri === 'FROM-SECRET' ? `${p.secret?.name ?? 'gs'}://models/iris` : p.storageUri),
      requirements: p.requirements,
      memory: p.memory,
      replicas: p.modelReplicas,
      server: p.pinned ? server : undefined,
      secret,
    });
  },
}));

/** Every line of a library error: `<Kind> '<path>': <field> <problem>; <accepted>`. */
const LIBRARY_LINE = /^[A-Z][A-Za-z ]* '[^']*': \S.*; \S/s;

/** Whether `e` is an error the library raised on purpose (and not a crash). */
export function isLibraryError(e: unknown): boolean {
  if (!(e instanceof Error) || e.constructor !== Error) return false;
  const lines = e.message.startsWith('Validation failed')
    ? e.message.split('\n').slice(1).filter(l => l.trim()).map(l => l.replace(/^\s*\[[^\]]*\]\s*/, ''))
    : e.message.split('\n');
  return lines.length > 0 && lines.every(l => LIBRARY_LINE.test(l));
}

/** The outcome of building and synthesizing one case. */
export type Outcome = { kind: 'error'; message: string } | { kind: 'objects'; objects: any[] };

export function run(c: Case): Outcome {
  const app: App = inMemoryApp();
  const chart = new Chart(app, 'fuzz');
  try {
    c.build(chart);
    return { kind: 'objects', objects: Testing.synth(chart) };
  } catch (e) {
    if (isLibraryError(e)) return { kind: 'error', message: (e as Error).message };
    throw e;
  }
}

/** The library's own rules on what it wrote (independent of the CRDs). */
export function ruleViolations(objects: any[], secrets: string[]): string[] {
  const v: string[] = [];
  // What kubectl reads back (YAML 1.1) is what was synthesized.
  const reread = parseAllDocuments(Yaml.stringify(...objects), { version: '1.1' }).map(d => d.toJS());
  if (JSON.stringify(reread) !== JSON.stringify(objects)) v.push('the YAML does not read back as the synthesized objects');
  const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.name}`;
    if (!o.metadata?.name || o.metadata.name.length > 253 || !o.metadata.name.split('.').every((p: string) => DNS_LABEL.test(p))) v.push(`${where}: bad name`);
    if (o.kind !== 'Secret') {
      const text = JSON.stringify(o);
      for (const s of secrets) if (text.includes(s)) v.push(`${where}: holds a credential value`);
    }
    if (o.kind === 'SeldonDeployment') {
      for (const p of o.spec.predictors) {
        if (!DNS_LABEL.test(p.name)) v.push(`${where}: predictor name ${p.name}`);
        for (const c of p.componentSpecs?.[0]?.spec?.containers ?? []) if (!DNS_LABEL.test(c.name) || c.name.length > 63) v.push(`${where}: container ${c.name}`);
        for (const c of p.componentSpecs?.[0]?.spec?.initContainers ?? []) {
          if (c.securityContext?.runAsNonRoot !== true || c.securityContext?.allowPrivilegeEscalation !== false) v.push(`${where}: init container not hardened`);
          if (/:latest$/.test(c.image) || !/:/.test(c.image)) v.push(`${where}: untagged image ${c.image}`);
        }
      }
    }
  }
  return v;
}
