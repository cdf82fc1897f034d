import * as fs from 'fs';
import * as path from 'path';
import { BUNDLED_SCHEMAS_FILE, readBundledSchemas } from '../validation';

/** The package's own package.json, two levels above this file in `lib/cli/` (and in `src/cli/` under ts-node). */
const PACKAGE_JSON = path.join(__dirname, '..', '..', 'package.json');

export const VERSION_USAGE = `Usage: cdk8s-seldon --version

Prints the version of cdk8s-seldon and the Seldon Core releases whose CRD schemas
it ships, which \`validate\` and the SeldonCrdValidation plugin use without --crds.
A clone that was not released reports version 0.0.0.`;

/**
 * The lines of `--version`: the package version, then, per API group of the shipped schemas, the release they
 * were generated from (schemas/seldon-crds.json records it per CRD). A user reporting a problem gives both, since
 * what `validate` accepts follows the schemas, not the package.
 */
export function versionLines(packageJson: string = PACKAGE_JSON, schemasFile: string = BUNDLED_SCHEMAS_FILE): string[] {
  const { name, version } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { name?: string; version?: string };
  const releases = new Map<string, Set<string>>();
  for (const source of readBundledSchemas(schemasFile).sources) {
    const group = source.crd.slice(source.crd.indexOf('.') + 1);
    // The generator records Seldon's release, and for the External Secrets Operator's CRD the API version it serves.
    const release = source.seldonCore !== undefined ? `Seldon Core ${source.seldonCore}`
      : source.externalSecrets !== undefined ? `the External Secrets Operator's CRD (API ${source.externalSecrets})` : 'an unrecorded release';
    releases.set(group, (releases.get(group) ?? new Set<string>()).add(release));
  }
  const groups = [...releases].map(([group, from]) => `${group} from ${[...from].join(' and ')}`);
  return [`${name ?? 'cdk8s-seldon'} ${version ?? 'unknown'}`, `CRD schemas shipped: ${groups.join('; ')}`];
}
