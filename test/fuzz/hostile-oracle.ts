import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { HOSTILE_SECRET, HostileCase, typedCase } from './hostile';
import { inMemoryApp } from './in-memory-app';
import { isLibraryError, ruleViolations } from './properties';
import { clusterRefusals } from './range-oracle';
import { rangeCase } from './ranges';

/** An ill-typed value (two in three) or a right-typed value at or past a bound the cluster enforces. */
export const hostileCase = (): fc.Arbitrary<HostileCase> =>
  fc.oneof({ weight: 2, arbitrary: typedCase() }, { weight: 1, arbitrary: rangeCase() });

/** What one hostile case came to. */
export type Verdict = { kind: 'error' } | { kind: 'objects' } | { kind: 'failure'; reason: string };

function crashName(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 300)}`;
  return `a thrown ${typeof e}`;
}

/**
 * Builds and synthesizes a case. A library error must name the construct
 * path (for a construct) and the field, and never the planted credential;
 * output must pass the library's rules, what the API server and Seldon's
 * operators enforce beyond the CRDs (`clusterRefusals`), and `crdErrors`
 * (the strict CRD check, when the CRDs are at hand).
 */
export function judge(c: HostileCase, crdErrors: (objects: any[]) => string[] = () => []): Verdict {
  const app = inMemoryApp();
  const chart = new Chart(app, 'fuzz');
  let objects: any[];
  try {
    c.build(chart);
    objects = Testing.synth(chart);
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (message.includes(HOSTILE_SECRET)) return { kind: 'failure', reason: 'the error message holds the planted credential' };
    // A factory has no construct path: `ModelUri.pvc() claim is missing; accepted: ...`.
    const factoryError = !c.subject && e instanceof Error && e.constructor === Error && /^[A-Z]\w*\.\w+\(\) \S.*; \S/s.test(message);
    if (!isLibraryError(e) && !factoryError) return { kind: 'failure', reason: `crash: ${crashName(e)}` };
    if (c.subject && !message.includes(`fuzz/${c.subject}`) && !message.includes('fuzz/')) {
      return { kind: 'failure', reason: `the error names no construct path: ${message.slice(0, 200)}` };
    }
    if (c.subject && c.field !== 'props' && !message.includes(c.field)) return { kind: 'failure', reason: `the error does not name ${c.field}: ${message.slice(0, 200)}` };
    return { kind: 'error' };
  }
  let violations: string[];
  try {
    violations = [...ruleViolations(objects, [HOSTILE_SECRET]), ...clusterRefusals(objects), ...crdErrors(objects)];
  } catch (e) {
    return { kind: 'failure', reason: `output that cannot be written as YAML: ${crashName(e)}` };
  }
  if (violations.length) return { kind: 'failure', reason: `invalid output: ${violations.join('; ').slice(0, 300)}` };
  return { kind: 'objects' };
}
