import { ISecret } from 'cdk8s-plus-27';
import { ModelUri } from '../model-uri';
import { ExplainerContainerProps } from './explainer-container';

/** Alibi explainer algorithms Seldon Core v1 runs (`explainer.type`). */
export enum ExplainerType {
  /** Anchors for tabular data. */
  ANCHOR_TABULAR = 'AnchorTabular',
  /** Anchors for images. */
  ANCHOR_IMAGES = 'AnchorImages',
  /** Anchors for text. */
  ANCHOR_TEXT = 'AnchorText',
  /** Counterfactual instances. */
  COUNTERFACTUALS = 'Counterfactuals',
  /** Contrastive explanations. */
  CONTRASTIVE = 'Contrastive',
  /** Kernel SHAP. */
  KERNEL_SHAP = 'KernelShap',
  /** Integrated gradients. */
  INTEGRATED_GRADIENTS = 'IntegratedGradients',
  /** Accumulated local effects. */
  ALE = 'ALE',
  /** Tree SHAP. */
  TREE_SHAP = 'TreeShap',
}

/** An explainer for a predictor (`predictors[].explainer`). */
export interface ExplainerProps extends ExplainerContainerProps {
  /** The explainer algorithm. */
  readonly explainerType: ExplainerType;
  /**
   * Where the fitted explainer artifact is.
   * @default - none: the explainer is fitted at start-up where the algorithm allows it
   */
  readonly modelUri?: ModelUri;
  /**
   * Storage credentials for the explainer's storage initializer.
   * @default - none
   */
  readonly credentials?: ISecret;
  /**
   * The storage initializer image.
   * @default - the operator's
   */
  readonly storageInitializerImage?: string;
  /**
   * Replicas of the explainer.
   * @default - not rendered: Kubernetes' 1, or 0 while the predictor has 0 (seldondeployment_explainers.go)
   */
  readonly replicas?: number;
  /**
   * Explainer configuration (`explainer.config`), passed to the Alibi explainer as `--key=value` arguments: under the
   * seldon and tensorflow protocols only, where the operator reads it. The operator's image reads only the options of
   * the explainer type (e.g. `threshold`, `delta`, `batch_size` for the anchors) and drops any other key; a value its
   * option's type (float, int, or true/false) refuses makes it exit at start, so both are errors. A key holding "=" is
   * an error too: argparse splits `--threshold=2=0.9` at its first "=" (option `threshold`, value `2=0.9`).
   * @default - none
   */
  readonly config?: { [key: string]: string };
}
