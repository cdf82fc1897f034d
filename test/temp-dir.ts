import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Removed after the test file, whether its tests passed or not: a failed run must not leave directories behind.
// The project's Jest runtime gives each file a temporary directory of its own and removes it after the file, in the
// background (test/runtime/file-tmpdir.js); what is made inside it is left to that, as removing each directory here
// would wait on the disk while the file's worker could be running the next file.
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) {
    if (!path.basename(path.dirname(dir)).startsWith('jest-file-')) fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A new empty directory under the system's temporary directory, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
