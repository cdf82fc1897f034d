// Validates every field Pipeline and Experiment render against Seldon's v2
// CRDs, in strict mode (unknown fields are errors). Like crds-v2.crd-test.ts
// it needs the CRD files, so it is not in the default run:
//
//   npx jest --coverage=false --testMatch '**/pipelines.crd-test.ts'
import * as path from 'path';
import { Testing } from 'cdk8s';
import { addV2PipelineExamples } from '../../examples/v2-pipelines';
import { ModelUri } from '../../src/model-uri';
import { Experiment, ExperimentResourceType, ExperimentTarget, JoinType, Pipeline, SeldonModel, StepRef } from '../../src/v2';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const FILES = ['pipelines', 'experiments', 'models'].map(k => path.join(CRDS_DIR, `v2-mlops.seldon.io_${k}.yaml`));

test('every field Pipeline and Experiment render is valid under the v2 CRDs (strict)', () => {
  const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(FILES), { strict: true });
  const chart = Testing.chart();
  addV2PipelineExamples(chart);

  const model = new SeldonModel(chart, 'counter', { metadata: { name: 'counter' }, storageUri: ModelUri.parse('gs://models/counter') });
  const upstream = new Pipeline(chart, 'upstream', { metadata: { name: 'upstream' } });
  const source = upstream.addStep(model);
  upstream.addOutput(source);

  // every Pipeline field, with every join type
  const everything = new Pipeline(chart, 'everything', {
    metadata: { name: 'everything' },
    input: {
      externalInputs: [upstream.outputs(), source.externalOutputs('OUTPUT0')],
      externalTriggers: [StepRef.fromString('other.outputs.ok')],
      joinType: JoinType.OUTER,
      triggersJoinType: JoinType.ANY,
      joinWindowMs: 100,
      tensorMap: { 'upstream.outputs.OUTPUT0': 'INPUT0' },
    },
    output: { stepsJoin: JoinType.ANY, joinWindowMs: 5, tensorMap: { 'counter.outputs.output': 'count' } },
    allowCycles: true,
    maxStepRevisits: 100,
    dataflow: { cleanTopicsOnDelete: true },
  });
  const counter = everything.addStep(model, { inputsJoinType: JoinType.ANY, inputs: [everything.inputs()] });
  const loop = everything.addStepForModelName('identity-loop', {
    inputs: [counter.outputs('output')],
    inputsJoinType: JoinType.INNER,
    triggers: [counter.outputs('continue'), everything.inputs('go')],
    triggersJoinType: JoinType.OUTER,
    joinWindowMs: 1,
    tensorMap: { 'counter.outputs.output': 'INPUT' },
    batch: { size: 2, windowMs: 1000, rolling: true },
  });
  counter.addInput(loop.outputs());
  everything.addOutput(counter.outputs('output'));

  // every Experiment field, for models and for pipelines
  const models = new Experiment(chart, 'models', {
    metadata: { name: 'models' },
    candidates: [{ target: ExperimentTarget.model(model), weight: 90 }, { target: ExperimentTarget.modelName('counter-v2'), weight: 10 }],
    defaultCandidate: ExperimentTarget.model(model),
    mirror: { target: ExperimentTarget.modelName('counter-shadow'), percent: 25 },
    resourceType: ExperimentResourceType.MODEL,
  });
  new Experiment(chart, 'pipelines', {
    metadata: { name: 'pipelines' },
    mirror: { target: ExperimentTarget.pipeline(everything), percent: 100 },
  }).addCandidate(ExperimentTarget.pipeline(upstream), 1, { isDefault: true });
  // a candidate weighted 0 beside another (a split of 100 to 0) renders its weight, which the CRD takes
  new Experiment(chart, 'staged', {
    metadata: { name: 'staged' },
    candidates: [{ target: ExperimentTarget.modelName('counter-shadow-2'), weight: 0 }, { target: ExperimentTarget.modelName('counter-shadow-3'), weight: 1 }],
  });

  const objects = Testing.synth(chart);
  const report = validator.validateObjects(objects);
  expect(report.errors).toEqual([]);
  expect(objects.filter(o => o.kind === 'Pipeline')).toHaveLength(3);
  expect(objects.filter(o => o.kind === 'Experiment')).toHaveLength(4);
  expect(report.validated).toBe(objects.length);
  expect(models.resourceType).toBe(ExperimentResourceType.MODEL);

  // the check has teeth: a misspelt field, or a join type outside the enum, is reported
  const pipeline = objects.find(o => o.metadata.name === 'everything');
  expect(validator.validateObject({ ...pipeline, spec: { ...pipeline.spec, allowCycle: true } }).errors).not.toEqual([]);
  expect(validator.validateObject({ ...pipeline, spec: { ...pipeline.spec, output: { stepsJoin: 'left' } } }).errors).not.toEqual([]);
  const experiment = objects.find(o => o.metadata.name === 'models');
  expect(validator.validateObject({ ...experiment, spec: { ...experiment.spec, candidate: [] } }).errors).not.toEqual([]);
});
