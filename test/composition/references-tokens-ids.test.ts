// Review 17, items 4, 5 and 7: explainer/LLM models across namespaces, cdk8s tokens where the library reads a string,
// a step model taken out of the tree, and the id of the library's app-wide checks.
import { App, Chart, Lazy, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { ModelExplainer, ModelLlm, ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, SeldonModel, SeldonServer } from '../../src';

const model = (scope: Chart, name: string) => new SeldonModel(scope, name, { metadata: { name }, storageUri: ModelUri.parse('gs://x/y'), requirements: ['sklearn'] });

describe('ModelExplainer.forModel() and ModelLlm.forModel() naming a model of another namespace', () => {
  const twoTeams = () => {
    const app = Testing.app();
    const a = new Chart(app, 'team-a', { namespace: 'team-a' });
    const b = new Chart(app, 'team-b', { namespace: 'team-b' });
    return { app, a, b, iris: model(a, 'iris') };
  };

  test('an explainer is refused, citing the agent\'s call through its own namespace\'s envoy', () => {
    const { app, b, iris } = twoTeams();
    new SeldonModel(b, 'explainer', { storageUri: ModelUri.parse('gs://x/e'), explainer: ModelExplainer.forModel('anchor_tabular', iris) });
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'team-b\/explainer': explainer is SeldonModel 'team-a\/iris' \("iris"\) in namespace "team-a", but the model is in namespace "team-b"; its agent calls http:\/\/<envoy>\/v2\/models\/iris\/infer through the envoy of namespace "team-b".*, so every call would fail; a SeldonModel in namespace "team-b"/);
  });

  test('an LLM is refused the same way', () => {
    const { app, b, iris } = twoTeams();
    new SeldonModel(b, 'prompt', { storageUri: ModelUri.parse('gs://x/p'), llm: ModelLlm.forModel(iris) });
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'team-b\/prompt': llm is SeldonModel 'team-a\/iris'/);
  });

  test('controls: the same namespace, and a model named by string, pass', () => {
    const { app, a } = twoTeams();
    const iris = a.node.findChild('iris') as SeldonModel;
    new SeldonModel(a, 'explainer', { storageUri: ModelUri.parse('gs://x/e'), explainer: ModelExplainer.forModel('anchor_tabular', iris) });
    new SeldonModel(new Chart(app, 'team-c', { namespace: 'team-c' }), 'explainer', {
      storageUri: ModelUri.parse('gs://x/e'), explainer: ModelExplainer.forModelName('anchor_tabular', 'iris'),
    });
    expect(() => app.synthYaml()).not.toThrow();
  });
});

// A token in an agent variable the library reads is read as unknown, not refused: test/v2/agent-env-tokens.test.ts.
describe('a cdk8s token where the library reads a string', () => {
  test('controls: a token in a variable the library does not read, and a literal, are accepted and written', () => {
    const c = Testing.chart();
    new SeldonServer(c, 's', {
      agentContainer: { env: { FOO: EnvValue.fromValue(Lazy.any({ produce: () => 'bar' }) as unknown as string), SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('sklearn') } },
    });
    expect(JSON.stringify(Testing.synth(c))).toMatch(/"name":"FOO","value":"bar"/);
  });

  test('a token chart namespace: a library error naming the construct and the field', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: Lazy.any({ produce: () => 'ml' }) as unknown as string });
    expect(() => model(c, 'm')).toThrow(/SeldonModel 'c\/m': metadata.namespace \(the chart's namespace\) is a Lazy object, a cdk8s token, .*; accepted: a literal string/);
    expect(() => new PrepackagedModel(c, 'v1', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y') }))
      .toThrow(/PrepackagedModel 'c\/v1': metadata.namespace \(the chart's namespace\) is a Lazy object, a cdk8s token/);
  });

  test('a token reads the same in the namespace refusal as in the props check (prop-wording.ts actualText): "is a Lazy object"', () => {
    const token = Lazy.any({ produce: () => 'ml' }) as unknown as string;
    expect(() => new SeldonModel(Testing.chart(), 'm', { metadata: { name: token }, storageUri: ModelUri.parse('gs://x/y') }))
      .toThrow(/SeldonModel 'test\/m': metadata.name is a Lazy object; accepted: a string/);
    expect(() => new SeldonModel(new Chart(Testing.app(), 'c', { namespace: token }), 'm', { storageUri: ModelUri.parse('gs://x/y') }))
      .toThrow("SeldonModel 'c/m': metadata.namespace (the chart's namespace) is a Lazy object, a cdk8s token, which cdk8s resolves only when it writes the manifest, "
        + 'but the library reads the value before that; accepted: a literal string (the library compares namespaces across objects and checks '
        + 'the names derived from them), or no namespace');
  });
});

describe('a step model taken out of the tree', () => {
  test('is reported as taken out, not as belonging to another App', () => {
    const c = Testing.chart();
    const iris = model(c, 'iris');
    const p = new Pipeline(c, 'p');
    p.addOutput(p.addStep(iris));
    c.node.tryRemoveChild('iris');
    expect(() => Testing.synth(c)).toThrow(/steps\["iris"\] is SeldonModel 'test\/iris' \("iris"\), which is not part of this app \(it was taken out of the tree with tryRemoveChild\(\)\)/);
  });

  test('control: a model of another App still reads "belongs to another cdk8s App"', () => {
    const other = model(Testing.chart(), 'iris');
    const c = Testing.chart();
    const p = new Pipeline(c, 'p');
    p.addOutput(p.addStep(other));
    expect(() => Testing.synth(c)).toThrow(/it belongs to another cdk8s App/);
  });

  test.each([
    ['explainer', (iris: SeldonModel) => ({ explainer: ModelExplainer.forModel('anchor_tabular', iris) }), 'ModelExplainer.forModelName(<type>, "iris")'],
    ['llm', (iris: SeldonModel) => ({ llm: ModelLlm.forModel(iris) }), 'ModelLlm.forModelName("iris")'],
  ])('so is the model an %s calls, which no one would deploy', (field, props, external) => {
    const c = Testing.chart();
    const iris = model(c, 'iris');
    new SeldonModel(c, 'caller', { storageUri: ModelUri.parse('gs://x/c'), ...props(iris) });
    c.node.tryRemoveChild('iris');
    expect(() => Testing.synth(c)).toThrow(`SeldonModel 'test/caller': ${field} is SeldonModel 'test/iris' ("iris"), which was taken out of the tree `
      + `with tryRemoveChild() and is not deployed; a SeldonModel of this app, or ${external} for one deployed separately`);
  });
});

describe('the id of the library\'s app-wide checks', () => {
  test('a user chart called "seldon-checks", made after a library construct, is accepted', () => {
    const app = new App();
    model(new Chart(app, 'models'), 'iris');
    expect(() => new Chart(app, 'seldon-checks')).not.toThrow();
    expect(app.node.children.map(c => c.node.id)).toContain('cdk8s-seldon.checks');
  });
});
