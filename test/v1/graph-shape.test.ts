import { Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { BuiltInImplementation, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonServer } from '../../src';
import { HELM_CRD_CHILD_LEVELS } from '../../src/v1/graph-depth';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const leaf = () => PredictiveUnit.prepackaged({ name: 'leaf', server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const chain = (depth: number) => {
  let unit = leaf();
  for (let i = 0; i < depth; i++) unit = PredictiveUnit.builtIn({ name: `n${i}`, implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [unit] });
  return unit;
};

describe('v1 graphs are walked without recursion (no stack overflow)', () => {
  test('a graph 30,000 nodes deep (beyond any call stack) is the CRD-depth error, not a RangeError', () => {
    // helm-charts/seldon-core-operator CRD keeps 10 levels of children (src/v1/graph-depth.ts).
    const deep = chain(30_000);
    expect(deep._walk()).toHaveLength(30_001);
    expect(() => new SeldonDeployment(Testing.chart(), 'd', { predictors: [{ name: 'p', graph: deep }] })).toThrow(
      new RegExp(`^SeldonDeployment 'test/d': predictors\\[0\\]\\.graph(\\.children\\[0\\]){${HELM_CRD_CHILD_LEVELS}}\\.children are 11 levels below the graph root`));
    expect(() => new SeldonDeployment(Testing.chart(), 'ok', { predictors: [{ name: 'p', graph: chain(HELM_CRD_CHILD_LEVELS) }] })).not.toThrow();
  });

  test('a graph that contains itself (a JavaScript caller changing children afterwards) is an error', () => {
    const root = chain(2);
    const child = root.children[0];
    (child._spec.children as PredictiveUnit[]).push(root);
    expect(() => new SeldonDeployment(Testing.chart(), 'd', { predictors: [{ name: 'p', graph: root }] })).toThrow(
      /^SeldonDeployment 'test\/d': predictors\[0\]\.graph\.children\[0\]\.children\[1\] is node "n1", which contains this node: the graph contains itself; a tree of nodes/);
    // _walk lists each node once, even in a cycle.
    expect(root._walk().map(u => u.name)).toEqual(['n1', 'n0', 'leaf']);
  });
});

describe('quantities Kubernetes cannot parse (src/k8s/container-resources.ts)', () => {
  const model = (resources: object) => () => new PrepackagedModel(Testing.chart(), 'm', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, resources });
  test('Cpu.millis(Infinity), Cpu.units(NaN) and exponent forms are no quantity', () => {
    expect(model({ cpu: { request: Cpu.millis(Infinity) } })).toThrow(/resources cpu request "Infinitym" is not a Kubernetes quantity \(a finite amount\)/);
    expect(model({ cpu: { limit: Cpu.units(NaN) } })).toThrow(/resources cpu limit "NaN" is not a Kubernetes quantity/);
    expect(model({ cpu: { limit: Cpu.units(1e21) } })).toThrow(/resources cpu limit "1e\+21" is not a Kubernetes quantity/);
    expect(model({ cpu: { request: Cpu.millis(250), limit: Cpu.units(1.5) } })).not.toThrow();
  });

  test('Size.gibibytes(Infinity) would render InfinityGi', () => {
    expect(model({ memory: { limit: Size.gibibytes(Infinity) } })).toThrow(/resources memory limit is not a finite amount/);
    expect(() => new SeldonServer(Testing.chart(), 's', { serverContainer: { resources: { memory: { request: Size.gibibytes(NaN) } } } }))
      .toThrow(/serverContainer.resources memory request is not a finite amount/);
  });
});
