// The public API. The generated CRD bindings in ./imports stay internal.
export * from './model-uri';
export * from './k8s/pod-placement';
export * from './k8s/pod-settings';
export * from './rclone/rclone-remote';
export * from './rclone/rclone-secret';
export * from './v1/protocol';
export * from './v1/model-parameter';
export * from './v1/prepackaged-server';
export * from './v1/predictive-unit';
export * from './v1/explainer';
export * from './v1/logger';
export * from './v1/predictor';
export * from './v1/seldon-deployment';
export * from './v1/prepackaged-model';
export * from './v2';
export * from './migration';
