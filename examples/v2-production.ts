import { Node, NodeLabelQuery, NodeTaintQuery, Secret, ServiceType, TaintEffect } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gpu, ModelUri, RpsAutoscaler, RuntimeComponent, SeldonModel, SeldonRuntime, SeldonServer } from '../src';

/**
 * A production Seldon Core v2 namespace, after Seldon's runtime and HPA
 * autoscaling docs: the namespace's SeldonRuntime, a GPU server on tainted
 * GPU nodes pulling its image from a private registry, and a model on it
 * scaled on its inference rate (single-model serving: the server follows).
 * `scope` must be a chart of its own namespace.
 */
export function addV2ProductionExample(scope: Construct): void {
  // The runtime of the namespace (Seldon's default SeldonConfig), without
  // hodometer (usage metrics) and with two envoy replicas. An override of
  // envoy sets the type of its seldon-mesh Service (the default SeldonConfig's
  // comes from the Helm install): here a load balancer for inference.
  const runtime = new SeldonRuntime(scope, 'runtime', {
    metadata: { name: 'seldon' },
    overrides: [{ component: RuntimeComponent.HODOMETER, disable: true }],
  });
  runtime.override(RuntimeComponent.ENVOY, { replicas: 2, serviceType: ServiceType.LOAD_BALANCER });

  // MLServer from a private registry on GPU nodes; the nodes carry the
  // nvidia.com/gpu taint that keeps other pods off them.
  const gpu = new SeldonServer(scope, 'mlserver-gpu', {
    metadata: { name: 'mlserver-gpu' },
    replicas: 1,
    imagePullSecrets: [Secret.fromSecretName(scope, 'registry-creds', 'registry-creds')],
    serverContainer: { image: 'registry.example.com/seldonio/mlserver:1.7.1', gpu: Gpu.nvidia(1) },
  });
  gpu.scheduling.attract(Node.labeled(NodeLabelQuery.is('nvidia.com/gpu.present', 'true')));
  gpu.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: TaintEffect.NO_SCHEDULE })));

  // One model per server replica: an HPA on the Model's infer_rps scales it,
  // and a second one on the Server follows the same metric.
  const model = new SeldonModel(scope, 'iris-gpu', {
    metadata: { name: 'iris-gpu' },
    storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris'),
    requirements: ['sklearn'],
    server: gpu,
  });
  new RpsAutoscaler(scope, 'iris-gpu-rps', { metadata: { name: 'iris-gpu-rps' }, model, server: gpu, targetRps: 3, maxReplicas: 4 });
}
