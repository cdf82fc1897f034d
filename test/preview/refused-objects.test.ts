/**
 * Objects the API server refuses never reach an operator: the preview reports each (naming the object and the first
 * schema error) and previews the others, instead of failing on a shape the operator's model never sees.
 */
import { previewObjects } from '../../src/preview';

const deployment = (name: string, graph: object, extra: object = {}) => ({
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name, namespace: 'seldon' },
  spec: { predictors: [{ name: 'default', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/p', ...graph }, ...extra }] },
});

describe('objects the API server would refuse', () => {
  test('are reported by name with their first schema error, and the valid ones are still previewed', () => {
    const good = deployment('good', {});
    const preview = previewObjects([
      deployment('params-map', { parameters: { method: 'predict' } }),
      { ...deployment('predictors-map', {}), spec: { predictors: { default: {} } } },
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'extra' }, spec: { serverConfig: 'mlserver', extraCapabilities: 'my-cap' } },
      deployment('ports-map', {}, { componentSpecs: [{ spec: { containers: [{ name: 'classifier', ports: { http: 9000 } }] } }] }),
      { ...good, apiVersion: 'machinelearning.seldon.io/v2' },
      good,
    ]);
    expect(preview.problems).toEqual([
      'SeldonDeployment seldon/params-map: not previewed: the API server would refuse it (/spec/predictors/0/graph/parameters: must be an array, got an object)',
      'SeldonDeployment seldon/predictors-map: not previewed: the API server would refuse it (/spec/predictors: must be an array, got an object)',
      'Server extra: not previewed: the API server would refuse it (/spec/extraCapabilities: must be an array, got "my-cap")',
      'SeldonDeployment seldon/ports-map: not previewed: the API server would refuse it (/spec/predictors/0/componentSpecs/0/spec/containers/0/ports: must be an array, got an object)',
      expect.stringMatching(/^SeldonDeployment seldon\/good: not previewed: the API server would refuse it \(\/: unknown kind\/version: no CRD loaded for machinelearning.seldon.io\/v2 SeldonDeployment/),
    ]);
    expect(preview.objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.name)).toEqual(['good-default-0-classifier']);
  });
});

describe('names the API server refuses', () => {
  test('a name that is no DNS-1123 subdomain or a namespace that is no DNS-1123 label is reported, credential masked, and not previewed', () => {
    const preview = previewObjects([
      deployment('https://user:hunter2@host/x', {}),
      { ...deployment('under_score', {}), metadata: { name: 'under_score' } },
      { ...deployment('ns', {}), metadata: { name: 'ns', namespace: 'a.b' } },
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'Upper' }, spec: { serverConfig: 'mlserver' } },
      deployment('fine', {}),
    ]);
    expect(preview.problems).toEqual([
      expect.stringMatching(/^SeldonDeployment seldon\/https:\/\/\S*@host\/x: not previewed: the API server would refuse it \(\/metadata\/name: "https:\/\/\S*@host\/x" is not a valid object name; a DNS-1123 subdomain is accepted: /),
      expect.stringMatching(/^SeldonDeployment under_score: not previewed: the API server would refuse it \(\/metadata\/name: "under_score" is not a valid object name; a DNS-1123 subdomain is accepted/),
      expect.stringMatching(/^SeldonDeployment a\.b\/ns: not previewed: the API server would refuse it \(\/metadata\/namespace: "a\.b" is not a valid namespace; a DNS-1123 label is accepted/),
      expect.stringMatching(/^Server Upper: not previewed: the API server would refuse it \(\/metadata\/name: "Upper" is not a valid object name/),
    ]);
    expect(preview.problems.join('\n')).not.toContain('hunter2');
    expect(preview.objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.name)).toEqual(['fine-default-0-classifier']);
  });

  test('a name the API server admits for a SeldonDeployment but not for the Services the operator derives from it is reported on each Service', () => {
    const preview = previewObjects([deployment('with.dot', {}), deployment('plain', {})]);
    expect(preview.problems).toEqual([
      'Service seldon/with.dot-default-classifier made for SeldonDeployment seldon/with.dot: the API server would refuse it (/metadata/name: '
        + '"with.dot-default-classifier" is not valid; a DNS-1035 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting with a letter and ending with a letter or digit)',
      expect.stringMatching(/^Service seldon\/with\.dot-default made for SeldonDeployment seldon\/with\.dot: the API server would refuse it \(\/metadata\/name: "with\.dot-default" is not valid; a DNS-1035 label/),
    ]);
    // The Deployment's name may hold a dot (a DNS-1123 subdomain): no problem is told for it.
    expect(preview.objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.name)).toEqual(['with.dot-default-0-classifier', 'plain-default-0-classifier']);
  });
});

test('an object named by generateName is not previewed: the objects its operator makes are named after the name the API server generates', () => {
  const named = deployment('named', {});
  const preview = previewObjects([
    { ...named, metadata: { generateName: 'gen-', namespace: 'seldon' } },
    { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: '', generateName: 's-' }, spec: { serverConfig: 'mlserver' } },
    named,
  ]);
  const notPreviewed = 'not previewed: the API server generates its name from metadata.generateName, and the operator names what it makes after that name; give it a metadata.name to preview it';
  expect(preview.problems).toEqual([`SeldonDeployment seldon/(unnamed): ${notPreviewed}`, `Server (unnamed): ${notPreviewed}`]);
  expect(preview.objects.map(o => o.metadata.name)).toEqual(['named-default-0-classifier', 'named-default-classifier', 'named-default']);
});
