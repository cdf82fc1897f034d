// The cdk8s validation plugin's entry point (`lib/plugin`), separate from the
// library's jsii API.
export * from './crd-validation-plugin';
