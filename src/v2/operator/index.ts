/**
 * The library's model of the Seldon Core v2 operator (2.10.2): from Servers
 * and ServerConfigs, as JSON, the StatefulSets and Services it creates.
 */
import { Json } from '../../k8s/json';

/** What the operator would create for the Servers among some objects. */
export interface V2OperatorPreview {
  readonly objects: Json[];
  readonly problems: string[];
}

/** Placeholder until the v2 model lands: Servers are not previewed yet. */
export function previewServers(_objects: readonly Json[]): V2OperatorPreview {
  return { objects: [], problems: [] };
}
