import * as path from 'path';
import { CrdSchemaRegistry, CrdValidator, ValidationIssue } from '../validation';

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
  /** CRD files or directories, relative to the directory cdk8s runs in. */
  readonly crds?: string[];
  /** Also reject fields the schemas do not list (typos such as `modelURI`). Default: false. */
  readonly strict?: boolean;
}

/**
 * Validates the Seldon objects of every synthesized manifest against the
 * CRDs listed in `properties.crds`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-seldon/lib/plugin
 *     version: 1.0.0
 *     class: SeldonCrdValidation
 *     properties:
 *       crds: [crds/]
 *       strict: true
 * ```
 */
export class SeldonCrdValidation {
  private readonly crds: string[];
  private readonly strict: boolean;

  public constructor(properties: SeldonCrdValidationProperties = {}) {
    if (!Array.isArray(properties.crds) || properties.crds.length === 0) {
      throw new Error('SeldonCrdValidation: properties.crds is missing; list CRD files or directories, e.g. crds: [crds/]');
    }
    this.crds = properties.crds.map(p => path.resolve(process.cwd(), p));
    this.strict = properties.strict === true;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(this.crds), { strict: this.strict });
    const report = validator.validateFiles(context.manifests);
    const byRule = new Map<string, ValidationIssue[]>();
    for (const issue of report.errors) {
      const rule = `${issue.kind ?? 'object'} ${issue.path || '/'}: ${issue.reason}`;
      byRule.set(rule, [...(byRule.get(rule) ?? []), issue]);
    }
    for (const [rule, issues] of byRule) {
      context.report.addViolation({
        ruleName: rule,
        recommendation: `The object does not match the ${issues[0].kind ?? ''} CRD schema${this.strict ? ' (strict: unknown fields are errors)' : ''}.`,
        fix: 'Correct the field, or the construct prop that renders it; see docs/errors.md.',
        violatingResources: issues.map(i => ({ resourceName: i.object, locations: [i.path || '/'], manifestPath: i.file })),
      });
    }
    context.logger.log(`SeldonCrdValidation: ${report.validated} Seldon objects validated, ${report.errors.length} errors`);
    context.report.submit(report.errors.length === 0 ? 'success' : 'failure', {
      validated: String(report.validated),
      errors: String(report.errors.length),
    });
  }
}
