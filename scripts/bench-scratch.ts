import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * A temporary directory holding the benchmark scripts named (`bench-workload`,
 * ...) transpiled to plain CommonJS, and the `files` given as they are.
 * Running them under ts-node would load TypeScript into every measured process
 * (tens of MB of RSS and a slower start); they resolve cdk8s through NODE_PATH,
 * pointing at this repository's node_modules. The caller removes the directory.
 */
export function transpiledScripts(prefix: string, names: readonly string[], files: Readonly<Record<string, string>> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-seldon-${prefix}-`));
  for (const name of names) {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
    fs.writeFileSync(path.join(dir, `${name}.js`), ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: `${name}.ts`,
    }).outputText);
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
