/**
 * A Model's parameters reach MLServer only: the agent writes them into model-settings.json
 * (scheduler/pkg/agent/repository/mlserver/mlserver.go SetExtraParameters), and a Triton agent
 * drops them (triton/triton.go SetExtraParameters does nothing, v2.10.2). A Model with
 * parameters that can only land on Triton servers is refused at synth.
 */
import { Testing } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfigRef } from '../../src/v2';
import { synthError } from '../synth-error';

const URI = ModelUri.gcs('seldon-models', 'triton/simple');

describe('Model parameters on Triton', () => {
  test('a model with parameters pinned to a Triton server is refused, naming the parameters', () => {
    const c = Testing.chart();
    const server = new SeldonServer(c, 'triton', { metadata: { name: 'triton' }, serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(c, 'simple', { storageUri: URI, requirements: ['tensorflow'], server, parameters: { max_batch_size: '8' } });
    expect(synthError(c)).toContain('SeldonModel \'test/simple\': parameters ("max_batch_size") would be ignored: the pinned SeldonServer \'test/triton\' ("triton") '
      + 'runs a Triton agent, which writes a model\'s parameters nowhere (scheduler/pkg/agent/repository/triton/triton.go SetExtraParameters does nothing');
  });

  test('an unpinned model is refused only when every server it can land on runs Triton', () => {
    const c = Testing.chart();
    new SeldonServer(c, 'triton', { metadata: { name: 'triton' }, serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(c, 'simple', { storageUri: URI, requirements: ['python'], parameters: { a: 'b' } });
    // python is advertised by both default configs: an MLServer server can take the model
    new SeldonServer(c, 'mlserver', { metadata: { name: 'mlserver' } });
    expect(synthError(c)).toBe('');
    new SeldonModel(c, 'onnx', { storageUri: URI, requirements: ['onnx'], parameters: { a: 'b' } });
    expect(synthError(c)).toMatch(/SeldonModel 'test\/onnx': parameters \("a"\) would be ignored: every Server advertising \["onnx"\] runs a Triton agent \(SeldonServer 'test\/triton' \("triton"\)\)/);
  });

  test('parameters on MLServer, and Triton models without parameters, are accepted', () => {
    const c = Testing.chart();
    const triton = new SeldonServer(c, 'triton', { metadata: { name: 'triton' }, serverConfig: ServerConfigRef.TRITON });
    const mlserver = new SeldonServer(c, 'mlserver', { metadata: { name: 'mlserver' } });
    new SeldonModel(c, 'a', { storageUri: URI, requirements: ['sklearn'], server: mlserver, parameters: { a: 'b' } });
    new SeldonModel(c, 'b', { storageUri: URI, requirements: ['tensorflow'], server: triton });
    new SeldonModel(c, 'c', { storageUri: URI, requirements: ['tensorflow'] });
    expect(synthError(c)).toBe('');
  });
});

describe('Model parameters on a Triton server outside the app', () => {
  test('a SeldonServer.fromServerName() of the triton ServerConfig counts as Triton', () => {
    const c = Testing.chart();
    const triton = SeldonServer.fromServerName(c, 'triton', 'triton', { serverConfig: ServerConfigRef.TRITON, replicas: 1 });
    new SeldonModel(c, 'pinned', { storageUri: URI, requirements: ['tensorflow'], server: triton, parameters: { a: 'b' } });
    expect(synthError(c)).toMatch(/SeldonModel 'test\/pinned': parameters \("a"\) would be ignored: the pinned SeldonServer reference 'test\/triton' \("triton"\) runs a Triton agent/);
  });
});
