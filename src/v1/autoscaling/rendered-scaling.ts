// The shapes autoscalers render into a componentSpec; internal, not exported from the package.

/** A `triggers[]` entry. */
export interface RenderedTrigger {
  readonly type: string;
  readonly metadata: { [key: string]: string };
  readonly name?: string;
  readonly metricType?: string;
  readonly authenticationRef?: { name: string; kind?: string };
}

/** What a componentSpec renders for an autoscaler. */
export interface RenderedScaling {
  readonly hpaSpec?: { minReplicas?: number; maxReplicas: number; metricsv2?: any[] };
  readonly kedaSpec?: {
    minReplicaCount?: number;
    maxReplicaCount?: number;
    idleReplicaCount?: number;
    pollingInterval?: number;
    cooldownPeriod?: number;
    fallback?: { failureThreshold: number; replicas: number };
    advanced?: { restoreToOriginalReplicaCount?: boolean; horizontalPodAutoscalerConfig?: Record<string, unknown> };
    triggers: RenderedTrigger[];
  };
}
