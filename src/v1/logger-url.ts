import { goUrlParseProblem } from '../go-url';

/** The executor's variable of the default logger URL (predictor_process.go), which `engineEnv` or an annotation may set. */
export const LOGGER_ENDPOINT_ENV = 'REQUEST_LOGGER_DEFAULT_ENDPOINT';
export const LOGGER_URL_ACCEPTED = 'an http(s) URL with a host that Go\'s url.Parse reads, e.g. http://broker-ingress.knative-eventing.svc.cluster.local/seldon/default';

/**
 * Why the executor cannot send a payload log to `url`, if it cannot: [problem]. Not http(s) with a host, the events
 * go nowhere; a URL Go's url.Parse refuses fails every request the node logs, as the executor parses the URL for
 * each one and returns its error (predictor_process.go getLogUrl, logPayload).
 */
export function loggerUrlProblem(url: string): string | undefined {
  if (!/^https?:\/\/[^\s/]+/.test(url)) return 'is not an http(s) URL';
  const goProblem = goUrlParseProblem(url);
  return goProblem && `${goProblem}: Go's url.Parse refuses it, and the executor parses it for every request it logs and fails the request (predictor_process.go getLogUrl)`;
}
