import { main } from '../src/cli/main';

/** One in-process run of the `cdk8s-seldon` command: exit code and the lines it printed. */
export interface CliRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs `cdk8s-seldon <args>` in this process, capturing its output. */
export function runCli(...args: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(['node', 'cdk8s-seldon', ...args], { out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}
