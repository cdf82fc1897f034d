import { resolve } from './helpers';
import { runProgram } from '../../src/convert/round-trip';

/** A converted program's shape: CommonJS that builds an app and calls synth(). */
const program = (body: string) => `
const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
${body}
app.synth();
`;

describe('runProgram', () => {
  test('returns each chart\'s objects once, in the order cdk8s writes them, with the environment the program reads', () => {
    const objects = runProgram(program(`
      const second = new Chart(app, 'second');
      const first = new Chart(app, 'first');
      second.addDependency(first);
      new ApiObject(second, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: { v: process.env.VALUE } });
      new ApiObject(first, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    `), { VALUE: 'from-env' }, resolve);
    expect(objects.map(o => (o as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'b']);
    expect((objects[1] as { data: { v: string } }).data.v).toBe('from-env');
  });

  test('runs the app-wide checks: a program whose app fails validation throws', () => {
    expect(() => runProgram(program(`
      const chart = new Chart(app, 'c');
      chart.node.addValidation({ validate: () => ['always wrong'] });
    `), {}, resolve)).toThrow(/Validation failed with the following errors:\n {2}\[c\] always wrong/);
  });

});
