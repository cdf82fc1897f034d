import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';

/**
 * An App for synthesis in memory (`Testing.synth`). `Testing.app()` makes a
 * directory under the system's temporary directory for every app and never
 * removes it; a fuzz run builds tens of thousands of apps, and none of them
 * writes a file, so none gets a directory.
 */
export function inMemoryApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), 'cdk8s-seldon-fuzz-not-written') });
}
