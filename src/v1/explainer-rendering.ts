import { k8s } from 'cdk8s-plus-27';
import { show } from '../errors';
import { Transport } from './deployment-settings';
import { ExplainerProps } from './explainer';
import { renderResources, resourceProblems } from '../k8s/container-resources';
import { containerEnvProblems, renderEnv } from '../k8s/env';
import { sortedJson } from '../k8s/sorted-json';
import { explainerDeploymentName } from './operator/names';
import { SeldonProtocol } from './protocol';
import { EndpointType } from './unit-endpoint';

type Report = (field: string, problem: string, accepted: string) => void;

export const EXPLAINER_NAME_ACCEPTED = 'a SeldonDeployment and predictor name that make "<deployment>-<predictor>-explainer" at most 61 characters, '
  + 'or more than 63 (the operator then names the explainer seldon-<hash>)';

/**
 * Why an explainer's storage initializer would take the explainer container's own name, if it would: the container is
 * named after the explainer's Deployment, and the operator names the initializer `<container>-model-initializer` cut to
 * 63 characters with a trailing "-" trimmed (model_initializer_injector.go), which leaves a name of 62 or 63
 * characters as it is. Kubernetes refuses a pod whose init container has a container's name.
 */
export function explainerInitializerCut(sdepName: string, predictorName: string): string | undefined {
  const name = explainerDeploymentName(sdepName, predictorName);
  if (name.length !== 62 && name.length !== 63) return undefined;
  return `makes the operator add a storage initializer to the explainer's container "${name}" (${name.length} characters), named "<container>-model-initializer" `
    + 'cut to 63 characters with a trailing "-" trimmed: the container\'s own name, which Kubernetes refuses in one pod (model_initializer_injector.go)';
}

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
    // Keys sorted, as in the manifest's own maps: the same parameters give the same string, in whatever order they were given.
    initParameters: explainer.initParameters === undefined ? undefined : sortedJson(explainer.initParameters),
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
  // The operator copies them into the explainer's container (seldondeployment_explainers.go), where the API server checks the names.
  containerEnvProblems(explainer.env, name => field(`env[${show(name)}]`), report);
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

/**
 * Checks of an explainer against the deployment's protocol and transport: what
 * the operator writes into an Alibi explainer under the v2 and kfserving protocols.
 */
export function explainerProtocolProblems(explainer: ExplainerProps, protocol: SeldonProtocol | undefined, transport: Transport | undefined,
  field: (f: string) => string, report: Report): void {
  const v2 = protocol === SeldonProtocol.V2 || protocol === SeldonProtocol.KFSERVING;
  if (v2 && Object.keys(explainer.env ?? {}).length > 0) {
    // seldondeployment_explainers.go createExplainer: explainerContainer.Env = getAlibiExplainEnvVars(...)
    report(field('env'), `would be lost: under the ${protocol} protocol the operator replaces the explainer container's env with MLServer's alibi-explain variables`,
      'accepted: no env on a v2 explainer (pass the explainer\'s settings in initParameters)');
  }
  // seldondeployment_explainers.go takes the predictor's gRPC endpoint for grpc transport or a GRPC explainer endpoint, and under
  // v2 mlserver.go getAlibiExplainExtraEnvVars writes it into infer_uri as "http://<endpoint>/v2/...": REST to the executor's gRPC port.
  // seldondeployment_explainers.go createExplainer: the v2 branch reads only initParameters, the other only config (as arguments).
  if (v2 && Object.keys(explainer.config ?? {}).length > 0) {
    report(field('config'), `would be lost: under the ${protocol} protocol the operator hands MLServer's alibi-explain runtime only initParameters`,
      'initParameters: { ... } for a v2 explainer');
  }
  if (!v2 && explainer.initParameters !== undefined && explainer.initParameters !== null && Object.keys(explainer.initParameters).length > 0) {
    report(field('initParameters'), `would be lost: under the ${protocol ?? 'seldon'} protocol the operator starts the Alibi explainer with config as its arguments and never reads initParameters`,
      'config: { key: "value" } (passed as --key=value) under this protocol, or initParameters under the v2 protocol');
  }
  if (v2 && (transport === Transport.GRPC || explainer.endpointType === EndpointType.GRPC)) {
    const why = explainer.endpointType === EndpointType.GRPC ? 'endpointType GRPC' : 'the deployment\'s grpc transport';
    // The deployment's own prop when the transport is the cause, so the message points at what the user set.
    report(explainer.endpointType === EndpointType.GRPC ? field('endpointType') : 'transport',
      `would fail every explanation: with ${why} the operator gives MLServer's alibi-explain runtime the predictor's gRPC endpoint, which it calls over REST (infer_uri http://<predictor>:<gRPC port>/v2/...)`,
      `under the ${protocol} protocol, an explainer with REST: no endpointType GRPC and no grpc transport on the deployment`);
  }
}
