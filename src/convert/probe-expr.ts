/**
 * A container probe of a manifest as a cdk8s-plus `Probe`
 * (`Probe.fromHttpGet`, `fromTcpSocket`, `fromCommand`), or undefined when
 * it has no exact typed form (a named port other than `http`, headers, gRPC).
 * A probe without a port is the one on the port the operator names `http`
 * (src/v1/unit-pod-rules.ts), so that port is left out, like the values
 * the API server sets on a probe without them (./normalise.ts).
 */
import { Expr, get, lit, obj, ref, staticCall } from './code';
import { PROBE_DEFAULTS } from './normalise';
import { isObject } from '../graph/manifests';

const TIMINGS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds'];
const COUNTS = ['failureThreshold', 'successThreshold'];
const SCHEMES: Record<string, string> = { HTTP: 'HTTP', HTTPS: 'HTTPS' };

const whole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The probe as code. */
export function probeExpr(probe: unknown): Expr | undefined {
  if (!isObject(probe)) return undefined;
  const handlers = ['httpGet', 'tcpSocket', 'exec'].filter(h => probe[h] !== undefined);
  if (handlers.length !== 1 || Object.keys(probe).some(k => !TIMINGS.includes(k) && !COUNTS.includes(k) && k !== handlers[0])) return undefined;
  const options: Array<[string, Expr | undefined]> = [];
  for (const key of TIMINGS) {
    if (probe[key] === undefined || probe[key] === PROBE_DEFAULTS[key]) continue;
    if (!whole(probe[key])) return undefined;
    options.push([key, staticCall('Duration', 'seconds', lit(probe[key]))]);
  }
  for (const key of COUNTS) {
    if (probe[key] === undefined || probe[key] === PROBE_DEFAULTS[key]) continue;
    if (!whole(probe[key])) return undefined;
    options.push([key, lit(probe[key])]);
  }
  const handler = probe[handlers[0]];
  if (!isObject(handler)) return undefined;
  const port = portExpr(handler.port);
  if (handler.port !== undefined && port === null) return undefined;
  const portEntry: [string, Expr | undefined] = ['port', port ?? undefined];
  switch (handlers[0]) {
    case 'httpGet': {
      if (Object.keys(handler).some(k => !['path', 'port', 'scheme', 'host'].includes(k))) return undefined;
      const scheme = handler.scheme === undefined ? undefined : SCHEMES[String(handler.scheme)];
      if (handler.scheme !== undefined && !scheme) return undefined;
      if (typeof handler.path !== 'string' || (handler.host !== undefined && typeof handler.host !== 'string')) return undefined;
      const args: Expr[] = [lit(handler.path)];
      const o = obj([...options, portEntry, ['scheme', scheme && scheme !== 'HTTP' ? get(ref('ConnectionScheme'), scheme) : undefined],
        ['host', handler.host !== undefined ? lit(handler.host) : undefined]]);
      if (o.k === 'obj' && o.entries.length) args.push(o);
      return staticCall('Probe', 'fromHttpGet', ...args);
    }
    case 'tcpSocket': {
      if (Object.keys(handler).some(k => !['port', 'host'].includes(k))) return undefined;
      if (handler.host !== undefined && typeof handler.host !== 'string') return undefined;
      const o = obj([...options, portEntry, ['host', handler.host !== undefined ? lit(handler.host) : undefined]]);
      return o.k === 'obj' && o.entries.length ? staticCall('Probe', 'fromTcpSocket', o) : staticCall('Probe', 'fromTcpSocket');
    }
    default: {
      const command = handler.command;
      if (Object.keys(handler).length !== 1 || !Array.isArray(command) || !command.every(c => typeof c === 'string')) return undefined;
      const o = obj(options);
      return o.k === 'obj' && o.entries.length ? staticCall('Probe', 'fromCommand', lit(command), o) : staticCall('Probe', 'fromCommand', lit(command));
    }
  }
}

/** A number as itself, `http` as no port (the default here), other names as null: no typed form. */
function portExpr(port: unknown): Expr | undefined | null {
  if (port === undefined || port === 'http') return undefined;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? lit(port) : null;
}
