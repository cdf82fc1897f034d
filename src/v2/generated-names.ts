import { ApiObjectMetadata } from 'cdk8s';

/**
 * Added to a name error when cdk8s generated the name: generated names keep
 * "." and "_" from construct ids, which Seldon v2 and Kubernetes reject here.
 */
export function generatedHint(metadata: ApiObjectMetadata | undefined): string {
  return metadata?.name === undefined
    ? ' (generated from the construct path: set metadata.name, or use construct ids of lower-case letters, digits and "-")'
    : '';
}
