import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Removed after the test file, whether its tests passed or not: a failed run must not leave directories behind.
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system's temporary directory, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new temporary directory (see tempDir) and a function writing a file under it, making its directories. */
export function tempTree(prefix: string): { root: string; write: (file: string, text: string) => void } {
  const root = tempDir(prefix);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  return { root, write };
}
