/**
 * Which rclone options hold credentials, so that their values stay in Secrets: the options of an `RcloneRemote`
 * (a runtime's inline remotes, an ExternalSecret's literal values) and those of a model URI's connection string
 * (`s3,secret_access_key=...:bucket/path`), which would otherwise be written into a SeldonDeployment or Model.
 *
 * rclone marks such options per backend (`IsPassword`, `Sensitive` in each backend's option list); the names below
 * are those of the backends Seldon users reach for, and the patterns catch the rest by how rclone names them
 * (`*_secret`, `*password*`, `*token*`, `*_key`, `*_key_id`, `*_pem`, `headers`, `connection_string`). An option
 * named like a URL (`token_url`, `auth_url`) is an address, not a credential.
 */
const NAMED = new Set([
  'access_key_id', 'secret_access_key', 'session_token', 'key', 'sas_url', 'service_account_credentials',
  'password', 'pass', 'token', 'client_secret', 'bearer_token', 'headers', 'connection_string', 'account_key',
  'sse_customer_key', 'sse_customer_key_base64', 'sse_kms_key_id', 'client_certificate_password', 'key_pem',
]);
const NAMED_LIKE = /secret|passw|token|credential|(^|_)key$|_key_id$|_pem$|sas/;
const ADDRESS = /_url$/;

/** Whether rclone option `name` (any case) holds a credential. */
export function isCredentialOption(name: string): boolean {
  const option = name.toLowerCase();
  return NAMED.has(option) || (NAMED_LIKE.test(option) && !ADDRESS.test(option));
}
