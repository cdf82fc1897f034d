// Seldon's published v1 samples, written with the constructs alone, come out
// field for field. Each fixture in seldon-samples/ is a transcription of the
// sample it names (Seldon Core v1.18.2); Seldon's files are not copied here.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { ConnectionScheme, Cpu, ImagePullPolicy, Probe, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import {
  Autoscaler, DisruptionBudget, EndpointType, KedaTrigger, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType,
  PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonProtocol, Transport,
} from '../../src';

/** The transcribed sample `name`. */
function sample(name: string): any {
  return parse(fs.readFileSync(path.join(__dirname, 'seldon-samples', `${name}.yaml`), 'utf8'));
}

/**
 * What differs between a sample and the synthesized object without any
 * field meaning something else, and only that:
 * - `v1alpha2` is served with the schema of `v1` (the v1.18.2 CRD lists all three versions);
 * - `spec.name` is deprecated and read by nothing in the v1.18.2 operator or
 *   executor (seldondeployment_types.go: "Name is Deprecated will be removed in future");
 * - `children: []` is a node without children;
 * - a node's `endpoint.service_port` that is the port the operator's
 *   defaulting writes there anyway: the container's port named `grpc` under
 *   gRPC, else `http` (defaults.go setContainerPredictiveUnitDefaults, which
 *   overwrites it at every reconcile).
 */
function comparable(object: any): any {
  const copy = structuredClone(object);
  copy.apiVersion = 'machinelearning.seldon.io/v1';
  delete copy.spec.name;
  for (const predictor of copy.spec.predictors) {
    const containers = (predictor.componentSpecs ?? []).flatMap((c: any) => c.spec?.containers ?? []);
    const visit = (unit: any) => {
      if (Array.isArray(unit.children) && unit.children.length === 0) delete unit.children;
      const grpc = unit.endpoint?.type === 'GRPC' || copy.spec.transport === 'grpc';
      const port = containers.find((c: any) => c.name === unit.name)?.ports?.find((p: any) => p.name === (grpc ? 'grpc' : 'http'));
      if (unit.endpoint?.service_port !== undefined && unit.endpoint.service_port === port?.containerPort) delete unit.endpoint.service_port;
      for (const child of unit.children ?? []) visit(child);
    };
    visit(predictor.graph);
  }
  return copy;
}

function synth(build: (chart: Construct) => void): any {
  const chart = new Chart(Testing.app(), 'samples');
  build(chart);
  const objects = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
  expect(objects).toHaveLength(1);
  return objects[0];
}

const HALF_CPU = { cpu: { request: Cpu.units(0.5) } };

describe("Seldon's published v1 samples, built with constructs alone", () => {
  test('HPA on CPU: examples/models/autoscaling/model_with_hpa_v2.yaml', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'hpa', {
      metadata: { name: 'seldon-model' },
      predictors: [{
        name: 'example',
        graph: PredictiveUnit.component({
          name: 'classifier',
          unitType: PredictiveUnitType.MODEL,
          image: 'seldonio/mock_classifier:1.5.0-dev',
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          resources: HALF_CPU,
        }),
        autoscaler: Autoscaler.cpuUtilization({ targetPercent: 10, minReplicas: 1, maxReplicas: 3 }),
        terminationGracePeriod: Duration.seconds(1),
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs[0].spec.terminationGracePeriodSeconds).toBe(1);
    expect(object.spec.predictors[0].componentSpecs[0].hpaSpec.maxReplicas).toBe(3);
    expect(object).toEqual(comparable(sample('hpa')));
  });

  test('KEDA on a Prometheus query: examples/keda/model_with_keda_prom.yaml', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'keda', {
      metadata: { name: 'seldon-model' },
      predictors: [{
        name: 'example',
        graph: PredictiveUnit.component({
          name: 'classifier',
          unitType: PredictiveUnitType.MODEL,
          image: 'seldonio/mock_classifier:1.16.0-dev',
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          resources: HALF_CPU,
          endpointType: EndpointType.REST,
        }),
        autoscaler: Autoscaler.keda({
          pollingInterval: Duration.seconds(15),
          minReplicaCount: 1,
          maxReplicaCount: 5,
          triggers: [KedaTrigger.prometheus({
            serverAddress: 'http://seldon-monitoring-prometheus.seldon-monitoring.svc.cluster.local:9090',
            metricName: 'access_frequency',
            threshold: 10,
            query: 'rate(seldon_api_executor_client_requests_seconds_count{model_name="classifier"}[1m])',
          })],
        }),
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs[0].kedaSpec.triggers[0].metadata.threshold).toBe('10');
    expect(object).toEqual(comparable(sample('keda')));
  });

  test('a disruption budget: examples/models/disruption_budgets/model_with_pdb.yaml', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'pdb', {
      metadata: { name: 'seldon-model' },
      replicas: 2,
      predictors: [{
        name: 'example',
        graph: PredictiveUnit.component({
          name: 'classifier',
          unitType: PredictiveUnitType.MODEL,
          image: 'seldonio/mock_classifier_rest:1.3',
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          resources: HALF_CPU,
          endpointType: EndpointType.REST,
        }),
        disruptionBudget: DisruptionBudget.maxUnavailable(2),
        terminationGracePeriod: Duration.seconds(1),
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs[0].pdbSpec).toEqual({ maxUnavailable: 2 });
    expect(object).toEqual(comparable(sample('pdb')));
  });

  test('a private registry: doc/source/graph/private_registries.md', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'private', {
      metadata: { name: 'private-model' },
      predictors: [{
        name: 'private-model',
        replicas: 1,
        graph: PredictiveUnit.component({
          name: 'private-model', unitType: PredictiveUnitType.MODEL, image: 'private-docker-repo/my-image', endpointType: EndpointType.REST,
        }),
        imagePullSecrets: [Secret.fromSecretName(chart, 'registry', 'myreposecret')],
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs[0].spec.imagePullSecrets).toEqual([{ name: 'myreposecret' }]);
    expect(object).toEqual(comparable(sample('private-registry')));
  });

  test('probe overrides on an MLflow server: servers/mlflowserver/samples/elasticnet_wine.yaml', () => {
    const probe = () => Probe.fromHttpGet('/health/ping', {
      initialDelaySeconds: Duration.seconds(80),
      failureThreshold: 200,
      periodSeconds: Duration.seconds(5),
      successThreshold: 1,
      scheme: ConnectionScheme.HTTP,
    });
    const object = synth(chart => new PrepackagedModel(chart, 'mlflow', {
      metadata: { name: 'mlflow' },
      server: PrepackagedServer.MLFLOW,
      modelUri: ModelUri.parse('gs://seldon-models/v1.18.0/mlflow/elasticnet_wine'),
      livenessProbe: probe(),
      readinessProbe: probe(),
    }));
    expect(object.spec.predictors[0].componentSpecs[0].spec.containers[0].livenessProbe.httpGet.port).toBe('http');
    expect(object).toEqual(comparable(sample('probes')));
  });

  test('a gRPC endpoint: notebooks/resources/model_seldon_grpc.yaml', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'grpc', {
      metadata: { name: 'grpc-seldon' },
      protocol: SeldonProtocol.SELDON,
      transport: Transport.GRPC,
      predictors: [{
        name: 'model',
        replicas: 1,
        graph: PredictiveUnit.component({
          name: 'classifier', unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.6.0-dev', endpointType: EndpointType.GRPC,
        }),
      }],
    }));
    expect(object.spec.transport).toBe('grpc');
    expect(object).toEqual(comparable(sample('grpc-seldon')));
  });

  test('TF Serving over gRPC: notebooks/resources/model_tfserving_grpc.yaml', () => {
    const object = synth(chart => new SeldonDeployment(chart, 'tfserving', {
      metadata: { name: 'grpc-tfserving' },
      protocol: SeldonProtocol.TENSORFLOW,
      transport: Transport.GRPC,
      predictors: [{
        name: 'model',
        replicas: 1,
        graph: PredictiveUnit.component({
          name: 'halfplustwo',
          unitType: PredictiveUnitType.MODEL,
          image: 'tensorflow/serving',
          args: ['--port=8500', '--rest_api_port=8501', '--model_name=halfplustwo', '--model_base_path=gs://seldon-models/tfserving/half_plus_two'],
          grpcPort: 8500,
          endpointType: EndpointType.GRPC,
        }),
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs[0].spec.containers[0].args[0]).toBe('--port=8500');
    // The sample's service_port 8500 is what the operator writes from the `grpc` port.
    expect(sample('grpc-tfserving').spec.predictors[0].graph.endpoint.service_port).toBe(8500);
    expect(object).toEqual(comparable(sample('grpc-tfserving')));
  });

  test('a prepackaged server over gRPC: servers/tfserving/samples/mnist_grpc.yaml', () => {
    const object = synth(chart => new PrepackagedModel(chart, 'tfserving', {
      metadata: { name: 'tfserving' },
      server: PrepackagedServer.TENSORFLOW,
      modelUri: ModelUri.parse('gs://seldon-models/tfserving/mnist-model'),
      graphName: 'mnist-model',
      endpointType: EndpointType.GRPC,
      parameters: [
        ModelParameter.stringValue('signature_name', 'predict_images'),
        ModelParameter.stringValue('model_name', 'mnist-model'),
        ModelParameter.stringValue('model_input', 'images'),
        ModelParameter.stringValue('model_output', 'scores'),
      ],
    }));
    expect(object.spec.predictors[0].graph.endpoint).toEqual({ type: 'GRPC' });
    expect(object).toEqual(comparable(sample('grpc-prepackaged')));
  });

  test('nodes in pods of their own: examples/graph_examples/tin-model-tout-sep-pods.yaml', () => {
    const node = (name: string, unitType: PredictiveUnitType, children: PredictiveUnit[] = []) => PredictiveUnit.component({
      name, unitType, image: 'seldonio/metadata-generic-node:1.14.0-dev', endpointType: EndpointType.GRPC, children,
    });
    const object = synth(chart => new SeldonDeployment(chart, 'test', {
      metadata: { name: 'test' },
      predictors: [{
        name: 'test',
        replicas: 1,
        graph: node('output-transformer', PredictiveUnitType.OUTPUT_TRANSFORMER, [
          node('input-transformer', PredictiveUnitType.TRANSFORMER, [node('model', PredictiveUnitType.MODEL)]),
        ]),
        separatePods: [{ nodes: ['model'] }, { nodes: ['output-transformer'] }],
      }],
    }));
    expect(object.spec.predictors[0].componentSpecs.map((c: any) => c.spec.containers[0].name)).toEqual(['input-transformer', 'model', 'output-transformer']);
    expect(object).toEqual(comparable(sample('separate-pods')));
  });
});
