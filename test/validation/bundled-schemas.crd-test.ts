// The shipped schemas (schemas/seldon-crds.json) against Seldon's CRD files:
// run by `npx projen test:crds` (SELDON_CRDS_DIR, default ../shared/seldon/crds).
import * as path from 'path';
import { bundledRegistry, CrdSchemaRegistry } from '../../src/validation';

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const FILES = ['v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  ...['models', 'servers', 'serverconfigs', 'pipelines', 'experiments', 'seldonruntimes', 'seldonconfigs'].map(k => `v2-mlops.seldon.io_${k}.yaml`)];
// The External Secrets Operator's ExternalSecret CRD ships too (RcloneExternalSecret).
const ESO_CRDS_DIR = path.resolve(process.env.ESO_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'external-secrets', 'crds'));
const ESO_FILES = ['external-secrets.io_externalsecrets.yaml'];

/** The schema without `description`s (kept where `description` is a field name). */
function withoutDescriptions(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map(n => withoutDescriptions(n));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([k]) => inProperties || k !== 'description')
    .map(([k, v]) => [k, withoutDescriptions(v, k === 'properties' && !inProperties)]));
}

test('the shipped schemas are the CRD files\' schemas without descriptions, for every kind and served version', () => {
  const files = CrdSchemaRegistry.fromPaths([...FILES.map(f => path.join(CRDS_DIR, f)), ...ESO_FILES.map(f => path.join(ESO_CRDS_DIR, f))]);
  const shipped = bundledRegistry();
  expect(shipped.entries.map(e => `${e.apiVersion} ${e.kind}`).sort()).toEqual(files.entries.map(e => `${e.apiVersion} ${e.kind}`).sort());
  for (const entry of files.entries) {
    const own = shipped.lookup(entry.apiVersion, entry.kind)!;
    expect(own.crdName).toBe(entry.crdName);
    expect(own.preserveUnknownFields).toBe(entry.preserveUnknownFields);
    expect(own.schema).toEqual(withoutDescriptions(entry.schema));
  }
});
