/** CRD patterns read as the API server reads them (Go RE2), src/validation/re2-pattern.ts. */
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';
import { re2RegExp, re2Source } from '../../src/validation/re2-pattern';

describe('RE2 patterns', () => {
  test('leading inline flags, POSIX classes, \\A and \\z become JavaScript', () => {
    expect(re2Source('(?i)^(s3|gs)://')).toEqual({ source: '^(s3|gs)://', flags: 'i' });
    expect(re2RegExp('(?i)^(s3|gs)://', 'u').test('GS://bucket')).toBe(true);
    expect(re2RegExp('^[[:alpha:]][[:alnum:]_-]*$', 'u').test('model_1')).toBe(true);
    expect(re2RegExp('^[[:alpha:]][[:alnum:]_-]*$', 'u').test('1model')).toBe(false);
    expect(re2RegExp('\\Aabc\\z', 'u').test('abc')).toBe(true);
    expect(re2RegExp('\\Aabc\\z', 'u').test('abcd')).toBe(false);
    // Read token by token: an escaped backslash is no escape, a POSIX class counts only in brackets, `]` first in
    // brackets is a literal (JavaScript's `[]` is an empty class), so is a lone `]`, and `\A` under (?m) is still the text's start.
    expect(re2Source('\\\\A')).toEqual({ source: '\\\\A', flags: '' });
    expect(re2Source('[:alpha:]')).toEqual({ source: '[:alpha:]', flags: '' });
    expect(re2Source('\\[:digit:]')).toEqual({ source: '\\[:digit:\\]', flags: '' });
    expect(re2Source('[]a]').source).toBe('[\\]a]');
    expect(re2RegExp('^[^]a]$', 'u').test(']')).toBe(false);
    expect(re2RegExp('(?m)\\Aabc', 'u').test('x\nabc')).toBe(false);
    expect(re2RegExp('(?m)^abc', 'u').test('x\nabc')).toBe(true);
    expect(re2RegExp('a]b', 'u').test('a]b')).toBe(true);
    // Patterns JavaScript already reads are unchanged.
    expect(re2Source('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')).toEqual({ source: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', flags: '' });
  });

  test('a CRD whose pattern uses them validates objects (the API server accepts both the CRD and them)', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'models.demo.example.com' },
      spec: {
        group: 'demo.example.com',
        names: { kind: 'Model', plural: 'models' },
        scope: 'Namespaced',
        versions: [{
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { uri: { type: 'string', pattern: '(?i)^(s3|gs)://' } } } } } },
        }],
      },
    };
    const registry = new CrdSchemaRegistry();
    registry.addYaml(JSON.stringify(crd), 'crd.yaml');
    const validator = new CrdValidator(registry);
    const model = (uri: string) => ({ apiVersion: 'demo.example.com/v1', kind: 'Model', metadata: { name: 'm' }, spec: { uri } });
    expect(validator.validateObjects([model('GS://bucket/m')]).errors).toEqual([]);
    expect(validator.validateObjects([model('http://x')]).errors.map(e => e.reason)).toEqual([expect.stringMatching(/^must match \(\?i\)\^\(s3\|gs\):\/\//)]);
  });
});
