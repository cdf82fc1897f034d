/**
 * The value the v2 operator gives the agent's `SELDON_SERVER_CAPABILITIES`
 * from a Server's `capabilities` and `extraCapabilities` (SELDON-FACTS §2.4
 * step 3; operator/controllers/reconcilers/server/server_reconciler.go@v2.10.2
 * `updateCapabilities`), used by the preview and by the capability checks.
 */

/** The rewritten value, or undefined when the operator leaves the variable alone. */
export function rewrittenCapabilities(value: string | undefined, capabilities: readonly string[] | undefined,
  extraCapabilities: readonly string[] | undefined): string | undefined {
  if (capabilities?.length) return capabilities.join(',');
  if (extraCapabilities?.length) return `${value ?? ''},${extraCapabilities.join(',')}`;
  return undefined;
}
