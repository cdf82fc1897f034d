import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { versionLines } from '../../src/cli/version';
import { readBundledSchemas } from '../../src/validation';
import { runCli } from '../cli-run';

describe('cdk8s-seldon --version', () => {
  test('prints the package version and the releases of the shipped CRD schemas', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const run = runCli('--version');
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out[0]).toBe(`cdk8s-seldon ${version}`);
    expect(run.out[1]).toBe('CRD schemas shipped: machinelearning.seldon.io from Seldon Core 1.18.2; mlops.seldon.io from Seldon Core 2.10.2; '
      + 'external-secrets.io from the External Secrets Operator\'s CRD (API v1)');
    expect(runCli('version').out).toEqual(run.out);
  });

  test('names every group the shipped schemas hold, from the file itself', () => {
    const groups = new Set(readBundledSchemas().sources.map(s => s.crd.slice(s.crd.indexOf('.') + 1)));
    const line = versionLines()[1];
    // Seldon's two API groups and the External Secrets Operator's.
    expect(groups.size).toBe(3);
    for (const group of groups) expect(line).toContain(`${group} from `);
  });

  test('reads whatever package.json and schema file it is given (a release, a schema file with two Seldon releases for one group)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-version-'));
    const pkg = path.join(dir, 'package.json');
    fs.writeFileSync(pkg, JSON.stringify({ name: 'cdk8s-seldon', version: '1.4.0' }));
    const schemas = path.join(dir, 'schemas.json');
    fs.writeFileSync(schemas, JSON.stringify({
      format: 'cdk8s-seldon/crd-schemas@1',
      generator: 'test',
      crds: [],
      nodes: [],
      sources: [
        { crd: 'models.mlops.seldon.io', seldonCore: '2.10.2', path: 'a', sha256: 'x' },
        { crd: 'servers.mlops.seldon.io', seldonCore: '2.11.0', path: 'b', sha256: 'y' },
      ],
    }));
    expect(versionLines(pkg, schemas)).toEqual(['cdk8s-seldon 1.4.0', 'CRD schemas shipped: mlops.seldon.io from Seldon Core 2.10.2 and Seldon Core 2.11.0']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('takes no arguments; --help lists it', () => {
    const run = runCli('--version', 'extra');
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe('cdk8s-seldon: --version takes no arguments, got extra');
    expect(runCli('version', 'extra').err[0]).toBe('cdk8s-seldon: version takes no arguments, got extra');
    expect(runCli('--help').out.join('\n')).toContain('Usage: cdk8s-seldon --version');
  });
});
