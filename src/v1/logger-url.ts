import { show } from '../errors';
import { goUrlParseProblem } from '../go-url';
import { actualText } from '../k8s/prop-wording';

/** The executor's variable of the default logger URL (predictor_process.go), which `engineEnv` or an annotation may set. */
export const LOGGER_ENDPOINT_ENV = 'REQUEST_LOGGER_DEFAULT_ENDPOINT';
export const LOGGER_URL_ACCEPTED = 'an http(s) URL with a host that Go\'s url.Parse reads, e.g. http://broker-ingress.knative-eventing.svc.cluster.local/seldon/default';

/**
 * The URL with everything from "://" to its last "@" shown as ***. User info may hold any character (a password with
 * "/", "?" or "#" ends the authority early for a parser, and Go's port message would then show part of it), so every
 * "@" after the scheme is read as ending user info: a logger endpoint has no other use for one.
 */
function masked(url: string): string {
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  return start < 0 || at < start + 3 ? url : `${url.slice(0, start + 3)}***${url.slice(at)}`;
}

/**
 * Why the executor cannot send a payload log to `url`, if it cannot, as "<the URL> <problem>" (for a value that is no
 * string, "is <what it is>, ...") with any user info
 * masked. Not http(s) with a host, the events go nowhere; a URL Go's url.Parse refuses fails every request the node
 * logs, as the executor parses the URL for each one and returns its error (predictor_process.go getLogUrl,
 * logPayload); user info is a credential, which belongs in no manifest.
 */
export function loggerUrlProblem(url: string): string | undefined {
  // A JavaScript caller's EnvValue.fromValue(5) reaches here as a number: said as every wrong type is ("is the number 5").
  if (typeof url !== 'string') return `${actualText(url, false)}, not an http(s) URL`;
  const shown = show(masked(url));
  if (!/^https?:\/\/[^\s/]+/.test(url)) return `${shown} is not an http(s) URL`;
  if (masked(url) !== url) return `${shown} carries user info before "@" (shown as ***): a credential, which a manifest does not hold`;
  const goProblem = goUrlParseProblem(url);
  return goProblem && `${shown} ${goProblem}: Go's url.Parse refuses it, and the executor parses it for every request it logs and fails the request (predictor_process.go getLogUrl)`;
}
