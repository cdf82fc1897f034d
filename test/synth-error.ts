import { App, Chart, Testing } from 'cdk8s';

/** The message with which synthesizing `scope` (a chart, or a whole app's YAML) fails, or '' when it succeeds. */
export function synthError(scope: Chart | App): string {
  try {
    if (scope instanceof App) scope.synthYaml();
    else Testing.synth(scope);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
