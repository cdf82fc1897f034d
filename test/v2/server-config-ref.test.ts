import { Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { ServerConfig, ServerConfigRef } from '../../src/v2';

describe('ServerConfigRef', () => {
  test('MLSERVER and TRITON know the installation\'s capabilities and server container', () => {
    expect(ServerConfigRef.MLSERVER.name).toBe('mlserver');
    expect(ServerConfigRef.MLSERVER.capabilities).toContain('sklearn');
    expect(ServerConfigRef.MLSERVER.serverContainerName).toBe('mlserver');
    expect(ServerConfigRef.TRITON.name).toBe('triton');
    expect(ServerConfigRef.TRITON.capabilities).toContain('onnx');
    expect(ServerConfigRef.TRITON.serverContainerName).toBe('triton');
    expect(ServerConfigRef.MLSERVER.problem).toBeUndefined();
  });

  test('capabilities are copies', () => {
    ServerConfigRef.MLSERVER.capabilities!.push('x');
    expect(ServerConfigRef.MLSERVER.capabilities).not.toContain('x');
  });

  test('fromName of a default name is the default', () => {
    expect(ServerConfigRef.fromName('triton').capabilities).toEqual(ServerConfigRef.TRITON.capabilities);
  });

  test('fromName of another name: capabilities unknown unless given', () => {
    const unknown = ServerConfigRef.fromName('my-config');
    expect(unknown.name).toBe('my-config');
    expect(unknown.capabilities).toBeUndefined();
    expect(unknown.serverContainerName).toBeUndefined();

    const known = ServerConfigRef.fromName('my-config', { capabilities: ['a', 'b'], serverContainerName: 'server' });
    expect(known.capabilities).toEqual(['a', 'b']);
    expect(known.serverContainerName).toBe('server');
  });

  test('fromName with options for a default name takes the options', () => {
    expect(ServerConfigRef.fromName('mlserver', { capabilities: ['only'] }).capabilities).toEqual(['only']);
  });

  test('an invalid name carries a problem', () => {
    expect(ServerConfigRef.fromName('My_Config').problem).toMatch(/"My_Config" is not a valid name; a DNS-1123 subdomain is accepted/);
  });

  test('fromServerConfig follows the construct, including later capabilities', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', {
      metadata: { name: 'gpu-mlserver' },
      capabilities: ['mlserver', 'gpu'],
      podSpec: {
        containers: [
          { name: 'rclone', image: 'seldonio/seldon-rclone:2.10.2' },
          { name: 'agent', image: 'seldonio/seldon-agent:2.10.2' },
          { name: 'server', image: 'seldonio/mlserver:1.7.1', resources: { limits: { memory: k8s.Quantity.fromString('2Gi') } } },
        ],
      },
    });
    const ref = ServerConfigRef.fromServerConfig(config);
    config.addCapability('sklearn');
    expect(ref.name).toBe('gpu-mlserver');
    expect(ref.serverConfig).toBe(config);
    expect(ref.serverContainerName).toBe('server');
    expect(ref.capabilities).toEqual(['mlserver', 'gpu', 'sklearn']);
    expect(ref._resources('server')).toEqual({ requests: {}, limits: { memory: '2Gi' } });
  });
});
