// Internal: the `cdk8s-seldon graph` command. Not part of the jsii API
// (src/index.ts does not re-export it).
export * from './manifests';
export * from './model';
export * from './mermaid';
export * from './dot';
