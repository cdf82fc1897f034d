/**
 * The fidelity matrix of issue 15: every runtime × protocol × URI kind ×
 * graph shape, rendered by the library in default and in explicit
 * storage-initializer mode.
 */
import { Duration, Testing } from 'cdk8s';
import { EnvValue, Probe, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuiltInImplementation, ModelParameter, ModelUri, PredictiveUnit, PrepackagedServer, SeldonDeployment, SeldonProtocol } from '../../src';
import { Json } from '../../src/k8s/json';
import { PREPACKAGED_SERVERS } from '../../src/v1/operator-defaults';
import { ProtocolFamily, protocolsOf } from '../../src/v1/protocol-family';

export type UriKind = 'gs' | 's3' | 'pvc';
export type Shape = 'one node' | 'two nodes' | 'TF proxy + another' | 'combiner with prepackaged children';

export interface FidelityCase {
  readonly server: string;
  readonly protocol: SeldonProtocol;
  readonly uri: UriKind;
  readonly shape: Shape;
}

const SERVERS: Record<string, PrepackagedServer> = {
  SKLEARN_SERVER: PrepackagedServer.SKLEARN,
  XGBOOST_SERVER: PrepackagedServer.XGBOOST,
  MLFLOW_SERVER: PrepackagedServer.MLFLOW,
  TENSORFLOW_SERVER: PrepackagedServer.TENSORFLOW,
  TRITON_SERVER: PrepackagedServer.TRITON,
  HUGGINGFACE_SERVER: PrepackagedServer.HUGGINGFACE,
  TEMPO_SERVER: PrepackagedServer.TEMPO,
};

/** Every case: each server with each protocol it has an image for (src/v1/operator-defaults.ts). */
export function fidelityCases(): FidelityCase[] {
  const cases: FidelityCase[] = [];
  for (const [server, defaults] of Object.entries(PREPACKAGED_SERVERS)) {
    for (const family of Object.keys(defaults.protocols) as ProtocolFamily[]) {
      for (const protocol of protocolsOf(family)) {
        for (const uri of ['gs', 's3', 'pvc'] as UriKind[]) {
          const shapes: Shape[] = ['one node', 'two nodes', 'combiner with prepackaged children'];
          // the TF proxy exists under the seldon protocol only (SELDON-FACTS §1.9)
          if (protocol === SeldonProtocol.SELDON) shapes.splice(2, 0, 'TF proxy + another');
          for (const shape of shapes) cases.push({ server, protocol, uri, shape });
        }
      }
    }
  }
  return cases;
}

/** Parameters a user would give: ones each server takes (a seldon-protocol server is built with **parameters). */
export function userParameters(server: string, protocol: SeldonProtocol): ModelParameter[] {
  if (protocol === SeldonProtocol.SELDON) {
    switch (server) {
      case 'SKLEARN_SERVER': return [ModelParameter.stringValue('method', 'predict')];
      case 'MLFLOW_SERVER': return [ModelParameter.stringValue('xtype', 'dataframe')];
      case 'TENSORFLOW_SERVER': return [ModelParameter.stringValue('signature_name', 'serving_default')];
      default: return [];
    }
  }
  if (server === 'HUGGINGFACE_SERVER') return [ModelParameter.stringValue('task', 'text-classification')];
  // Nothing reads parameters of these, so the library refuses them: Triton without seldon.io/no-storage-initializer, TF Serving,
  // and MLServer's SKLEARN, XGBOOST and MLFLOW runtimes (only its HuggingFace runtime reads PREDICTIVE_UNIT_PARAMETERS).
  if (['TRITON_SERVER', 'SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER'].includes(server) || protocol === SeldonProtocol.TENSORFLOW) return [];
  return [ModelParameter.stringValue('extra', 'x')];
}

/** MLServer and Triton answer the V2 health check the operator writes for MLServer; the others get a TCP check. */
function v2Health(server: string, protocol: SeldonProtocol): boolean {
  return server === 'TRITON_SERVER' || (['SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER', 'HUGGINGFACE_SERVER', 'TEMPO_SERVER'].includes(server)
    && (protocol === SeldonProtocol.V2 || protocol === SeldonProtocol.KFSERVING));
}

/** A readiness probe a user would set: the user's timing (7 seconds) must reach the pod. */
export const USER_PROBE_DELAY = 7;
function userProbe(server: string, protocol: SeldonProtocol): Probe {
  const timing = { initialDelaySeconds: Duration.seconds(USER_PROBE_DELAY) };
  return v2Health(server, protocol) ? Probe.fromHttpGet('/v2/health/ready', timing) : Probe.fromTcpSocket(timing);
}

function uriOf(kind: UriKind, node: string): ModelUri {
  switch (kind) {
    case 'gs': return ModelUri.gcs('seldon-models', `models/${node}`);
    case 's3': return ModelUri.s3('models', node);
    default: return ModelUri.pvcByName('models', node);
  }
}

function graphOf(scope: Construct, c: FidelityCase): PredictiveUnit {
  const credentials = c.uri === 's3' ? Secret.fromSecretName(scope, 'creds', 'minio-creds') : undefined;
  const node = (name: string, server = c.server, children: PredictiveUnit[] = []) => PredictiveUnit.prepackaged({
    name,
    server: SERVERS[server],
    modelUri: uriOf(c.uri, name),
    credentials,
    env: { USER_VAR: EnvValue.fromValue(`v-${name}`) },
    parameters: userParameters(server, c.protocol),
    readinessProbe: userProbe(server, c.protocol),
    children,
  });
  switch (c.shape) {
    case 'one node': return node('m');
    case 'two nodes': return node('m', c.server, [node('n')]);
    case 'TF proxy + another': return node('tf', 'TENSORFLOW_SERVER', [node('m')]);
    default: return PredictiveUnit.builtIn({ name: 'combiner', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [node('a'), node('b')] });
  }
}

/** The prepackaged node names of a case's graph, with their server. */
export function nodesOf(c: FidelityCase): Array<{ name: string; server: string }> {
  switch (c.shape) {
    case 'one node': return [{ name: 'm', server: c.server }];
    case 'two nodes': return [{ name: 'm', server: c.server }, { name: 'n', server: c.server }];
    case 'TF proxy + another': return [{ name: 'tf', server: 'TENSORFLOW_SERVER' }, { name: 'm', server: c.server }];
    default: return [{ name: 'a', server: c.server }, { name: 'b', server: c.server }];
  }
}

/** The SeldonDeployment the library writes for the case, or the library's error. */
export function synthCase(c: FidelityCase, explicit: boolean): { sdep?: Json; error?: string } {
  const chart = Testing.chart();
  try {
    new SeldonDeployment(chart, 'sdep', {
      metadata: { name: 'fid', namespace: 'models' },
      protocol: c.protocol,
      explicitStorageInitializer: explicit,
      predictors: [{ name: 'default', graph: graphOf(chart, c) }],
    });
    return { sdep: Testing.synth(chart).find(o => o.kind === 'SeldonDeployment') };
  } catch (e) {
    return { error: (e as Error).message.split('\n').find(l => l.includes("'")) ?? (e as Error).message };
  }
}
