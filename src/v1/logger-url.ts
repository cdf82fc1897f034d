import { hasUserInfo, show } from '../errors';
import { goUrlParseProblem } from '../go-url';

/** The executor's variable of the default logger URL (predictor_process.go), which `engineEnv` or an annotation may set. */
export const LOGGER_ENDPOINT_ENV = 'REQUEST_LOGGER_DEFAULT_ENDPOINT';
export const LOGGER_URL_ACCEPTED = 'an http(s) URL with a host that Go\'s url.Parse reads, e.g. http://broker-ingress.knative-eventing.svc.cluster.local/seldon/default';

/**
 * The URL with its user info shown as ***, whatever characters it holds (a password may hold any): everything from
 * "://" to the last "@" before the authority ends.
 */
function masked(url: string): string {
  const start = url.indexOf('://');
  if (start < 0) return url;
  const rest = url.slice(start + 3);
  const end = rest.search(/[/?#]/);
  const at = (end < 0 ? rest : rest.slice(0, end)).lastIndexOf('@');
  return at < 0 ? url : `${url.slice(0, start + 3)}***${rest.slice(at)}`;
}

/**
 * Why the executor cannot send a payload log to `url`, if it cannot, as "<the URL> <problem>" with any user info
 * masked. Not http(s) with a host, the events go nowhere; a URL Go's url.Parse refuses fails every request the node
 * logs, as the executor parses the URL for each one and returns its error (predictor_process.go getLogUrl,
 * logPayload); user info is a credential, which belongs in no manifest.
 */
export function loggerUrlProblem(url: string): string | undefined {
  // A JavaScript caller's EnvValue.fromValue(5) reaches here as a number: shown as given, and refused as no URL.
  if (typeof url !== 'string') return `${show(url)} is not an http(s) URL`;
  const shown = show(masked(url));
  if (!/^https?:\/\/[^\s/]+/.test(url)) return `${shown} is not an http(s) URL`;
  // The shared rule (credentials/text.ts) also finds a password holding "/", which Go's url.Parse would read as host:port
  // and which the port message below would show in part.
  if (masked(url) !== url || hasUserInfo(url)) return `${shown} carries user info before "@" (shown as ***): a credential, which a manifest does not hold`;
  const goProblem = goUrlParseProblem(url);
  return goProblem && `${shown} ${goProblem}: Go's url.Parse refuses it, and the executor parses it for every request it logs and fails the request (predictor_process.go getLogUrl)`;
}
