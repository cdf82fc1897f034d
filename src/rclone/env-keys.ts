import { RcloneRemote } from './rclone-remote';

/**
 * Seldon Core v1 passes remotes to rclone as `RCLONE_CONFIG_<REMOTE>_<OPTION>`
 * variables, upper-cased and joined by "_" (rclone fs.ConfigToEnv).
 * Remote `a_b` with option `c` and remote `a` with option `b_c` therefore
 * both set `RCLONE_CONFIG_A_B_C`: one Secret can hold only one value for it,
 * and both remotes would read it.
 */

/** The variables a remote sets in a v1 Secret: its own options, `TYPE`, and `options` mapped from a store. */
export function envKeys(remote: RcloneRemote, options: readonly string[] = []): string[] {
  const prefix = `RCLONE_CONFIG_${remote.name.toUpperCase()}_`;
  return [...Object.keys(remote.toEnvVars()), ...options.map(o => `${prefix}${o.toUpperCase()}`)];
}

/** The first variable `keys` shares with a remote of `others`, and that remote. */
export function envKeyClash(keys: readonly string[], others: ReadonlyArray<{ readonly remote: RcloneRemote; readonly keys: readonly string[] }>):
{ readonly key: string; readonly other: RcloneRemote } | undefined {
  for (const o of others) {
    const key = keys.find(k => o.keys.includes(k));
    if (key !== undefined) return { key, other: o.remote };
  }
  return undefined;
}

export const ENV_KEY_CLASH_ACCEPTED = 'remotes whose RCLONE_CONFIG_<REMOTE>_<OPTION> variables differ: rename one remote (names without "_" on both sides cannot clash)';

/** The sentence for a clash. */
export function envKeyClashProblem(clash: { readonly key: string; readonly other: RcloneRemote }): string {
  return `sets ${clash.key}, which remote ${JSON.stringify(clash.other.name)} sets too; the Secret holds one value for both and rclone reads it for each`;
}
