/** What a Secret of the manifests holds, for labels and the v2 agent's one-key rule. */
import { parse as parseYaml } from 'yaml';
import { list, obj, str } from './json';
import { isObject, Json } from './manifests';

/** What a Secret holds, for its label: rclone env variables (v1) or one v2 remote document. */
export function describeSecret(secret: Json): string[] {
  const entries = secretEntries(secret);
  if (entries.length === 0) return [];
  const env = entries.filter(([k]) => /^RCLONE_CONFIG_.+_TYPE$/.test(k)).map(([k]) => k.slice('RCLONE_CONFIG_'.length, -'_TYPE'.length).toLowerCase());
  if (env.length > 0) return [`rclone env: ${list(env)}`];
  if (entries.length === 1) {
    const remote = v2RemoteName(entries[0][1]);
    if (remote !== undefined) return [`rclone v2: ${remote}`];
  }
  return [`${entries.length} key(s)`];
}

export function secretEntries(secret: Json): Array<[string, string]> {
  const entries = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(secret.data))) if (typeof v === 'string') entries.set(k, Buffer.from(v, 'base64').toString('utf8'));
  for (const [k, v] of Object.entries(obj(secret.stringData))) if (typeof v === 'string') entries.set(k, v);
  return [...entries];
}

export function v2RemoteName(document: string): string | undefined {
  try {
    // Not as a process warning: a key that is a map (an unrendered template) is stringified.
    const parsed: unknown = parseYaml(document, { logLevel: 'error' });
    return isObject(parsed) && typeof parsed.type === 'string' ? str(parsed.name) : undefined;
  } catch {
    return undefined;
  }
}

/** The v2 agent reads a storage Secret with exactly one key (§2.9). */
export function v2SecretProblem(secret: Json): string | undefined {
  const keys = secretEntries(secret).length;
  return keys === 1 ? undefined : `the Secret has ${keys} keys; the v2 agent reads exactly one ({type, name, parameters})`;
}
