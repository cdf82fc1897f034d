/**
 * Which names hold credentials, so that their values stay in Secrets and out of messages: rclone options (an
 * `RcloneRemote`'s, for a runtime's inline remotes and an ExternalSecret's literal values, and those of a model URI's
 * connection string, `s3,secret_access_key=...:bucket/path`), environment variables (`AWS_SECRET_ACCESS_KEY`) and the
 * library's own prop fields (`secretAccessKey`, `credentials`). One rule for all three, read in snake case.
 *
 * rclone marks such options per backend (`IsPassword`, `Sensitive` in each backend's option list); the names below
 * are those of the backends Seldon users reach for, and the patterns catch the rest by how rclone names them
 * (`*_secret`, `*password*`, `*token*`, `*_key`, `*_key_id`, `*_pem`, `headers`, `connection_string`). An option
 * named like a URL (`token_url`, `auth_url`) is an address, not a credential. Kafka's `sasl.jaas.config` holds a
 * password inside a login module's settings.
 */
const NAMED = new Set([
  'access_key_id', 'secret_access_key', 'session_token', 'key', 'sas_url', 'service_account_credentials',
  'password', 'pass', 'token', 'client_secret', 'bearer_token', 'headers', 'connection_string', 'account_key',
  'sse_customer_key', 'sse_customer_key_base64', 'sse_kms_key_id', 'client_certificate_password', 'key_pem',
  'key_file_pass', 'access_grant', 'passphrase', 'cookies',
  // A signed URL's signature lets anyone read the object until it expires (S3's X-Amz-Signature and older Signature,
  // GCS's X-Goog-Signature, an Azure SAS's sig); other names with "signature" (SIGNATURE_ALGORITHM, TF_SIGNATURE_DEF) are settings.
  'x_amz_signature', 'x_goog_signature', 'signature', 'sig',
]);
// `sas` starts a word (Azure's shared access signature: `sas_url`, `SASKey`), not `sasl`; a tokenizer is no token.
const NAMED_LIKE = /secret|passw|passphrase|(^|_)pass($|_)|token(?!izer)|credential|(^|_)key$|_key_id$|_pem$|(^|_)sas(?!l)|access_grant|jaas/;
// What names a credential rather than holding it: an address (`token_url`), where one is (`key_file`,
// `KAFKA_CLIENT_SASL_PASSWORD_LOCATION`, `GOOGLE_APPLICATION_CREDENTIALS`, a path), the Secret that holds it
// (`CONTROL_PLANE_CLIENT_TLS_SECRET_NAME`, and Seldon's `SELDON_KAFKA_SASL_SECRET` and `SELDON_KAFKA_TLS_*_SECRET`,
// which its default SeldonConfig and ServerConfigs set), how it is used (`KAFKA_SASL_MECHANISM`), or a switch that
// asks for a password (sftp's `ask_password`).
// And a count of tokens (an LLM's `MAX_TOKENS`, `MAX_NEW_TOKENS`).
const NOT_A_CREDENTIAL = /_(url|name|location|path|file|dir|mechanism)$|^ask_password$|^google_application_credentials$|^seldon_kafka_.*_secret$|(^|_)(max|min|num)(_new)?_tokens$/;

/** Whether `name` (an rclone option, an environment variable or a prop field, in any case) holds a credential. */
export function isCredentialName(name: string): boolean {
  // camelCase, "-" (rclone reads access-key-id as access_key_id) and "." (Kafka's ssl.key.pem) are read as snake case.
  const option = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[-.]/g, '_');
  return NAMED.has(option) || (NAMED_LIKE.test(option) && !NOT_A_CREDENTIAL.test(option));
}

// `<option>=<value>` as rclone's connection strings write it: a value quoted ('...' or "...", the quote doubled
// inside, perhaps unterminated in a malformed string) or running to the next "," or ":" (or the end of a JSON string
// or line, in a message). The name starts a word: a long run of name characters is not retried from each of them.
// A quoted name (`"secret_access_key"=...`), which rclone does not parse, is read as the name, so its value is masked too.
const OPTION_VALUE = /(?<![A-Za-z0-9_-])(['"]?)([A-Za-z0-9_-]+)\1[ \t]*=[ \t]*('(?:[^']|'')*'?|"(?:[^"]|"")*"?|[^,:"\\\n]*)/g;

/**
 * `text` with the value of every `<option>=<value>` whose option holds a credential replaced by `***`: what a
 * message shows of a connection string (`s3,secret_access_key=...:bucket`), even one that does not parse. A quoted
 * value of another option is masked inside (a nested connection string: `remote='s3,secret_access_key=...:b'`).
 */
export function maskCredentialOptions(text: string): string {
  if (!text.includes('=')) return text;
  return text.replace(OPTION_VALUE, (whole, quote: string, name: string, value: string) => {
    if (value === '') return whole;
    if (isCredentialName(name)) return `${quote}${name}${quote}=***`;
    return /^['"]/.test(value) ? `${quote}${name}${quote}=${value[0]}${maskCredentialOptions(value.slice(1))}` : whole;
  });
}

/** Whether `value`, an option's value, carries a credential of its own: a nested connection string holding one. */
export function carriesCredentialOption(value: string): boolean {
  return maskCredentialOptions(value) !== value;
}
