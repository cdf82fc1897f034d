/** Compiling and running converted programs in the test process. */
import * as cdk8s from 'cdk8s';
import * as plus from 'cdk8s-plus-27';
import * as ts from 'typescript';
import * as seldon from '../../src';
import { roundTrip, RoundTrip } from '../../src/convert';
import { ConvertOptions, FileConversion } from '../../src/convert/convert';

/** TypeScript to CommonJS, as `tsc` would emit it (no type check: see the type-check test). */
export function compile(code: string): string {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };
  return ts.transpileModule(code, { compilerOptions }).outputText;
}

/** The imports of a converted program: the library from source. */
export function resolve(module: string): any {
  switch (module) {
    case 'cdk8s': return cdk8s;
    case 'cdk8s-plus-27': return plus;
    case 'cdk8s-seldon': return seldon;
    default: throw new Error(`converted programs import only cdk8s, cdk8s-plus-27 and cdk8s-seldon, not ${module}`);
  }
}

/** Converts, compiles, runs and compares one manifest text. */
export function roundTripText(text: string, file = 'manifest.yaml', options: ConvertOptions = {}): RoundTrip {
  return roundTrip(text, file, compile, resolve, options);
}

/** Converts, compiles, runs and compares one manifest text, expects the same objects back, and returns the conversion. */
export function converted(text: string, file = 'manifest.yaml', options: ConvertOptions = {}): FileConversion {
  const result = roundTripText(text, file, options);
  expect(result.differences).toEqual([]);
  expect(result.equal).toBe(true);
  return result.conversion;
}

/** Expects one object, converted with no patch, and code without one. */
export function expectClean(result: FileConversion): void {
  expect(result.objects.map(o => [o.status, o.patchedFields])).toEqual([['converted', []]]);
  expect(result.code).not.toContain('JsonPatch');
}

/** The graph of a predictor: one SKLEARN_SERVER node on Seldon's iris model, indented to follow `seldonDeploymentHead()`'s keys. */
export const SKLEARN_IRIS_GRAPH = `    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris
`;

/** The lines of a v1 SeldonDeployment manifest `name` up to its one predictor, `default`, whose keys follow indented by four spaces. */
export function seldonDeploymentHead(name: string): string {
  return `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: ${name}
spec:
  predictors:
  - name: default
`;
}
