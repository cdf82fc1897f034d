/**
 * The names a converted program imports from cdk8s-seldon, for the
 * evaluator. The converter sits below the jsii entry point (src/index.ts),
 * so it collects the same modules itself; a test checks that every export
 * of the entry point is here.
 */
import * as podPlacement from '../k8s/pod-placement';
import * as podSettings from '../k8s/pod-settings';
import * as migration from '../migration';
import * as modelUri from '../model-uri';
import * as rcloneExternalSecret from '../rclone/rclone-external-secret';
import * as rcloneRemote from '../rclone/rclone-remote';
import * as rcloneSecret from '../rclone/rclone-secret';
import * as autoscaler from '../v1/autoscaling/autoscaler';
import * as kedaTrigger from '../v1/autoscaling/keda-trigger';
import * as deploymentSettings from '../v1/deployment-settings';
import * as disruptionBudget from '../v1/disruption-budget';
import * as explainer from '../v1/explainer';
import * as explainerContainer from '../v1/explainer-container';
import * as logger from '../v1/logger';
import * as modelParameter from '../v1/model-parameter';
import * as predictiveUnit from '../v1/predictive-unit';
import * as predictor from '../v1/predictor';
import * as predictorDeployment from '../v1/predictor-deployment';
import * as prepackagedModel from '../v1/prepackaged-model';
import * as prepackagedServer from '../v1/prepackaged-server';
import * as protocol from '../v1/protocol';
import * as seldonDeployment from '../v1/seldon-deployment';
import * as unitEndpoint from '../v1/unit-endpoint';
import * as v2 from '../v2';

/** Every export of the library's entry point, by name. */
export const LIBRARY: Readonly<Record<string, unknown>> = Object.assign({},
  modelUri, podPlacement, podSettings, rcloneRemote, rcloneSecret, rcloneExternalSecret, protocol, modelParameter, prepackagedServer, predictiveUnit,
  explainer, logger, predictor, seldonDeployment, prepackagedModel, deploymentSettings, predictorDeployment, autoscaler,
  kedaTrigger, disruptionBudget, unitEndpoint, explainerContainer, v2, migration);
