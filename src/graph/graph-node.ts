/** A node of the deployment picture (src/graph/model.ts builds them; placement.ts tags servers with them). */
export type NodeKind = 'SeldonDeployment' | 'Predictor' | 'GraphNode' | 'Explainer'
| 'Model' | 'Server' | 'ServerConfig' | 'Pipeline' | 'Experiment' | 'Secret' | 'PersistentVolumeClaim';

export interface GraphNode {
  /** `n<index>`, in the order nodes were created: stable for a given input. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The object's name (a predictor's or graph node's own name, not its deployment's). */
  readonly name: string;
  readonly namespace?: string;
  /** The innermost group the node is drawn in. */
  readonly group?: string;
  /** Further label lines: URIs, requirements, replicas... */
  readonly details: string[];
  /**
   * Why the node is drawn although no manifest defines it: the
   * installation's default Servers, or an object referenced by name.
   */
  readonly external?: string;
  /** Set on a Model no Server can take, with the reason. */
  unschedulable?: string;
}
