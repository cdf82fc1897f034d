// Internal: used by the `cdk8s-seldon validate` command and CI scripts; not
// part of the jsii API (src/index.ts does not re-export it).
export * from './bundled-schemas';
export * from './crd-schemas';
export * from './crd-validator';
export * from './manifest-documents';
export type { CompileTiming, IssueCategory, ObjectLocation, ValidationIssue, ValidationReport } from './validation-report';
