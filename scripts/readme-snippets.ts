/**
 * Type-checks every TypeScript block of README.md against the library's
 * current API, so that what a newcomer copies still compiles after a prop is
 * renamed or a type changes.
 *
 *   npx projen docs:snippets     exits 1 and names each failing block by its README line
 *
 * A block with `new App(`, a class or an export is a whole program: it is
 * checked as written. Any other block is a fragment: its imports stay at the
 * top, the rest goes inside a block statement, and a prelude imports every
 * public name of the library, cdk8s-plus-27 and cdk8s that the block does not
 * import itself, and declares the variables that fragments take from the
 * README's prose or an earlier fragment (`CONTEXT`). A fragment's own
 * declaration of such a variable shadows the prelude's. `cdk8s-seldon` resolves
 * to src/, as the tests import it. Nothing is run: the blocks show parts of
 * apps, not apps.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const README = path.join(ROOT, 'README.md');
/** Where the blocks are placed, virtually, so that module resolution finds the project's node_modules. */
const DIR = path.join(ROOT, 'test', 'readme-snippets');

/** Variables fragments use without declaring them, and what they are in the README's text. */
const CONTEXT: Record<string, string> = {
  chart: 'Chart',
  app: 'App',
  accessKeyId: 'string',
  secretAccessKey: 'string',
  seldonMeshChart: 'Chart',
  v1Chart: 'Chart',
  v2Chart: 'Chart',
  endpoint: 'string',
  mlserver134: 'SeldonServer',
  server: 'SeldonServer',
  model: 'SeldonModel',
  iris: 'SeldonModel',
  iris2: 'SeldonModel',
  tfsimple2: 'SeldonModel',
  first: 'PipelineStep',
  tfsimples: 'Pipeline',
};

interface Block {
  readonly code: string;
  /** The README line of the block's first line of code. */
  readonly line: number;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  // A block inside a list item is indented with it, its closing fence too.
  const fence = /^([ \t]*)```(?:ts|typescript)\n([\s\S]*?)^[ \t]*```/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const indent = m[1];
    const code = m[2].split('\n').map(l => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
    found.push({ code, line: markdown.slice(0, m.index).split('\n').length + 1 });
  }
  return found;
}

/** The names a module exports, read from its compiled JavaScript (the library's from lib/, built by compile). */
function exportedNames(module: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Object.keys(require(module)).filter(n => n !== 'default' && n !== '__esModule');
}

const IMPORT = /^import\s[\s\S]*?from\s+'[^']+';\n/gm;

/** The names an import section binds. */
function importedNames(imports: string): Set<string> {
  const names = new Set<string>();
  for (const m of imports.matchAll(/import\s+(?:\*\s+as\s+(\w+)|\{([^}]*)\}|(\w+))/g)) {
    if (m[1]) names.add(m[1]);
    if (m[3]) names.add(m[3]);
    for (const part of (m[2] ?? '').split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

function source(block: Block, exported: { library: string[]; plus: string[]; cdk8s: string[] }): string {
  const code = block.code.replace(/from 'cdk8s-seldon(\/lib)?/g, `from '${path.join(ROOT, 'src')}`);
  const program = /new App\(|^\s*(export\s|class\s)/m.test(code);
  const imports = (code.match(IMPORT) ?? []).join('');
  const taken = importedNames(imports);
  const from = (names: string[], module: string): string => {
    const wanted = names.filter(n => !taken.has(n));
    wanted.forEach(n => taken.add(n));
    return wanted.length > 0 ? `import { ${wanted.join(', ')} } from '${module}';\n` : '';
  };
  const prelude = from(exported.library, path.join(ROOT, 'src')) + from(exported.plus, 'cdk8s-plus-27') + from(exported.cdk8s, 'cdk8s')
    + from(['Construct'], 'constructs') + (taken.has('fs') ? '' : 'import * as fs from \'fs\';\n');
  if (program) return `${prelude}${code}`;
  const context = Object.entries(CONTEXT).filter(([name]) => !taken.has(name)).map(([name, type]) => `declare const ${name}: ${type};\n`).join('');
  return `${imports}${prelude}${context}export {};\n{\n${code.replace(IMPORT, '')}\n}\n`;
}

function main(): void {
  const markdown = fs.readFileSync(README, 'utf8');
  const exported = {
    library: exportedNames(path.join(ROOT, 'lib', 'index.js')),
    plus: exportedNames('cdk8s-plus-27'),
    cdk8s: exportedNames('cdk8s'),
  };
  const found = blocks(markdown);
  const files = new Map(found.map((b, i) => [path.join(DIR, `readme-${String(i).padStart(2, '0')}.ts`), { block: b, text: source(b, exported) }]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    ignoreDeprecations: '6.0',
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = f => files.get(f)?.text ?? readFile(f);
  host.fileExists = f => files.has(f) || fileExists(f);
  const program = ts.createProgram([...files.keys()], options, host);
  const failures: string[] = [];
  for (const [file, { block }] of files) {
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    for (const d of diagnostics) {
      failures.push(`README.md block at line ${block.line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
  }
  for (const d of program.getGlobalDiagnostics()) failures.push(`compiler: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  if (failures.length > 0) {
    process.stderr.write(`${failures.join('\n')}\ndocs:snippets: ${failures.length} type errors in the README's TypeScript blocks\n`);
    process.exit(1);
  }
  process.stdout.write(`docs:snippets: ${found.length} TypeScript blocks of README.md type-check against the current API\n`);
}

main();
