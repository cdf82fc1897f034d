/**
 * The cold-require measurement of `scripts/bench.ts`, in a fresh process:
 * how long `require` takes for cdk8s and cdk8s-plus-27 alone, and then what
 * requiring the compiled library adds on top (its own modules only, since
 * the frameworks are loaded by then). This file imports nothing, so that
 * nothing is loaded before the clock starts.
 *
 *   node bench-require.js <repo>/lib/index.js   prints {"frameworkMs","libraryMs","libraryModules"}
 */
function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function main(): void {
  const libraryPath = process.argv[2];
  // require() on purpose: an import would load the modules before the clock starts
  /* eslint-disable @typescript-eslint/no-require-imports */
  const t0 = now();
  require('cdk8s');
  require('cdk8s-plus-27');
  const t1 = now();
  const before = new Set(Object.keys(require.cache));
  require(libraryPath);
  /* eslint-enable @typescript-eslint/no-require-imports */
  const t2 = now();
  const libraryModules = Object.keys(require.cache).filter(k => !before.has(k)).length;
  process.stdout.write(`${JSON.stringify({ frameworkMs: t1 - t0, libraryMs: t2 - t1, libraryModules })}\n`);
}

main();
