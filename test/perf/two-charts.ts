import { App, Chart, Testing } from 'cdk8s';

/**
 * An app of two charts in namespace "models": cdk8s validates such an app in
 * three passes per synth (charts + 1), which the perf tests count work against.
 */
export function twoCharts(firstId = 'first', secondId = 'second'): { app: App; first: Chart; second: Chart } {
  const app = Testing.app();
  return { app, first: new Chart(app, firstId, { namespace: 'models' }), second: new Chart(app, secondId, { namespace: 'models' }) };
}
