import { App, Chart, Testing } from 'cdk8s';
import { ISeldonServer, ModelUri, SeldonModel, SeldonServer, ServerConfigRef } from '../../src';

// A model's `server` is written as the Server's name only. When the SeldonServer construct it names was taken out of
// the app with tryRemoveChild(), the scheduler waits for a Server of that name that nothing deploys: the model never
// becomes available.

const IRIS = ModelUri.gcs('seldon-models', 'scv2/samples/mlserver_1.3.5/iris-sklearn');

function pinned(chart: Chart, server: ISeldonServer, id = 'iris', requirements = ['sklearn']): SeldonModel {
  return new SeldonModel(chart, id, { metadata: { name: id }, storageUri: IRIS, requirements, server });
}

const mlserver = (scope: Chart, id = 'srv') => new SeldonServer(scope, id, { metadata: { name: 'mlserver-a' }, serverConfig: ServerConfigRef.MLSERVER });

describe('a model pinned to a SeldonServer taken out of the app', () => {
  test('a server taken out with tryRemoveChild() is reported, naming both constructs and the name-only alternative', () => {
    const chart = Testing.chart();
    mlserver(chart);
    new SeldonServer(chart, 'other', { metadata: { name: 'mlserver-b' }, serverConfig: ServerConfigRef.MLSERVER });
    pinned(chart, chart.node.findChild('srv') as SeldonServer);
    chart.node.tryRemoveChild('srv');
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel '[^']+\/iris': server is SeldonServer '[^']+\/srv' \("mlserver-a"\), which is not part of this app \(it was taken out of the tree with tryRemoveChild\(\)\) and is not deployed with the model; a SeldonServer of this app, or SeldonServer\.fromServerName\("mlserver-a"\)/);
  });

  test('also when it was the app\'s only server', () => {
    const chart = Testing.chart();
    pinned(chart, mlserver(chart));
    chart.node.tryRemoveChild('srv');
    expect(() => Testing.synth(chart)).toThrow(/server is SeldonServer '[^']+\/srv' \("mlserver-a"\), which is not part of this app \(it was taken out/);
  });

  test('a server of another cdk8s App is not judged: an app of servers and an app of models may go to one cluster', () => {
    const infra = new Chart(new App(), 'infra');
    const chart = Testing.chart();
    pinned(chart, mlserver(infra));
    expect(Testing.synth(chart).find(o => o.kind === 'Model')!.spec.server).toBe('mlserver-a');
  });

  test('a server of this app with the name of the one taken out is the one the pin reaches, and the model is checked against it', () => {
    const chart = Testing.chart();
    const removed = mlserver(chart);
    chart.node.tryRemoveChild('srv');
    mlserver(chart, 'here');
    pinned(chart, removed);
    expect(Testing.synth(chart).find(o => o.kind === 'Model')!.spec.server).toBe('mlserver-a');
    // ... and judged against it: the server here advertises no "gpu".
    pinned(chart, removed, 'gpu', ['gpu']);
    expect(() => Testing.synth(chart)).toThrow(/SeldonModel '[^']+\/gpu': requirements \["gpu"\] are not all advertised by the pinned SeldonServer '[^']+\/here'/);
  });

  test('a server reference (fromServerName) taken out writes nothing either way: the pin stands', () => {
    const chart = Testing.chart();
    pinned(chart, SeldonServer.fromServerName(chart, 'ref', 'mlserver'));
    chart.node.tryRemoveChild('ref');
    expect(Testing.synth(chart).find(o => o.kind === 'Model')!.spec.server).toBe('mlserver');
  });
});
