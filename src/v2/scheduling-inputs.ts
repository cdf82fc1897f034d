/**
 * A counter of changes to what the scheduling check reads of Servers and
 * Models after they are built: every method that changes a capability, a
 * requirement, a mount or who scales an object calls `schedulingInputsChanged()`.
 * The check (scheduling.ts) settles an app's placement once and trusts it
 * while the counter and the list of attached Servers and Models stay the same.
 */
let version = 0;

/** Records that a Server's, ServerConfig's or Model's scheduling facts may have changed. */
export function schedulingInputsChanged(): void {
  version++;
}

/** The number of changes so far; equal numbers mean no change in between. */
export function schedulingInputsVersion(): number {
  return version;
}
