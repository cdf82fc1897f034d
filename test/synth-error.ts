import { Chart, Testing } from 'cdk8s';

/** The message with which synthesizing `chart` fails, or '' when it succeeds. */
export function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
