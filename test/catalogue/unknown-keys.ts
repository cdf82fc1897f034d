import { Cpu, Volume } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps, PrepackagedModel, PrepackagedModelProps, PrepackagedServer, SeldonDeployment, ComponentUnitProps, Pipeline, SeldonModel, Autoscaler, CanaryProps } from '../../src';

// What a JavaScript caller can pass that TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const node = (props: object = {}) => PredictiveUnit.component(js<ComponentUnitProps>({
  name: 'classifier', unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev', ...props,
}));
const sdep = (input: string, predictor: (scope: Construct) => object, error: RegExp, fix: string): BadInput =>
  badInput('SeldonDeployment', 'graph', input, scope => {
    new SeldonDeployment(scope, 'graph', { predictors: [js<PredictorProps>({ name: 'default', graph: node(), ...predictor(scope) })] });
  }, error, fix);
const sidecar = (fields: object) => ({ sidecars: [{ name: 'server', image: 'me/server:1', ...fields }] });

/** Keys a cdk8s-plus struct does not declare (src/k8s/unknown-keys.ts): each would be a lost override. */
export const UNKNOWN_KEY_BAD_INPUTS: BadInput[] = [
  sdep('JS: a sidecar volume mount with readonly', () => sidecar({ volumeMounts: [{ name: 'models', mountPath: '/models', readonly: true }] }),
    /predictors\[0\]\.sidecars\[0\]\.volumeMounts\[0\] has the key "readonly", which k8s\.VolumeMount does not declare \(did you mean "readOnly"\?\); accepted: the keys of k8s\.VolumeMount: mountPath, name,/,
    'Write readOnly (Kubernetes field names are case-sensitive).'),
  sdep('JS: a sidecar port with hostIP', () => sidecar({ ports: [{ containerPort: 9000, hostIP: '10.0.0.1' }] }),
    /predictors\[0\]\.sidecars\[0\]\.ports\[0\] has the key "hostIP", which k8s\.ContainerPort does not declare \(did you mean "hostIp"\?\); accepted: the keys of k8s\.ContainerPort: containerPort, hostIp,/,
    'Write hostIp.'),
  sdep('JS: a sidecar env var with a misspelt key', () => sidecar({ env: [{ name: 'MODE', vaule: 'fast' }] }),
    /predictors\[0\]\.sidecars\[0\]\.env\[0\] has the key "vaule", which k8s\.EnvVar does not declare \(did you mean "value"\?\); accepted: the keys of k8s\.EnvVar: name, value, valueFrom$/m,
    'Write value (or valueFrom).'),
  sdep('JS: a sidecar with a key no container has', () => sidecar({ restartPolicy: 'Always' }),
    /predictors\[0\]\.sidecars\[0\] has the key "restartPolicy", which k8s\.Container does not declare; accepted: the keys of k8s\.Container: name, args,/,
    'Leave it out: Seldon 1.18.2\'s CRD and cdk8s-plus-27 know no container restartPolicy.'),
  sdep('JS: a node security context in Kubernetes spelling', () => ({ graph: node({ securityContext: { runAsUser: 1000 } }) }),
    /graph \(PredictiveUnit\.component\(\) props\.securityContext\) has the key "runAsUser", which ContainerSecurityContextProps does not declare; accepted: the keys of ContainerSecurityContextProps: /,
    'Use the cdk8s-plus names: user, group, ensureNonRoot, ...'),
  sdep('JS: a node volume mount with readonly', scope => ({ graph: node({ volumeMounts: [{ volume: Volume.fromEmptyDir(scope, 'v', 'scratch'), path: '/scratch', readonly: true }] }) }),
    /graph \(PredictiveUnit\.component\(\) props\.volumeMounts\[0\]\) has the key "readonly", which VolumeMount does not declare \(did you mean "readOnly"\?\)/,
    'Write readOnly.'),
  badInput('PrepackagedModel', 'iris', 'JS: resources with requests in Kubernetes spelling', scope => {
    new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'), resources: js({ cpu: { requests: Cpu.units(1) } }) });
  }, /resources\.cpu has the key "requests", which CpuResources does not declare \(did you mean "request"\?\); accepted: the keys of CpuResources: limit, request$/m, 'Write { cpu: { request: Cpu.units(1) } }.'),
  // The library's own structs, at every depth: a JavaScript typo would be a setting that silently vanishes.
  badInput('PrepackagedModel', 'iris', 'JS: a misspelt prop (replica for replicas)', scope => {
    new PrepackagedModel(scope, 'iris', js<PrepackagedModelProps>({ server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'), replica: 3 }));
  }, /^PrepackagedModel '[^']*\/iris': props has the key "replica", which PrepackagedModelProps does not declare \(did you mean "replicas"\?\); accepted: the keys of PrepackagedModelProps: server, /m,
  'Write replicas.'),
  sdep('JS: a predictor with a misspelt traffic', () => ({ traffic: 100, trafic: 20 }),
    /predictors\[0\] has the key "trafic", which PredictorProps does not declare \(did you mean "traffic"\?\); accepted: the keys of PredictorProps: graph, name, /,
    'Write traffic.'),
  badInput('PrepackagedModel', 'iris', 'JS: a canary (method argument) with a key CanaryProps does not declare', scope => {
    new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') })
      .withCanary(js<CanaryProps>({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris-2'), traffic: 10, weight: 10 }));
  }, /withCanary\(\) canary has the key "weight", which CanaryProps does not declare; accepted: the keys of CanaryProps: traffic, modelUri, /, 'Write traffic (the canary\'s share).'),
  badInput('SeldonDeployment', 'graph', 'JS: a KEDA scaler (factory argument, nested) with a misspelt key', scope => {
    new SeldonDeployment(scope, 'graph', {
      predictors: [{
        name: 'default',
        graph: node(),
        autoscaler: Autoscaler.prometheus(js({ serverAddress: 'http://prometheus:9090', query: 'q', threshold: 5, maxReplicaCounts: 4 })),
      }],
    });
  }, /predictors\[0\]\.autoscaler \(Autoscaler\.prometheus\(\) props\) has the key "maxReplicaCounts", which PrometheusScalingProps does not declare \(did you mean "maxReplicaCount"\?\)/,
  'Write maxReplicaCount.'),
  badInput('Pipeline', 'pipeline', 'JS: a pipeline step\'s options with a misspelt key', scope => {
    const model = new SeldonModel(scope, 'iris', { storageUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });
    new Pipeline(scope, 'pipeline').addStep(model, js({ input: [] }));
  }, /addStep\(\) options has the key "input", which PipelineStepOptions does not declare \(did you mean "inputs"\?\); accepted: the keys of PipelineStepOptions: /,
  'Write inputs.'),
];
