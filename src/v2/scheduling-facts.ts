import { IConstruct } from 'constructs';
import type { ModelCall } from './model-calls';
import type { ServerMemory } from './server-memory';

/** What the scheduling check needs to know about a server. */
export interface ServerFacts {
  readonly construct: IConstruct;
  /** `SeldonServer`, or `SeldonServer reference` for one that exists outside the app. */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Undefined when unknown (a ServerConfig of unknown capabilities, an opaque reference). */
  readonly capabilities?: readonly string[];
  /** Replicas the operator starts; undefined when unknown. */
  readonly replicas?: number;
  /** Where the server mounts volumes into its rclone container (its claims, its override's volumes), which local-path models are read from. */
  readonly rcloneMountPaths: readonly string[];
  /** The memory a replica offers models; undefined when unknown. */
  readonly memory?: ServerMemory;
  /** A HorizontalPodAutoscaler scales it. */
  readonly autoscaled?: boolean;
  /** Its agent's `SELDON_SERVER_TYPE` (`mlserver`, `triton`), which picks how the agent writes a model; undefined when unknown. */
  readonly serverType?: string;
}

/** What the scheduling check needs to know about a model. */
export interface ModelFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
  readonly requirements: readonly string[];
  readonly explainer: boolean;
  readonly replicas: number;
  readonly minReplicas: number;
  /** The pinned server (`spec.server`), if any. */
  readonly server?: IConstruct;
  /** The artifact's absolute path inside the server pod, for a local-path model. */
  readonly localPath?: string;
  /** `memory` in bytes, as the operator converts it; undefined when not set. */
  readonly memory?: number;
  /** A HorizontalPodAutoscaler scales it. */
  readonly autoscaled?: boolean;
  /**
   * SeldonModels of the app its agent calls: the explained model (`explainer`) or the LLM (`llm`), each with the
   * referencing field, as Pipelines' step references (references.ts `Reference`).
   */
  readonly calls?: readonly ModelCall[];
  /** The names of its `parameters`, when it has any. */
  readonly parameters?: readonly string[];
}
