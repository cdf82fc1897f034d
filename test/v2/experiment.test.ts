import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri } from '../../src/model-uri';
import {
  Experiment, ExperimentProps, ExperimentResourceType, ExperimentTarget, Pipeline, SeldonModel,
} from '../../src/v2';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

function model(scope: Construct, name: string): SeldonModel {
  return new SeldonModel(scope, name, { metadata: { name }, storageUri: IRIS, requirements: ['sklearn'] });
}

function experimentOf(chart: Chart): any {
  const objects = Testing.synth(chart).filter(o => o.kind === 'Experiment');
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('Experiment', () => {
  test('two models weighted 50/50 with a default (samples/experiments/ab-default-model.yaml)', () => {
    const chart = Testing.chart();
    const iris = model(chart, 'iris');
    const iris2 = model(chart, 'iris2');
    const experiment = new Experiment(chart, 'experiment', { metadata: { name: 'experiment-sample' } });
    experiment.addCandidate(ExperimentTarget.model(iris), 50, { isDefault: true });
    experiment.addCandidate(ExperimentTarget.model(iris2), 50);

    expect(experimentOf(chart)).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'experiment-sample' },
      spec: {
        default: 'iris',
        candidates: [{ name: 'iris', weight: 50 }, { name: 'iris2', weight: 50 }],
        resourceType: 'model',
      },
    });
    expect(experiment.defaultCandidate?.name).toBe('iris');
    expect(experiment.candidates.map(c => [c.target.name, c.weight])).toEqual([['iris', 50], ['iris2', 50]]);
    expect(experiment.resourceType).toBe(ExperimentResourceType.MODEL);
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Model', 'Model', 'Experiment']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the same in props, with a mirror (samples/experiments/sklearn-mirror.yaml)', () => {
    const chart = Testing.chart();
    const iris = ExperimentTarget.model(model(chart, 'iris'));
    new Experiment(chart, 'sklearn-mirror', {
      metadata: { name: 'sklearn-mirror' },
      candidates: [{ target: iris, weight: 100 }],
      defaultCandidate: iris,
      mirror: { target: ExperimentTarget.model(model(chart, 'iris2')), percent: 100 },
    });
    expect(experimentOf(chart).spec).toEqual({
      default: 'iris',
      candidates: [{ name: 'iris', weight: 100 }],
      mirror: { name: 'iris2', percent: 100 },
      resourceType: 'model',
    });
  });

  test('pipelines, with the resource type inferred (samples/experiments/addmul10-mirror.yaml)', () => {
    const chart = Testing.chart();
    const add10 = new Pipeline(chart, 'add10', { metadata: { name: 'pipeline-add10' } });
    add10.addStepForModelName('add10');
    const experiment = new Experiment(chart, 'addmul10-mirror', {
      metadata: { name: 'addmul10-mirror' },
      defaultCandidate: ExperimentTarget.pipeline(add10),
      mirror: { target: ExperimentTarget.pipelineName('pipeline-mul10'), percent: 100 },
    });
    experiment.addCandidate(ExperimentTarget.pipeline(add10), 100);
    expect(experiment.resourceType).toBe(ExperimentResourceType.PIPELINE);
    expect(experimentOf(chart).spec).toEqual({
      default: 'pipeline-add10',
      resourceType: 'pipeline',
      candidates: [{ name: 'pipeline-add10', weight: 100 }],
      mirror: { name: 'pipeline-mul10', percent: 100 },
    });
  });

  test('models deployed separately, no default (samples/experiments/ab.yaml shape); a candidate with a mirror', () => {
    const chart = Testing.chart();
    new Experiment(chart, 'ab', {
      metadata: { name: 'ab' },
      candidates: [{ target: ExperimentTarget.modelName('iris'), weight: 1 }, { target: ExperimentTarget.modelName('iris2'), weight: 3 }],
    });
    new Experiment(chart, 'shadow', {
      metadata: { name: 'shadow' },
      candidates: [{ target: ExperimentTarget.modelName('iris'), weight: 1 }],
      mirror: { target: ExperimentTarget.modelName('iris3'), percent: 10 },
    });
    const [ab, shadow] = Testing.synth(chart);
    expect(ab.spec).toEqual({ candidates: [{ name: 'iris', weight: 1 }, { name: 'iris2', weight: 3 }], resourceType: 'model' });
    expect(shadow.spec).toEqual({ candidates: [{ name: 'iris', weight: 1 }], mirror: { name: 'iris3', percent: 10 }, resourceType: 'model' });
  });

  test('what makes Envoy refuse the namespace\'s routes is refused: a mirror alone, weights adding up to 0, a mirror of 0%', () => {
    const mirrorOnly = Testing.chart();
    new Experiment(mirrorOnly, 'shadow', { metadata: { name: 'shadow' }, resourceType: ExperimentResourceType.MODEL, mirror: { target: ExperimentTarget.modelName('iris3'), percent: 5 } });
    expect(() => Testing.synth(mirrorOnly)).toThrow(/Experiment 'test\/shadow': candidates is empty: Seldon writes the experiment's route with the mirror and no cluster .*Envoy refuses it .*resource\.go.*; at least one candidate \(addCandidate\(\)\)/);
    const zero = Testing.chart();
    new Experiment(zero, 'ab', { metadata: { name: 'ab' }, candidates: [{ target: ExperimentTarget.modelName('a'), weight: 0 }, { target: ExperimentTarget.modelName('b'), weight: 0 }] });
    expect(() => Testing.synth(zero)).toThrow(/Experiment 'test\/ab': candidates weights add up to 0: .*Envoy refuses weighted clusters that add up to 0.*; at least one candidate with a weight above 0/);
    // One candidate at 0 beside another is a split of 100 to 0, which Envoy takes.
    const split = Testing.chart();
    new Experiment(split, 'ab', { metadata: { name: 'ab' }, candidates: [{ target: ExperimentTarget.modelName('a'), weight: 0 }, { target: ExperimentTarget.modelName('b'), weight: 1 }] });
    expect(Testing.synth(split)[0].spec.candidates).toEqual([{ name: 'a', weight: 0 }, { name: 'b', weight: 1 }]);
    expect(() => new Experiment(Testing.chart(), 'm', {
      metadata: { name: 'm' }, candidates: [{ target: ExperimentTarget.modelName('a'), weight: 1 }], mirror: { target: ExperimentTarget.modelName('b'), percent: 0 },
    })).toThrow(/mirror\.percent 0 mirrors nothing, .*Envoy refuses weighted clusters that add up to 0.*; a whole number from 1 to 100/);
  });

  test('defaults: a generated name; model is the resource type until a candidate says otherwise', () => {
    const chart = Testing.chart();
    const experiment = new Experiment(chart, 'ab');
    expect(experiment.resourceType).toBe(ExperimentResourceType.MODEL);
    experiment.addCandidate(ExperimentTarget.modelName('iris'), 1);
    expect(experiment.name).toMatch(/^test-ab-[0-9a-f]{8}$/);
    expect(experiment.mirror).toBeUndefined();
    expect(experiment.defaultCandidate).toBeUndefined();
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the Experiment is applied after its candidates, mirror and default, wherever they are defined', () => {
    const app = Testing.app();
    const experiments = new Chart(app, 'experiments');
    const models = new Chart(app, 'models');
    const iris = model(new Construct(experiments, 'z'), 'iris');
    const iris2 = model(models, 'iris2');
    const iris3 = model(models, 'iris3');
    const experiment = new Experiment(experiments, 'a-experiment', {
      metadata: { name: 'ab' },
      mirror: { target: ExperimentTarget.model(iris3), percent: 10 },
    });
    experiment.addCandidate(ExperimentTarget.model(iris), 50, { isDefault: true });
    experiment.addCandidate(ExperimentTarget.model(iris2), 50);
    // Across charts cdk8s orders the charts, so those dependencies are declared at once.
    expect(experiment.apiObject.node.dependencies).toEqual([iris3.apiObject, iris2.apiObject]);
    expect(Testing.synth(experiments).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/iris', 'Experiment/ab']);
    expect(experiments.node.dependencies).toContain(models);
  });

  test('namespace and labels come from the chart; a JSON patch shows up', () => {
    const chart = new Chart(Testing.app(), 'experiments', { namespace: 'seldon-mesh', labels: { team: 'ml' } });
    const experiment = new Experiment(chart, 'ab', { metadata: { name: 'ab' } });
    experiment.addCandidate(ExperimentTarget.modelName('iris'), 100);
    ApiObject.of(experiment).addJsonPatch(JsonPatch.add('/spec/mirror', { name: 'iris-shadow', percent: 10 }));
    const object = experimentOf(chart);
    expect(object.metadata).toEqual({ name: 'ab', namespace: 'seldon-mesh', labels: { team: 'ml' } });
    expect(object.spec.mirror).toEqual({ name: 'iris-shadow', percent: 10 });
    expect(experiment.apiObject).toBe(ApiObject.of(experiment));
  });

  test('two experiments in one chart', () => {
    const chart = Testing.chart();
    const iris = model(chart, 'iris');
    const wine = model(chart, 'wine');
    for (const [id, m] of [['iris-ab', iris], ['wine-ab', wine]] as const) {
      const experiment = new Experiment(chart, id, { metadata: { name: id } });
      experiment.addCandidate(ExperimentTarget.model(m), 90, { isDefault: true });
      experiment.addCandidate(ExperimentTarget.modelName(`${m.name}-v2`), 10);
    }
    const objects = Testing.synth(chart).filter(o => o.kind === 'Experiment');
    expect(objects.map(o => [o.metadata.name, o.spec.default, o.spec.candidates[1].name])).toEqual([['iris-ab', 'iris', 'iris-v2'], ['wine-ab', 'wine', 'wine-v2']]);
  });

  describe('rejects, when created', () => {
    const make = (props: ExperimentProps, id = 'ab') => () => new Experiment(Testing.chart(), id, { metadata: { name: 'ab' }, ...props });
    const iris = ExperimentTarget.modelName('iris');

    test('names Kubernetes refuses', () => {
      expect(make({ metadata: { name: 'AB' } })).toThrow(
        /Experiment 'test\/ab': metadata.name "AB" is not a valid name; a DNS-1123 subdomain is accepted: at most 253 characters of a-z, 0-9, "-" and "."/);
      expect(() => new Experiment(Testing.chart(), 'a_b')).toThrow(/Experiment 'test\/a_b': metadata.name "test-a_b-[0-9a-f]{8}" is not a valid name \(generated from the construct path/);
    });

    test('weights that are not whole non-negative numbers', () => {
      expect(make({ candidates: [{ target: iris, weight: -1 }] })).toThrow(
        /Experiment 'test\/ab': candidates\[0\].weight -1 is not a whole number from 0 to 2147483647; a non-negative whole number; traffic is split in proportion to the weights/);
      const experiment = make({})();
      expect(() => experiment.addCandidate(iris, 0.5)).toThrow(/Experiment 'test\/ab': addCandidate\("iris"\).weight 0.5 is not a whole number/);
      expect(experiment.candidates).toEqual([]);
    });

    test('a mirror percentage outside 0..100', () => {
      expect(make({ mirror: { target: iris, percent: 101 } })).toThrow(/Experiment 'test\/ab': mirror.percent 101 is not a whole percentage; a whole number from 1 to 100/);
      expect(make({ mirror: { target: iris, percent: 12.5 } })).toThrow(/mirror.percent 12.5 is not a whole percentage/);
    });

    test('a model or pipeline taking part twice, including as the mirror', () => {
      expect(make({ candidates: [{ target: iris, weight: 1 }, { target: ExperimentTarget.modelName('iris'), weight: 2 }] })).toThrow(
        /Experiment 'test\/ab': candidates\[1\] "iris" already takes part in the experiment; each model or pipeline once, as a candidate or as the mirror/);
      expect(make({ candidates: [{ target: iris, weight: 1 }], mirror: { target: iris, percent: 5 } })).toThrow(
        /Experiment 'test\/ab': mirror "iris" is also a candidate; a mirror that is not a candidate \(the scheduler rejects duplicate names\)/);
      const experiment = make({ mirror: { target: iris, percent: 5 } })();
      expect(() => experiment.addCandidate(iris, 1)).toThrow(/Experiment 'test\/ab': addCandidate\("iris"\) "iris" already takes part in the experiment/);
    });

    test('targets of the other resource type', () => {
      expect(make({ resourceType: ExperimentResourceType.PIPELINE, candidates: [{ target: iris, weight: 1 }] })).toThrow(
        /Experiment 'test\/ab': candidates\[0\] "iris" is a model, but the experiment's resourceType is "pipeline"; every candidate, the mirror and the default of one resource type: all pipelines, or a separate experiment/);
      const experiment = make({})();
      experiment.addCandidate(iris, 1);
      expect(() => experiment.addCandidate(ExperimentTarget.pipelineName('chain'), 1)).toThrow(
        /Experiment 'test\/ab': addCandidate\("chain"\) "chain" is a pipeline, but the experiment's resourceType is "model"/);
      expect(make({ resourceType: 'models' as ExperimentResourceType })).toThrow(/Experiment 'test\/ab': resourceType "models" is not a resource type; accepted: ExperimentResourceType.MODEL or PIPELINE/);
      // a resource type that is none is reported once, not again against each target (review 16, F9)
      expect(make({ resourceType: 'Model' as ExperimentResourceType, candidates: [{ target: iris, weight: 1 }] })).toThrow(
        /^Experiment 'test\/ab': resourceType "Model" is not a resource type; accepted: ExperimentResourceType.MODEL or PIPELINE$/);
    });

    test('a weight left out from JavaScript is missing', () => {
      const experiment = make({})();
      expect(() => (experiment as any).addCandidate(iris)).toThrow(/^Experiment 'test\/ab': addCandidate\("iris"\)\.weight is missing; a non-negative whole number/);
      expect(make({ candidates: [{ target: iris } as any] })).toThrow(/Experiment 'test\/ab': candidates\[0\].weight is missing/);
    });

    test('malformed targets and a second default', () => {
      expect(make({ defaultCandidate: ExperimentTarget.modelName('iris.v1') })).toThrow(
        /Experiment 'test\/ab': defaultCandidate "iris.v1" is not a Seldon v2 model name; a Seldon v2 name is accepted: .*; e.g. ExperimentTarget.modelName\("iris"\)/);
      expect(make({ candidates: [{ target: 'iris' as unknown as ExperimentTarget, weight: 1 }] })).toThrow(
        /Experiment 'test\/ab': candidates\[0\].target is a string "iris"; accepted: an ExperimentTarget from ExperimentTarget.model\(\), .*ExperimentTarget.modelName\("iris"\)/);
      const experiment = make({ defaultCandidate: iris })();
      expect(() => experiment.addCandidate(ExperimentTarget.modelName('iris2'), 1, { isDefault: true })).toThrow(
        /Experiment 'test\/ab': addCandidate\("iris2"\).isDefault is true, but the default is already "iris"; one default candidate/);
      experiment.addCandidate(ExperimentTarget.modelName('iris'), 1, { isDefault: true });
    });
  });

  describe('rejects, at synth', () => {
    test('no candidate and no mirror', () => {
      const chart = Testing.chart();
      new Experiment(chart, 'ab', { metadata: { name: 'ab' } });
      expect(() => Testing.synth(chart)).toThrow(
        /Experiment 'test\/ab': candidates is empty and there is no mirror; the scheduler rejects an experiment without candidates; at least one candidate \(addCandidate\(\)\)/);
    });

    test('a default that is not a candidate', () => {
      const chart = Testing.chart();
      const experiment = new Experiment(chart, 'ab', { metadata: { name: 'ab' }, defaultCandidate: ExperimentTarget.modelName('iris') });
      experiment.addCandidate(ExperimentTarget.modelName('iris2'), 50);
      experiment.addCandidate(ExperimentTarget.modelName('iris3'), 50);
      expect(() => Testing.synth(chart)).toThrow(
        /Experiment 'test\/ab': defaultCandidate "iris" is not one of the candidates \("iris2", "iris3"\); one of the candidates, e.g. addCandidate\(target, weight, \{ isDefault: true \}\)/);
      const mirrorOnly = Testing.chart();
      new Experiment(mirrorOnly, 'ab', { metadata: { name: 'ab' }, defaultCandidate: ExperimentTarget.modelName('iris'), mirror: { target: ExperimentTarget.modelName('iris2'), percent: 5 } });
      expect(() => Testing.synth(mirrorOnly)).toThrow(/defaultCandidate "iris" is not one of the candidates \(none\)/);
    });
  });
});
