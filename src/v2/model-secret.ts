import { ISecret } from 'cdk8s-plus-27';
import { BUILT_IN_REMOTES } from './capabilities';
import { formatProblem, show } from '../errors';
import { crossNamespaceProblem } from '../k8s/namespaces';
import { ModelUri, ModelUriKind } from '../model-uri';
import { IRcloneSecret, RcloneSecret, RcloneSecretFormat } from '../rclone/rclone-secret';

const KIND = 'SeldonModel';

/**
 * What the v2 agent does with a Model's `secret` (scheduler/pkg/agent/rclone/rclone.go createUriWithConfig): it reads
 * the Secret in the model's namespace, takes the text of the URI before the first ":" as the remote's name, and
 * requires the one document of the Secret to be that remote. Checked once the app is complete.
 */
export function modelSecretProblems(path: string, uri: ModelUri, secret: ISecret | undefined, namespace: string | undefined): string[] {
  const elsewhere = crossNamespaceProblem('Secret', secret, namespace);
  if (elsewhere) return [formatProblem(KIND, path, 'secret', ...elsewhere)];
  if (secret && uri.kind === ModelUriKind.RCLONE_REMOTE && !uri.problem && uri._connectionString) {
    return [formatProblem(KIND, path, 'storageUri', `${show(uri.uri)} has a connection string, but the model has a secret: the agent then takes `
      + 'the text before the first ":" as the remote\'s name and fails ("Can\'t get remote from URI with configuration included inline" for one '
      + 'starting with ":", "name from URI (...) does not match secret (...)" for options)',
    'with a secret, a URI that names the secret\'s remote alone, e.g. "s3://bucket/path" (its options go in the RcloneRemote); or the connection string without a secret')];
  }
  if (!secret || !RcloneSecret.isRcloneSecret(secret) || uri.kind !== ModelUriKind.RCLONE_REMOTE || uri.problem) return [];
  const rclone = secret as IRcloneSecret;
  const problem = (text: string, accepted: string) => formatProblem(KIND, path, 'secret', text, accepted);
  if (rclone.format !== RcloneSecretFormat.V2_DOCUMENT) {
    // A reference (fromExistingSecret) takes v1's format unless told: the fix is its option, not another construct.
    const reference = !(rclone instanceof RcloneSecret);
    return [problem(`is RcloneSecret '${rclone.node.path}' in format ${rclone.format}, which the v2 agent cannot read (it wants exactly one key holding {type, name, parameters})`,
      reference ? 'for a Secret in the v2 format, RcloneSecret.fromExistingSecret(scope, id, name, { format: RcloneSecretFormat.V2_DOCUMENT, ... }) '
        + '(its format is env-vars unless given)' : 'an RcloneSecret with format: RcloneSecretFormat.V2_DOCUMENT')];
  }
  const remote = rclone.remoteNames?.[0];
  if (remote !== undefined && remote !== uri.remoteName) {
    const builtIn = BUILT_IN_REMOTES.includes(uri.remoteName!) ? ` (${show(uri.remoteName)} is also built into the runtime and needs no secret)` : '';
    return [problem(`is RcloneSecret '${rclone.node.path}' for remote ${show(remote)}, but storageUri ${show(uri.uri)} names remote ${show(uri.remoteName)}; `
      + `the agent fails with "name from URI (...) does not match secret (...)"${builtIn}`,
    `an RcloneRemote named exactly ${show(uri.remoteName)} (case-sensitive), or a URI starting with "${remote}:"`)];
  }
  return [];
}
