/**
 * The variables of a runtime component's main container, wherever they are
 * given: an override's typed `container.env` (a map), its raw `podSpec`, or a
 * SeldonConfig component's pod spec (lists of env entries). The operator
 * appends an override's env to the SeldonConfig's (patch_utils.go
 * MergeContainers @v2.10.2), and of two variables of one name the kubelet
 * uses the last, so a lookup answers with the last entry of a name.
 */
import { RuntimeComponent } from './runtime-component';
import { show } from '../../errors';
import { lastEnvEntry } from '../../k8s/env';

/** A variable as a container gives it, if it does: the last entry of that name, which Kubernetes uses. */
export type EnvLookup = (name: string) => { value?: unknown; valueFrom?: unknown } | undefined;

/** Looks variables up in a list of env entries (JSON or k8s.EnvVar). */
export function envListLookup(env: ReadonlyArray<{ name: string; value?: unknown; valueFrom?: unknown }> | undefined): EnvLookup {
  return name => lastEnvEntry(env, name);
}

/** The main container of `component` in a pod spec (JSON or k8s.PodSpec), if it has one of that name. */
export function mainContainerOf<T extends { name: string }>(podSpec: { containers?: T[] } | undefined, component: RuntimeComponent): T | undefined {
  return (podSpec?.containers ?? []).find(c => c?.name === component.mainContainer);
}

/** What an override gives of the component's main container env: the raw podSpec's when it has one, else `container.env`. */
export interface OverrideEnvInput {
  readonly container?: { readonly env?: Record<string, { value?: unknown; valueFrom?: unknown }> };
  readonly podSpec?: { readonly containers?: any[] };
}

/** The env an override gives `component`'s main container, with the field that names it in messages. */
export function overrideEnv(field: string, component: RuntimeComponent, options: OverrideEnvInput): [string, EnvLookup] {
  const where = options.podSpec ? `podSpec.containers[${show(component.mainContainer)}].env` : 'container.env';
  return [`${field}.${where}`, overrideEnvLookup(component, options)];
}

/** The variables of an override's main container, from its raw `podSpec` or its typed `container`. */
export function overrideEnvLookup(component: RuntimeComponent, options: OverrideEnvInput): EnvLookup {
  return options.podSpec ? envListLookup(mainContainerOf(options.podSpec, component)?.env) : n => options.container?.env?.[n];
}
