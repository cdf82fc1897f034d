// The preview's entry point (`lib/preview`), separate from the library's jsii
// API: it works on plain JSON objects, which jsii cannot type.
export * from './preview';
export * from './preview-files';
export { previewSeldonDeployment, helmOperatorConfig } from '../v1/operator';
export type { V1OperatorConfig, V1OperatorPreview } from '../v1/operator';
export { previewServers } from '../v2/operator';
export type { V2OperatorPreview } from '../v2/operator';
