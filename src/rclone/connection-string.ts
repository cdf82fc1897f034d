/**
 * The options of an rclone connection string, the remote part of a URI such as
 * `:s3,env_auth=true,region='eu-west-1':bucket/path` or `s3,env_auth:bucket`
 * (rclone's fspath: options follow the backend after ",", a value may be quoted
 * with ' or " with the quote doubled inside, and an option without "=" is true).
 */
import { goBool } from '../go-strconv';

/** The options written in `uri`'s remote part, by lower-cased name; empty when it has none. */
export function connectionStringOptions(uri: string): Record<string, string> {
  const options: Record<string, string> = {};
  let i = uri.startsWith(':') ? 1 : 0;
  // The backend or remote name runs to the first "," or ":".
  while (i < uri.length && uri[i] !== ',' && uri[i] !== ':') i++;
  while (i < uri.length && uri[i] === ',') {
    i++;
    let name = '';
    while (i < uri.length && !',:='.includes(uri[i])) name += uri[i++];
    let value = 'true';
    if (uri[i] === '=') {
      i++;
      value = '';
      const quote = uri[i] === '\'' || uri[i] === '"' ? uri[i++] : undefined;
      while (i < uri.length) {
        if (quote !== undefined && uri[i] === quote) {
          if (uri[i + 1] !== quote) { i++; break; }
          i++;
        } else if (quote === undefined && (uri[i] === ',' || uri[i] === ':')) {
          break;
        }
        value += uri[i++];
      }
    }
    if (name.trim() !== '') options[name.trim().toLowerCase()] = value;
  }
  return options;
}

/** Whether rclone reads `value` as true (Go's strconv.ParseBool, which rclone's boolean options use). */
export function rcloneTrue(value: string | undefined): boolean {
  return goBool(value) === true;
}
