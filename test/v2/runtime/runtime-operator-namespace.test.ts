import { App, Chart } from 'cdk8s';
import { RuntimeComponent, SeldonConfig, SeldonConfigComponent, SeldonRuntime } from '../../../src/v2';

const scheduler: SeldonConfigComponent = {
  component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }] },
};

describe('the operator reads a runtime\'s SeldonConfig from its own namespace (seldonconfig_types.go GetSeldonConfigForSeldonRuntime @v2.10.2)', () => {
  test('a SeldonConfig in another namespace than the runtime\'s is refused when operatorNamespace is unset', () => {
    const app = new App();
    const a = new Chart(app, 'a', { namespace: 'team-a' });
    const b = new Chart(app, 'b', { namespace: 'team-b' });
    const config = new SeldonConfig(a, 'config', { metadata: { name: 'team' }, components: [scheduler] });
    new SeldonRuntime(a, 'runtime', { seldonConfig: config });
    expect(() => new SeldonRuntime(b, 'runtime', { seldonConfig: config })).toThrow(
      'SeldonRuntime \'b/runtime\': seldonConfig is SeldonConfig "team" in namespace "team-a", but the operator reads a runtime\'s SeldonConfig from its own '
      + 'namespace only (its POD_NAMESPACE), taken to be "team-b" (operatorNamespace is unset, so the runtime\'s own namespace), so the runtime would never be '
      + 'installed; the SeldonConfig in a chart of namespace "team-b", or operatorNamespace: "team-a" if the operator runs there (cluster-wide)');
    expect(() => new SeldonRuntime(b, 'cluster-wide', { seldonConfig: config, operatorNamespace: 'team-a' })).not.toThrow();
  });

  test('with operatorNamespace, the SeldonConfig must be there, whatever the runtime\'s namespace', () => {
    const app = new App();
    const mesh = new Chart(app, 'mesh', { namespace: 'seldon-mesh' });
    const team = new Chart(app, 'team', { namespace: 'team' });
    const inMesh = new SeldonConfig(mesh, 'config', { metadata: { name: 'shared' }, components: [scheduler] });
    const inTeam = new SeldonConfig(team, 'config', { metadata: { name: 'own' }, components: [scheduler] });
    new SeldonRuntime(team, 'runtime', { seldonConfig: inMesh, operatorNamespace: 'seldon-mesh' });
    expect(() => new SeldonRuntime(team, 'other', { seldonConfig: inTeam, operatorNamespace: 'seldon-mesh' }))
      .toThrow(/seldonConfig is SeldonConfig "own" in namespace "team", but the operator [^;]*taken to be "seldon-mesh", so/);
  });

  test('nothing is assumed where a namespace is unknown: a chart without one, or a SeldonConfig reference', () => {
    const app = new App();
    const plain = new Chart(app, 'plain');
    const team = new Chart(app, 'team', { namespace: 'team' });
    const config = new SeldonConfig(plain, 'config', { metadata: { name: 'any' }, components: [scheduler] });
    expect(() => new SeldonRuntime(team, 'runtime', { seldonConfig: config })).not.toThrow();
    expect(() => new SeldonRuntime(plain, 'runtime', { seldonConfig: new SeldonConfig(team, 'other', { components: [scheduler] }) })).not.toThrow();
    const reference = SeldonConfig.fromSeldonConfigName(team, 'ref', 'default');
    expect(() => new SeldonRuntime(new Chart(app, 'x', { namespace: 'x' }), 'runtime', { seldonConfig: reference, operatorNamespace: 'seldon-mesh' })).not.toThrow();
  });

  test('operatorNamespace must be a namespace name', () => {
    expect(() => new SeldonRuntime(new Chart(new App(), 'c'), 'runtime', { operatorNamespace: 'Seldon_Mesh' }))
      .toThrow(/SeldonRuntime 'c\/runtime': operatorNamespace "Seldon_Mesh" is not a namespace name; a DNS-1123 label/);
  });
});
