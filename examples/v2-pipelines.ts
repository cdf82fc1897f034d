import { Construct } from 'constructs';
import { Experiment, ExperimentTarget, ModelUri, Pipeline, SeldonModel, SeldonServer, ServerConfigRef } from '../src';

/**
 * Seldon Core v2 pipeline and experiment examples, after Seldon's samples:
 * two Triton models chained in a pipeline (samples/pipelines/tfsimples.yaml)
 * and an experiment splitting traffic 50/50 between two MLServer models
 * (samples/experiments/ab-default-model.yaml).
 */
export function addV2PipelineExamples(scope: Construct): void {
  // The installation's two servers, declared so that the synth-time
  // scheduling check knows who advertises "tensorflow" and "sklearn".
  SeldonServer.fromServerName(scope, 'triton', 'triton', { serverConfig: ServerConfigRef.TRITON, replicas: 1 });
  SeldonServer.fromServerName(scope, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });

  const simple = ModelUri.parse('gs://seldon-models/triton/simple');
  const tfsimple1 = new SeldonModel(scope, 'tfsimple1', { metadata: { name: 'tfsimple1' }, storageUri: simple, requirements: ['tensorflow'] });
  const tfsimple2 = new SeldonModel(scope, 'tfsimple2', { metadata: { name: 'tfsimple2' }, storageUri: simple, requirements: ['tensorflow'] });

  // Each model adds and subtracts its two inputs; the second one reads the
  // first one's outputs, renamed to the input names it expects.
  const tfsimples = new Pipeline(scope, 'tfsimples', { metadata: { name: 'tfsimples' } });
  const first = tfsimples.addStep(tfsimple1);
  const second = tfsimples.addStep(tfsimple2, {
    inputs: [first],
    tensorMap: {
      [`${first.outputs('OUTPUT0')}`]: 'INPUT0',
      [`${first.outputs('OUTPUT1')}`]: 'INPUT1',
    },
  });
  tfsimples.addOutput(second);

  // Requests to iris-a are split evenly between iris-a and iris-b.
  const iris = ModelUri.parse('gs://seldon-models/mlserver/iris');
  const irisA = new SeldonModel(scope, 'iris-a', { metadata: { name: 'iris-a' }, storageUri: iris, requirements: ['sklearn'] });
  const irisB = new SeldonModel(scope, 'iris-b', { metadata: { name: 'iris-b' }, storageUri: iris, requirements: ['sklearn'] });
  const experiment = new Experiment(scope, 'iris-ab', { metadata: { name: 'iris-ab' } });
  experiment.addCandidate(ExperimentTarget.model(irisA), 50, { isDefault: true });
  experiment.addCandidate(ExperimentTarget.model(irisB), 50);
}
