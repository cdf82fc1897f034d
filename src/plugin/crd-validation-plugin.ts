import * as fs from 'fs';
import * as path from 'path';
import { bundledRegistry, CrdSchemaRegistry, CrdValidator, ValidationIssue } from '../validation';

/*
 * A cdk8s validation plugin: list it under `validations:` in cdk8s.yaml and
 * `cdk8s synth` checks every Seldon object it wrote against Seldon's CRDs.
 * The shapes below are the part of cdk8s-cli's plugin API this plugin uses,
 * written out so that the library does not depend on cdk8s-cli.
 */

/** What cdk8s-cli passes to `validate()` (cdk8s-cli `ValidationContext`). */
export interface PluginValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
}

/** One rule broken by some resources (cdk8s-cli `ValidationViolation`). */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ReadonlyArray<{ readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }>;
}

/** The `properties:` of the plugin in cdk8s.yaml. */
export interface SeldonCrdValidationProperties {
  /**
   * CRD files or directories, relative to the directory cdk8s runs in, to use
   * instead of the schemas shipped with the package (Seldon Core 1.18.2's
   * SeldonDeployment, every Seldon Core 2.10.2 kind). Default: the shipped schemas.
   */
  readonly crds?: string[];
  /** Also reject fields the schemas do not list (typos such as `modelURI`). Default: false. */
  readonly strict?: boolean;
}

/** What to tell of an issue that is no schema mismatch. */
const RECOMMENDATIONS: Partial<Record<ValidationIssue['category'], string>> = {
  'unknown-kind': 'No CRD serves this apiVersion and kind: use a version the CRD serves (the API server has no other).',
  'yaml': 'The file holds something that is no Kubernetes object, or cannot be read.',
  'compile': 'The CRD\'s schema could not be compiled; check the CRD files given as crds.',
};

/**
 * Validates the Seldon objects of every synthesized manifest against the
 * schemas shipped with the package, or the CRDs listed in `properties.crds`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-seldon/lib/plugin
 *     version: 0.0.0
 *     class: SeldonCrdValidation
 *     properties:
 *       strict: true
 * ```
 */
export class SeldonCrdValidation {
  private readonly crds?: string[];
  private readonly strict: boolean;

  public constructor(properties: SeldonCrdValidationProperties = {}) {
    const crds: unknown = properties.crds;
    if (crds !== undefined && (!Array.isArray(crds) || crds.length === 0 || !crds.every(p => typeof p === 'string' && p !== ''))) {
      throw new Error(`SeldonCrdValidation: properties.crds ${JSON.stringify(crds)} is not a list of paths; `
        + 'list CRD files or directories (e.g. crds: [crds/]), or leave crds out to use the schemas shipped with cdk8s-seldon');
    }
    if (properties.strict !== undefined && typeof properties.strict !== 'boolean') {
      throw new Error(`SeldonCrdValidation: properties.strict ${JSON.stringify(properties.strict)} is not a boolean; true or false`);
    }
    this.crds = properties.crds?.map(p => path.resolve(process.cwd(), p));
    this.strict = properties.strict === true;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    for (const p of this.crds ?? []) {
      if (!fs.existsSync(p)) throw new Error(`SeldonCrdValidation: properties.crds: ${p} not found; list CRD files or directories, or leave crds out to use the shipped schemas`);
    }
    const registry = this.crds ? CrdSchemaRegistry.fromPaths(this.crds) : bundledRegistry();
    if (registry.size === 0) {
      throw new Error(`SeldonCrdValidation: properties.crds: no CustomResourceDefinition found in ${this.crds!.join(', ')}; list Seldon's CRD files, or leave crds out`);
    }
    const validator = new CrdValidator(registry, { strict: this.strict });
    const report = validator.validateFiles(context.manifests);
    for (const warning of [...registry.warnings, ...report.warnings]) context.logger.log(`SeldonCrdValidation: warning: ${warning}`);
    const byRule = new Map<string, ValidationIssue[]>();
    for (const issue of report.errors) {
      const rule = `${issue.kind ?? 'object'} ${issue.path || '/'}: ${issue.reason}`;
      byRule.set(rule, [...(byRule.get(rule) ?? []), issue]);
    }
    for (const [rule, issues] of byRule) {
      context.report.addViolation({
        ruleName: rule,
        recommendation: RECOMMENDATIONS[issues[0].category] ?? `The object does not match the ${issues[0].kind ?? ''} CRD schema${this.strict ? ' (strict: unknown fields are errors)' : ''}.`,
        fix: 'Correct the field, or the construct prop that renders it; see docs/errors.md.',
        // cdk8s-cli finds the construct path in dist/construct-metadata.json, which cdk8s keys by the object's name.
        violatingResources: issues.map(i => ({ resourceName: i.name ?? i.object, locations: [i.path || '/'], manifestPath: i.file })),
      });
    }
    context.logger.log(`SeldonCrdValidation: ${report.validated} Seldon objects validated, ${report.errors.length} errors`);
    context.report.submit(report.errors.length === 0 ? 'success' : 'failure', {
      validated: String(report.validated),
      errors: String(report.errors.length),
    });
  }
}
