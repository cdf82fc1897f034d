// Moving Seldon Core v1 models to Seldon Core v2.
export * from './migration-difference';
export * from './migrated-model';
