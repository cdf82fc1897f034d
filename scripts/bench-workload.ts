/**
 * The workload of `scripts/bench.ts`: the same app built twice, once with the
 * library's constructs and once as plain cdk8s `ApiObject`s written by hand.
 *
 * This file runs in freshly spawned Node processes without ts-node (bench.ts
 * transpiles it), so that the library is measured as users load it, from the
 * compiled `lib/`, and the measurement carries neither TypeScript's memory nor
 * its start-up time. The library is therefore passed in, never imported: the
 * `import type` below is erased when transpiled.
 */
import { ApiObject, ApiObjectProps, App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Construct, IConstruct, Node } from 'constructs';
import type * as Seldon from '../src';

/** The library's public API, as `require('<repo>/lib/index.js')` returns it. */
export type SeldonModule = typeof Seldon;

/**
 * How an app of `models` models is made up. Half are Seldon Core v1 models
 * (`PrepackagedModel`, reading from MinIO through a shared `RcloneSecret`) and
 * half Seldon Core v2 models (`SeldonModel`) placed by capability on a pool
 * of `SeldonServer`s, so that both families and the app-wide scheduling
 * check grow with N.
 */
export interface Shape {
  readonly v1Models: number;
  readonly v2Models: number;
  /** v1 models sharing one credentials Secret, and v2 models per server pool. */
  readonly perGroup: number;
}

export function shapeOf(models: number): Shape {
  return { v1Models: Math.ceil(models / 2), v2Models: Math.floor(models / 2), perGroup: 25 };
}

const NAMESPACE = 'models';
const MINIO_ENDPOINT = 'http://minio.minio-system.svc.cluster.local:9000';
const SERVERS = ['SKLEARN', 'XGBOOST', 'MLFLOW'] as const;

/**
 * Everything that varies between models, computed once so that both variants
 * render exactly the same values from the same decisions.
 */
interface V1Model {
  readonly name: string;
  readonly secret: string;
  readonly server: typeof SERVERS[number];
  readonly v2Protocol: boolean;
  readonly replicas: number;
  readonly bucket: string;
  readonly path: string;
  /** Every fourth model overrides its server container's resources. */
  readonly resources: boolean;
  /** Every fifth model under the seldon protocol passes a parameter to its server (MLServer's SKLEARN, XGBOOST and MLFLOW runtimes read none, and the library refuses them). */
  readonly parameter: boolean;
  /** The parameter's name: one the server class takes (`method` for sklearn, `xtype` for MLflow). */
  readonly parameterName: string;
  readonly parameterValue: string;
}

interface V2Model {
  readonly name: string;
  readonly pool: string;
  /** The first model of each pool is pinned to the pool's server; the others are placed by requirements. */
  readonly pinned: boolean;
  readonly framework: 'sklearn' | 'xgboost';
  readonly replicas?: number;
}

function v1Models(shape: Shape): V1Model[] {
  const result: V1Model[] = [];
  for (let i = 0; i < shape.v1Models; i++) {
    const group = Math.floor(i / shape.perGroup);
    result.push({
      name: `sd-${i}`,
      secret: `minio-${group}`,
      server: SERVERS[i % SERVERS.length],
      v2Protocol: i % 3 === 1,
      replicas: 1 + (i % 2),
      bucket: `team-${group}`,
      path: `models/sd-${i}/v1`,
      resources: i % 4 === 0,
      parameter: i % 5 === 0 && i % 3 !== 1,
      parameterName: SERVERS[i % SERVERS.length] === 'MLFLOW' ? 'xtype' : 'method',
      parameterValue: SERVERS[i % SERVERS.length] === 'MLFLOW' ? 'DataFrame' : 'predict_proba',
    });
  }
  return result;
}

function v2Models(shape: Shape): V2Model[] {
  const result: V2Model[] = [];
  for (let i = 0; i < shape.v2Models; i++) {
    result.push({
      name: `model-${i}`,
      pool: `pool-${Math.floor(i / shape.perGroup)}`,
      pinned: i % shape.perGroup === 0,
      framework: i % 2 === 0 ? 'sklearn' : 'xgboost',
      replicas: i % 7 === 0 ? 2 : undefined,
    });
  }
  return result;
}

function secretKeys(group: string): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: `AKIA${group.toUpperCase().replace(/-/g, '')}`, secretAccessKey: `secret-${group}` };
}

/** Builds the app with the library's constructs. */
export function buildLibrary(seldon: SeldonModule, models: number): App {
  const shape = shapeOf(models);
  const app = new App();

  const v1 = new Chart(app, 'seldon-v1', { namespace: NAMESPACE });
  const secrets = new Map<string, Seldon.RcloneSecret>();
  for (const m of v1Models(shape)) {
    let secret = secrets.get(m.secret);
    if (!secret) {
      secret = new seldon.RcloneSecret(v1, m.secret, {
        metadata: { name: m.secret },
        remotes: [seldon.RcloneRemote.minio({ endpoint: MINIO_ENDPOINT, ...secretKeys(m.secret) })],
      });
      secrets.set(m.secret, secret);
    }
    new seldon.PrepackagedModel(v1, m.name, {
      metadata: { name: m.name },
      server: seldon.PrepackagedServer[m.server],
      protocol: m.v2Protocol ? seldon.SeldonProtocol.V2 : undefined,
      replicas: m.replicas,
      modelUri: seldon.ModelUri.s3(m.bucket, m.path),
      credentials: secret,
      resources: m.resources ? { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } } : undefined,
      parameters: m.parameter ? [seldon.ModelParameter.stringValue(m.parameterName, m.parameterValue)] : undefined,
    });
  }

  const v2 = new Chart(app, 'seldon-v2', { namespace: NAMESPACE });
  const servers = new Map<string, Seldon.SeldonServer>();
  for (const m of v2Models(shape)) {
    let server = servers.get(m.pool);
    if (!server) {
      server = new seldon.SeldonServer(v2, m.pool, { metadata: { name: m.pool }, replicas: 2, extraCapabilities: [m.pool] });
      servers.set(m.pool, server);
    }
    new seldon.SeldonModel(v2, m.name, {
      metadata: { name: m.name },
      storageUri: seldon.ModelUri.gcs('seldon-models', `mlserver/${m.framework}/${m.name}`),
      requirements: m.pinned ? [m.framework] : [m.framework, m.pool],
      server: m.pinned ? server : undefined,
      memory: '100Mi',
      replicas: m.replicas,
    });
  }
  return app;
}

/**
 * How the plain objects are put into the construct tree.
 *
 * - `plain`: `ApiObject`s in the chart, the way a user writes them without
 *   the library: no dependencies, objects created in the order cdk8s writes
 *   the library's (a Secret or Server right before the first object that
 *   needs it). This is the baseline of the ratio.
 * - `deps`: the same, and each object declares `addDependency()` on the
 *   Secret or Server it names: what cdk8s charges for ordering by dependencies
 *   (which the library declared until session 10, and now only where tree
 *   order would not keep a Secret or Server first).
 * - `l2`: each object inside its own construct as the primary child
 *   `Resource`, the structure every L2 construct library has (and the
 *   library's tests pin), with no dependencies, like the library's app: what
 *   cdk8s charges for the shape of the tree. Every wrapper is a bare `Construct` and every
 *   object a bare `ApiObject`, so V8 sees four classes in cdk8s's walks.
 * - `l2-typed`: `l2` with the classes of the library's tree: a construct class
 *   for each kind, a class for the Secret's object (as cdk8s-plus has `Secret`
 *   and `KubeSecret`) and one class for the Seldon objects (as the library
 *   renders all three kinds through one class). cdk8s's walks then read `node`
 *   from as many classes as in the library's app. This is cdk8s's cost of the
 *   library's tree, so library minus `l2-typed` is the library's own code.
 */
export type PlainStructure = 'plain' | 'deps' | 'l2' | 'l2-typed';

/** An L2 construct class and its object's class, for one kind. */
interface TypedKind {
  readonly construct: new (scope: Construct, id: string) => Construct;
  readonly object: new (scope: Construct, id: string, props: ApiObjectProps) => ApiObject;
}

// One class per kind and per role, as in the library's app: cdk8s's walks read `node` from instances of each.
class SecretConstruct extends Construct {}
class SecretObject extends ApiObject {}
class SeldonDeploymentConstruct extends Construct {}
class ServerConstruct extends Construct {}
class ModelConstruct extends Construct {}
class SeldonObject extends ApiObject {}

const TYPED: Record<string, TypedKind> = {
  Secret: { construct: SecretConstruct, object: SecretObject },
  SeldonDeployment: { construct: SeldonDeploymentConstruct, object: SeldonObject },
  Server: { construct: ServerConstruct, object: SeldonObject },
  Model: { construct: ModelConstruct, object: SeldonObject },
};

/** Builds the same objects as plain `ApiObject`s, placed in the tree as `structure` says. */
export function buildPlain(models: number, structure: PlainStructure = 'plain'): App {
  const shape = shapeOf(models);
  const app = new App();
  // The library declares no dependency in this app: each Secret or Server is created before its models, in their chart,
  // and nothing else depends on them, so tree order keeps them first (src/k8s/depend-on.ts). Only plain+deps declares them.
  const dependencies = structure === 'deps';
  // Returns what a dependency targets: the object itself, or its wrapping construct.
  const place = (scope: Construct, id: string, props: ApiObjectProps): { readonly object: ApiObject; readonly handle: IConstruct } => {
    if (structure === 'plain' || structure === 'deps') {
      const object = new ApiObject(scope, id, props);
      return { object, handle: object };
    }
    if (structure === 'l2-typed') {
      const typed = TYPED[props.kind];
      const wrapper = new typed.construct(scope, id);
      return { object: new typed.object(wrapper, 'Resource', props), handle: wrapper };
    }
    const handle = new Construct(scope, id);
    return { object: new ApiObject(handle, 'Resource', props), handle };
  };

  const v1 = new Chart(app, 'seldon-v1', { namespace: NAMESPACE });
  const secrets = new Map<string, IConstruct>();
  for (const m of v1Models(shape)) {
    let secret = secrets.get(m.secret);
    if (!secret) {
      const keys = secretKeys(m.secret);
      secret = place(v1, m.secret, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: m.secret },
        immutable: false,
        type: 'Opaque',
        stringData: {
          RCLONE_CONFIG_S3_TYPE: 's3',
          RCLONE_CONFIG_S3_PROVIDER: 'minio',
          RCLONE_CONFIG_S3_ENV_AUTH: 'false',
          RCLONE_CONFIG_S3_ACCESS_KEY_ID: keys.accessKeyId,
          RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: keys.secretAccessKey,
          RCLONE_CONFIG_S3_ENDPOINT: MINIO_ENDPOINT,
        },
      }).handle;
      secrets.set(m.secret, secret);
    }
    const deployment = place(v1, m.name, {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: m.name },
      spec: {
        protocol: m.v2Protocol ? 'v2' : undefined,
        predictors: [{
          name: 'default',
          replicas: m.replicas,
          componentSpecs: m.resources ? [{
            spec: {
              containers: [{
                name: 'classifier',
                resources: { limits: { memory: '1Gi' }, requests: { cpu: '100m', memory: '512Mi' } },
              }],
            },
          }] : undefined,
          graph: {
            name: 'classifier',
            implementation: `${m.server}_SERVER`,
            modelUri: `s3://${m.bucket}/${m.path}`,
            envSecretRefName: m.secret,
            parameters: m.parameter ? [{ name: m.parameterName, value: m.parameterValue, type: 'STRING' }] : undefined,
          },
        }],
      },
    });
    if (dependencies) deployment.object.addDependency(secret);
  }

  const v2 = new Chart(app, 'seldon-v2', { namespace: NAMESPACE });
  let server: IConstruct | undefined;
  for (const m of v2Models(shape)) {
    if (m.pinned) {
      server = place(v2, m.pool, {
        apiVersion: 'mlops.seldon.io/v1alpha1',
        kind: 'Server',
        metadata: { name: m.pool },
        spec: { serverConfig: 'mlserver', extraCapabilities: [m.pool], replicas: 2 },
      }).handle;
    }
    const model = place(v2, m.name, {
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: m.name },
      spec: {
        storageUri: `gs://seldon-models/mlserver/${m.framework}/${m.name}`,
        requirements: m.pinned ? [m.framework] : [m.framework, m.pool],
        memory: '100Mi',
        replicas: m.replicas,
        server: m.pinned ? m.pool : undefined,
      },
    });
    if (dependencies && m.pinned && server) model.object.addDependency(server);
  }
  return app;
}

/**
 * Makes `Node.addValidation()` register nothing in this process: an app built afterwards synthesizes with none of the checks the library runs in cdk8s's validation passes (its own rules at synth,
 * the app-wide checks, the ordering check, which this app does not need as its YAML shows) and none of
 * cdk8s-plus's, while building and rendering stay as they are. A measuring instrument only: such an app is
 * unchecked.
 */
export function leaveOutValidations(): void {
  Node.prototype.addValidation = () => undefined;
}
