import { EnvValue, k8s } from 'cdk8s-plus-27';
import { isCredentialName } from '../credentials/names';
import { maskQueryCredentials } from '../credentials/text';
import { hasUserInfo, show } from '../errors';
import { actualText } from './prop-wording';
import { isToken } from './tokens';

/** Renders a map of cdk8s-plus `EnvValue`s as Kubernetes `EnvVar`s, in insertion order. */
export function renderEnv(env: { [name: string]: EnvValue } | undefined): k8s.EnvVar[] {
  // Most nodes and predictors set none: no empty object and entry list for them.
  if (env === undefined) return [];
  return Object.entries(env).map(([name, value]) => ({ name, value: value.value, valueFrom: value.valueFrom }));
}

/**
 * Merges `overrides` into `base` by name: a variable in both keeps its place
 * in `base` and takes the override's value; the others are appended.
 */
export function mergeEnv(base: k8s.EnvVar[], overrides: k8s.EnvVar[]): k8s.EnvVar[] {
  const result = [...base];
  for (const override of overrides) {
    const i = result.findIndex(e => e.name === override.name);
    if (i >= 0) result[i] = override;
    else result.push(override);
  }
  return result;
}

/** C_IDENTIFIER, the rule Kubernetes applies to environment variable names used with envFrom. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** What is accepted instead of a literal credential in an env value. */
const SECRET_ENV_ACCEPTED = 'the value in a Secret: EnvValue.fromSecretValue({ secret, key }) (a raw EnvVar: valueFrom.secretKeyRef)';

/** The entry of `name` in an env list that Kubernetes uses: of several, the last. */
export function lastEnvEntry<T extends { readonly name?: unknown }>(env: readonly T[] | undefined, name: string): T | undefined {
  for (let i = (env?.length ?? 0) - 1; i >= 0; i--) if (env![i]?.name === name) return env![i];
  return undefined;
}

/**
 * Why a literal env value would put a credential into a committed manifest, as `[problem, accepted]`, or undefined:
 * a URL with user info or a query credential (a signed URL) under any name, or a non-empty value of a variable named as a credential
 * (`isCredentialName`: `AWS_SECRET_ACCESS_KEY`, rclone's `RCLONE_CONFIG_<REMOTE>_SECRET_ACCESS_KEY`, `HF_TOKEN`).
 * The value is never shown. A value from a Secret, ConfigMap or field (`valueFrom`) is no literal.
 */
export function literalEnvProblem(name: string, literal: unknown): [string, string] | undefined {
  if (typeof literal !== 'string' || literal === '') return undefined;
  if (hasUserInfo(literal)) {
    return ['holds a URL with user info (not shown: it is a credential), which would be written into the resource in plain text', SECRET_ENV_ACCEPTED];
  }
  // A signed URL's signature or credential in its query reads the object until it expires (as model-uri.ts refuses).
  if (maskQueryCredentials(literal) !== literal) {
    return ['holds a URL whose query carries a credential (a signed URL\'s signature or token; not shown), which would be written into the resource in plain text',
      SECRET_ENV_ACCEPTED];
  }
  if (isCredentialName(name)) {
    return ['is a literal value of a variable named as a credential (value not shown), which would be written into the resource in plain text', SECRET_ENV_ACCEPTED];
  }
  return undefined;
}

/**
 * Why a literal env value cannot go into the manifest, as `[problem, accepted]`, or undefined: not a string (a
 * JavaScript caller's `EnvValue.fromValue(5)`, `true`, `null`: the API server refuses a non-string env value; a token,
 * a `Lazy`, resolves later and stays), or a credential (`literalEnvProblem`). A credential-named value is not shown.
 */
export function envValueProblem(name: string, literal: unknown): [string, string] | undefined {
  if (literal !== undefined && typeof literal !== 'string' && !isToken(literal)) {
    return [`${actualText(literal, isCredentialName(name))}, which the API server refuses as an env value`, 'a string, e.g. EnvValue.fromValue("5")'];
  }
  return literalEnvProblem(name, literal);
}

/**
 * The problems of a container's env as the library writes it into a committed manifest: a name the API server
 * refuses, and a literal credential (`literalEnvProblem`, never shown). Reported per variable at `<field>[<name>]`.
 */
export function containerEnvProblems(env: { [name: string]: EnvValue } | undefined, field: (name: string) => string,
  report: (field: string, problem: string, accepted: string) => void): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!ENV_NAME.test(name)) report(field(name), 'is not a valid environment variable name', 'letters, digits, "_", "-" and ".", not starting with a digit');
    const problem = envValueProblem(name, (value as { value?: unknown } | undefined)?.value);
    if (problem) report(field(name), ...problem);
  }
}

/**
 * The literal credentials in the env of raw containers (`k8s.Container`s: v1 sidecars, a ServerConfig's or
 * SeldonConfig's `podSpec`, a runtime override's `podSpec`), each reported at `<field>.env[<i>] (<name>)` with
 * `field` the container's, e.g. `podSpec.containers[0]`.
 */
export function rawContainerEnvProblems(containers: readonly unknown[] | undefined, field: (i: number) => string,
  report: (field: string, problem: string, accepted: string) => void): void {
  (containers ?? []).forEach((container, i) => {
    const env = (container as { env?: unknown } | null)?.env;
    if (!Array.isArray(env)) return;
    env.forEach((v: { name?: unknown; value?: unknown } | null, j) => {
      const name = typeof v?.name === 'string' ? v.name : '';
      const problem = envValueProblem(name, v?.value);
      if (problem) report(`${field(i)}.env[${j}] (${show(name)})`, ...problem);
    });
  });
}

/** `rawContainerEnvProblems` for the containers and init containers of a raw pod spec given as `field`. */
export function podSpecEnvProblems(podSpec: { readonly containers?: unknown; readonly initContainers?: unknown } | undefined, field: string,
  report: (field: string, problem: string, accepted: string) => void): void {
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = podSpec?.[list];
    if (Array.isArray(containers)) rawContainerEnvProblems(containers, i => `${field}.${list}[${i}]`, report);
  }
}
