/**
 * Two containers of one pod may not listen on one port: the operator numbers every node's http, grpc and metrics
 * ports from counters per SeldonDeployment (defaults.go, v1.18.2), and a declared port still takes its number
 * (src/v1/pod-port-rules.ts). Checked at synth, with the operator's model, only where a port is declared (or a JSON patch may declare one).
 */
import { App, Chart, JsonPatch } from 'cdk8s';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedServer, SeldonDeployment } from '../../src';

const prepackaged = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', name) });
const component = (name: string, extra: object, children: PredictiveUnit[] = []) =>
  PredictiveUnit.component({ name, unitType: PredictiveUnitType.TRANSFORMER, image: 'example.com/transformer:1', children, ...extra });
const synth = (graph: PredictiveUnit, separatePods?: Array<{ nodes: string[] }>, patch?: JsonPatch) => () => {
  const app = new App({ outdir: '/nonexistent' });
  const sd = new SeldonDeployment(new Chart(app, 'c'), 'sd', { metadata: { name: 'sd' }, predictors: [{ name: 'p', graph, separatePods }] });
  if (patch) sd.apiObject.addJsonPatch(patch);
  return app.synthYaml();
};

describe('ports of the containers in one pod', () => {
  test('a declared http and grpc port that the operator then gives the next node is refused, naming both containers and the Deployment', () => {
    expect(synth(component('a', { httpPort: 9001, grpcPort: 9501 }, [prepackaged('b')]))).toThrow(new RegExp(
      'SeldonDeployment \'c/sd\': predictors put port 9001 on containers "a" \\(http\\) and "b" \\(http\\) of one pod \\(Deployment "sd-p-0-a-b"\\); '
      + 'two containers of a pod cannot both listen on it[^]*port 9501 on containers "a" \\(grpc\\) and "b" \\(grpc\\)'));
  });

  test('two nodes declaring one port, a further port, and a port the operator gives another node for metrics', () => {
    expect(synth(component('a', { httpPort: 7000 }, [component('b', { httpPort: 7000 })]))).toThrow(/put port 7000 on containers "a" \(http\) and "b" \(http\)/);
    expect(synth(component('a', { ports: [{ number: 9001, name: 'admin' }] }, [prepackaged('b')]))).toThrow(/put port 9001 on containers "a" \(admin\) and "b" \(http\)/);
    expect(synth(component('a', { httpPort: 6001 }, [prepackaged('b')]))).toThrow(/put port 6001 on containers "a" \(http\) and "b" \(metrics\)/);
  });

  test('a port a JSON patch adds is a declared port, though no node declares one', () => {
    const port = JsonPatch.add('/spec/predictors/0/componentSpecs/0/spec/containers/0/ports', [{ name: 'extra', containerPort: 6001 }]);
    expect(synth(component('a', {}, [prepackaged('b')]), undefined, port)).toThrow(/put port 6001 on containers "a" \(extra\) and "b" \(metrics\)/);
  });

  test('a manifest a JSON patch has reshaped is not judged (the API server does), declared port or not, and is no crash', () => {
    const reshaped = JsonPatch.replace('/spec/predictors', 5);
    expect(synth(component('a', { httpPort: 9001 }, [prepackaged('b')]), undefined, reshaped)).not.toThrow();
    expect(synth(component('a', {}, [prepackaged('b')]), undefined, reshaped)).not.toThrow();
  });

  test('ports outside the sequences, or nodes in pods of their own, pass', () => {
    expect(synth(component('a', { httpPort: 7000, grpcPort: 7001 }, [prepackaged('b')]))).not.toThrow();
    expect(synth(component('a', { httpPort: 9001 }, [prepackaged('b')]), [{ nodes: ['b'] }])).not.toThrow();
    expect(synth(component('a', {}, [prepackaged('b')]))).not.toThrow();
  });
});
