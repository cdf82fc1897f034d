import { Testing } from 'cdk8s';
import { addV2Examples } from '../../examples/v2';

describe('examples/v2.ts', () => {
  test('synthesizes and passes every synth-time check', () => {
    const chart = Testing.chart();
    addV2Examples(chart);
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Server/mlserver-134', 'Model/iris', 'PersistentVolumeClaim/ml-models-pvc', 'Server/mlserver-pvc', 'Model/iris-pvc',
    ]);
    const pvcServer = objects.find(o => o.metadata.name === 'mlserver-pvc');
    expect(pvcServer.spec.podSpec.volumes).toEqual([{ name: 'models-pvc', persistentVolumeClaim: { claimName: 'ml-models-pvc' } }]);
    expect(objects).toMatchSnapshot();
  });
});
