/** The README's before/after example is what `convert` writes, and it round-trips. */
import * as fs from 'fs';
import * as path from 'path';
import { roundTripText } from './helpers';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Moving existing manifests to cdk8s-seldon'));
const before = /Before, `iris\.yaml`:\n\n```yaml\n([\s\S]*?)```/.exec(section)![1];
const after = /`src\/iris\.ts`:\n\n```ts\n([\s\S]*?)```/.exec(section)![1];

test('README: converting the "before" manifest gives the "after" program, which synthesizes the manifest', () => {
  const result = roundTripText(before, 'iris.yaml');
  expect(result.conversion.code).toBe(after);
  expect(result.equal).toBe(true);
  expect(result.conversion.objects.map(o => o.status)).toEqual(['converted', 'patched']);
});
