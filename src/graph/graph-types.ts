import type { GraphNode } from './graph-node';

/**
 * - `traffic`/`shadow`: SeldonDeployment to predictor;
 * - `child`: predictor to its root graph node, graph node to child;
 * - `explainer`: predictor to its explainer;
 * - `pinned`/`placement`: Model to the Server it is pinned to / a Server
 *   advertising all its requirements; `possible`: a Server whose
 *   capabilities are unknown;
 * - `secret`, `volume`, `serverConfig`: what an object reads or mounts;
 * - `dataflow`, `candidate`, `mirror`, `explains`: Pipelines, Experiments and
 *   explainer Models.
 */
export type EdgeKind = 'traffic' | 'shadow' | 'child' | 'explainer' | 'pinned' | 'placement' | 'possible'
| 'secret' | 'volume' | 'serverConfig' | 'dataflow' | 'candidate' | 'mirror' | 'explains';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
  /** What goes wrong along this edge (a pinned server lacking a requirement, a Secret the v2 agent cannot read). */
  readonly problem?: string;
}

export interface GraphGroup {
  /** `g<index>`. */
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
}

export interface DeploymentGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly groups: GraphGroup[];
  /** Objects skipped or ambiguous (duplicates, unnamed objects). */
  readonly warnings: string[];
}

export interface GraphOptions {
  /**
   * Draw the Servers `mlserver` and `triton` that Seldon's optional
   * `seldon-core-v2-servers` Helm chart installs (SELDON-FACTS §2.5) in each
   * namespace with Models,
   * unless the manifests define a Server of that name there.
   * @default true
   */
  readonly defaultServers?: boolean;
}
