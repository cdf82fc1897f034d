import { k8s } from 'cdk8s-plus-27';
import { show } from '../errors';
import { ExplainerProps } from './explainer';
import { renderResources, resourceProblems } from '../k8s/container-resources';
import { renderEnv } from '../k8s/env';
import { explainerDeploymentName } from './operator/names';
import { EndpointType } from './unit-endpoint';

type Report = (field: string, problem: string, accepted: string) => void;

/** The explainer fields of ExplainerContainerProps. */
export function renderExplainerContainer(explainer: ExplainerProps, sdepName: string, predictorName: string) {
  const env = renderEnv(explainer.env);
  const resources = renderResources(explainer.resources);
  const declared = explainer.image !== undefined || resources !== undefined || env.length > 0;
  return {
    // The container needs a name in the CRD; the operator's default is the explainer Deployment's name.
    containerSpec: declared ? k8s.toJson_Container({
      name: explainerDeploymentName(sdepName, predictorName),
      image: explainer.image,
      resources,
      env: env.length ? env : undefined,
    }) : undefined,
    endpoint: explainer.endpointType === undefined ? undefined : { type: explainer.endpointType },
    initParameters: explainer.initParameters === undefined ? undefined : JSON.stringify(explainer.initParameters),
    serviceAccountName: explainer.serviceAccount?.name,
  };
}

/** Checks of the explainer's container fields. */
export function explainerContainerProblems(explainer: ExplainerProps, field: (f: string) => string, report: Report): void {
  const types = Object.values(EndpointType) as string[];
  if (explainer.endpointType !== undefined && !types.includes(explainer.endpointType)) {
    report(field('endpointType'), `${show(explainer.endpointType)} is not an endpoint type`, `accepted: ${types.join(', ')}`);
  }
  if (explainer.image !== undefined && (typeof explainer.image !== 'string' || explainer.image.trim() === '' || /\s/.test(explainer.image))) {
    report(field('image'), `${show(explainer.image)} is not an image reference`, 'an image such as "seldonio/alibiexplainer:1.18.2"');
  }
  for (const issue of resourceProblems(explainer.resources)) report(field('resources'), issue, 'requests at most the limits, amounts above zero');
  const init = explainer.initParameters;
  if (init !== undefined) {
    let json: string | undefined;
    try {
      json = init !== null && typeof init === 'object' && !Array.isArray(init) ? JSON.stringify(init) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined) report(field('initParameters'), 'is not an object JSON can hold', 'an object of the explainer\'s constructor arguments (strings, numbers, booleans, lists, objects), e.g. { threshold: 0.95 }');
  }
}
