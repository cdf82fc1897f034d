// The Seldon Core v2 (mlops.seldon.io/v1alpha1) public API. The defaults
// table, scaling rules, quantity parsing, container merging and the
// scheduling check stay internal.
export * from '../k8s/gpu';
export * from './container-override';
export * from './server-container-override';
export * from './server-config-ref';
export * from './server-config';
export * from './server-reference';
export * from './pvc-mount-options';
export * from './pvc-retention';
export * from './seldon-server';
export * from './runtime/runtime-component';
export * from './runtime/seldon-configuration';
export * from './runtime/seldon-config';
export * from './runtime/runtime-override-options';
export * from './runtime/seldon-runtime';
export * from './model-explainer';
export * from './model-llm';
export * from './seldon-model';
export * from './autoscaling/rps-autoscaler';
export * from './pipeline-step-ref';
export * from './pipeline-step';
export * from './pipeline-io';
export * from './pipeline';
export * from './experiment-target';
export * from './experiment';
