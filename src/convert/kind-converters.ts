/**
 * Which construct the converter writes for each kind, in one table: the
 * dispatch (convert.ts) and the reason an object stays an `ApiObject`
 * (passthrough.ts) both read it, so a kind added here is converted and
 * explained alike.
 */
import { Stmt } from './code';
import { ConvertContext } from './scope';
import { convertExperiment, convertModel, convertPipeline, convertServer, convertServerConfig } from './v2';
import { convertSeldonConfig, convertSeldonRuntime } from './v2-runtime';
import { Json } from '../graph/manifests';

/** A construct and the converter writing it; the converter answers undefined when the object does not fit it. */
export interface KindConverter {
  readonly construct: string;
  readonly convert: (object: Json, variable: string, id: string, ctx: ConvertContext) => Stmt[] | undefined;
}

/** Seldon Core v2's kinds (`mlops.seldon.io/v1alpha1`), by kind. */
export const V2_CONVERTERS: ReadonlyMap<string, KindConverter> = new Map([
  ['Server', { construct: 'SeldonServer', convert: convertServer }],
  ['Model', { construct: 'SeldonModel', convert: convertModel }],
  ['Pipeline', { construct: 'Pipeline', convert: convertPipeline }],
  ['Experiment', { construct: 'Experiment', convert: convertExperiment }],
  ['ServerConfig', { construct: 'ServerConfig', convert: convertServerConfig }],
  ['SeldonRuntime', { construct: 'SeldonRuntime', convert: convertSeldonRuntime }],
  ['SeldonConfig', { construct: 'SeldonConfig', convert: convertSeldonConfig }],
]);

/** The API group of an `apiVersion` (`core` for the core group's `v1`). */
export function apiGroup(apiVersion: unknown): string {
  const text = String(apiVersion);
  return text.includes('/') ? text.slice(0, text.indexOf('/')) : 'core';
}

/** Why an object with no other reason is an ApiObject: a kind a construct models has fields it has no typed form for. */
export function passthroughReason(apiVersion: unknown, kind: string): string {
  const g = apiGroup(apiVersion);
  if ((g === 'machinelearning.seldon.io' && kind === 'SeldonDeployment') || (g === 'mlops.seldon.io' && V2_CONVERTERS.has(kind))) {
    return `the ${V2_CONVERTERS.get(kind)?.construct ?? kind} construct has no typed form for some of its fields`;
  }
  if (g === 'core' && kind === 'Secret') {
    return 'not an rclone Secret (RcloneSecret models an Opaque Secret whose keys are all RCLONE_CONFIG_<REMOTE>_<OPTION> variables, or one key holding a v2 {type, name, parameters} document)';
  }
  return 'no construct models this kind';
}
