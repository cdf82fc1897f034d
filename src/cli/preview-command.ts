/**
 * `cdk8s-seldon preview`: prints what Seldon's operators will create from
 * the Seldon resources of manifest files.
 */
import { previewFiles, previewYaml, restrictedPreviewViolations } from '../preview';

export const PREVIEW_USAGE = `Usage: cdk8s-seldon preview <manifest file or dir>... [--restricted]

Prints, as YAML, the objects Seldon's operators will create from the Seldon
resources in manifests (made by cdk8s-seldon or not): for each v1
SeldonDeployment the Deployments (pods), Services, HorizontalPodAutoscalers,
KEDA ScaledObjects and PodDisruptionBudgets of the Seldon Core 1.18.2 operator
installed with its Helm defaults; for each v2 Server the StatefulSet and
Services of the Seldon Core 2.10.2 operator, from its ServerConfig (read from
the manifests, else the installation's mlserver or triton). Pipe the output to
a pod linter (kube-linter lint -, kubectl apply --dry-run=server -f -).

Options:
  --restricted   also check every previewed pod against the restricted Pod
                 Security Standard; violations go to stderr
  --help, -h     show this help

Exit codes: 0 previewed, 1 previewed but the operator would report errors,
some documents could not be read, or (--restricted) a pod violates the
standard (all listed on stderr), 2 usage error.`;

/** Where the command writes; the same shape as the CLI's output. */
interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the preview of `paths` (already checked to exist); returns the exit code. */
export function runPreview(paths: readonly string[], restricted: boolean, output: Output): number {
  const preview = previewFiles(paths);
  if (preview.files === 0) {
    output.err(`cdk8s-seldon: no .yaml, .yml or .json files found in ${paths.join(', ')} (hidden directories and node_modules are not searched)`);
    return 2;
  }
  if (preview.objects.length > 0) output.out(previewYaml(preview.objects).replace(/\n$/, ''));
  const failures = [
    ...preview.unreadable.map(p => `warning: ${p}`),
    ...preview.problems.map(p => (p.includes(': not previewed: the API server would refuse it') ? `error: ${p}` : `error: the operator would report: ${p}`)),
    ...(restricted ? restrictedPreviewViolations(preview.objects).map(v => `restricted: ${v}`) : []),
  ];
  for (const line of failures) output.err(line);
  return failures.length > 0 ? 1 : 0;
}
