/**
 * Type-checks converted programs as a user's project would (strict), with the library's source as `cdk8s-seldon`:
 * what the corpus run (`convert:corpus --typecheck`) and the hostile-manifest run (`fuzz:convert --typecheck`) share.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/** The diagnostics, one line each (`program<i>.ts: <message>`); `noUnusedLocals` as a user's lint would ask. */
export function typeCheckPrograms(codes: readonly string[], options: { readonly noUnusedLocals?: boolean } = {}): string[] {
  if (codes.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-typecheck-'));
  const sources = codes.map((code, i) => {
    const file = path.join(dir, `program${i}.ts`);
    fs.writeFileSync(file, code);
    return file;
  });
  const root = path.join(__dirname, '..');
  const program = ts.createProgram(sources, {
    strict: true,
    noEmit: true,
    noUnusedLocals: options.noUnusedLocals ?? false,
    skipLibCheck: true,
    esModuleInterop: true,
    module: ts.ModuleKind.Preserve,
    target: ts.ScriptTarget.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    typeRoots: [path.join(root, 'node_modules', '@types')],
    types: ['node'],
    paths: Object.fromEntries([['cdk8s-seldon', 'src/index.ts'], ...['cdk8s', 'cdk8s-plus-27', 'constructs'].map(m => [m, `node_modules/${m}`])]
      .map(([m, p]) => [m, [path.join(root, p)]])),
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter(d => d.file === undefined || sources.includes(path.resolve(d.file.fileName)));
  fs.rmSync(dir, { recursive: true });
  return diagnostics.map(d => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}
