/**
 * The Services and Deployments the Seldon v1 operator makes for a
 * SeldonDeployment (seldondeployment_controller.go createComponents,
 * createPredictorService, createContainerService; seldondeployment_explainers.go;
 * types.go GetDeploymentName; v1.18.2). Services: one per predictor (named
 * `<deployment>-<predictor>`, or what its `seldon.io/svc-name` annotation
 * says), one per graph node that runs a container
 * (`<deployment>-<predictor>-<node>`), one for a predictor's explainer
 * (`<deployment>-<predictor>-explainer`). Deployments:
 * `<deployment>-<predictor>-<index>-<its containers' names>`, read from the
 * operator's model (./operator). Each name past 63 characters becomes
 * `seldon-<hash>`. They are plain concatenations, so two SeldonDeployments
 * (or two predictors of one) can be given one name, and the operator then
 * replaces one object with the other on every reconcile. The app-wide name
 * check counts them (k8s/made-objects.ts).
 */
import { ApiObject } from 'cdk8s';
import { previewSeldonDeployment } from './operator';
import { MadeObject, MadeObjects } from '../k8s/made-objects';
import { jsonPatchCount } from '../k8s/rendered-api-object';
import { ANNOTATIONS, containerServiceName, explainerDeploymentName, predictorServiceName } from './operator/names';
import { Json } from './operator/operator-config';
import { PredictorProps } from './predictor';

const MAKER = 'the Seldon operator';
const SVC_NAME = ANNOTATIONS.serviceName;
const KINDS = ['core/Service', 'apps/Deployment'];
const DEPLOYMENT_CONSEQUENCE = 'the operator would replace the other Deployment with its own on every reconcile (seldondeployment_controller.go createDeployments), '
  + 'taking the other Deployment\'s pods down each time';
const DEPLOYMENT_REMEDY = 'another name for the SeldonDeployment, the predictor or its nodes';
const CONSEQUENCE = 'the operator would replace the other Service with its own on every reconcile (seldondeployment_controller.go createServices), '
  + 'so the deployment would never become ready, and requests to either could reach the other\'s pods';

const REMEDY = 'another name for the SeldonDeployment, the predictor or the node, or another seldon.io/svc-name';
const service = (name: string, role: string): MadeObject => ({ group: 'core', kind: 'Service', name, maker: MAKER, role, consequence: CONSEQUENCE, remedy: REMEDY });

/**
 * The Services and Deployments the operator makes for a SeldonDeployment named `prefix` with these predictors, listed
 * on first ask (`all()`), and the count of JSON patches the Deployments are read with. One object per deployment, kept
 * while its name, predictors and patches are unchanged: no closures held for the whole app.
 * Every name is `<name>-...` (before hashing) but a `seldon.io/svc-name` one, and two of one
 * deployment can meet only with several predictors (a predictor `a-b` beside node `b` of predictor `a`) or an
 * explainer (beside a node named `explainer`): such a deployment says its names are unprefixed, so they are always listed.
 */
export class DeploymentMadeObjects implements MadeObjects {
  public readonly unprefixed: boolean;
  private listed?: MadeObject[];

  public constructor(public readonly prefix: string, private readonly predictors: readonly PredictorProps[],
    private readonly apiObject: ApiObject, public readonly patches: number) {
    // A hashed name (past 63 characters) meets another only where the names hashed are equal, which the prefixes find.
    this.unprefixed = predictors.some(p => p.annotations?.[SVC_NAME] !== undefined) || ownNamesMayMeet(predictors);
  }

  public get kinds(): readonly string[] {
    return KINDS;
  }

  public all(): readonly MadeObject[] {
    if (this.listed === undefined) {
      const name = this.prefix;
      const deployments = operatorDeploymentNames(name, this.apiObject.toJson(), this.patches > 0);
      this.listed = [...allServices(name, this.predictors), ...deployments.map(d => ({
        group: 'apps', kind: 'Deployment', name: d, maker: MAKER, role: 'a Deployment of its pods', consequence: DEPLOYMENT_CONSEQUENCE, remedy: DEPLOYMENT_REMEDY,
      }))];
    }
    return this.listed;
  }
}

/**
 * Whether two names one deployment makes may be equal: all are `<deployment>-<predictor>-...`, so two predictors'
 * only where one predictor's name is another's and a "-" (`a` and `a-b`); within one predictor, only the explainer's
 * Service and that of a node named `explainer`. A canary (`default` and `canary`) lists nothing.
 */
function ownNamesMayMeet(predictors: readonly PredictorProps[]): boolean {
  for (const p of predictors) {
    if (typeof p.name !== 'string') continue;
    if (predictors.some(q => q !== p && typeof q.name === 'string' && q.name.startsWith(`${p.name}-`))) return true;
    if (p.explainer !== undefined && p.graph !== undefined && p.graph._walk().some(u => u.name === 'explainer')) return true;
  }
  return false;
}

function allServices(name: string, predictors: readonly PredictorProps[]): MadeObject[] {
  const sdep = { metadata: { name } };
  const made: MadeObject[] = [];
  for (const p of predictors) {
    const predictor = { name: p.name, annotations: p.annotations };
    made.push(service(predictorServiceName(sdep, predictor), `the Service of predictor ${JSON.stringify(p.name)}`));
    if (p.graph !== undefined) {
      for (const unit of p.graph._walk()) {
        if (unit._spec.kind === 'builtIn') continue;
        made.push(service(containerServiceName(sdep, predictor, unit.name), `the Service of node ${JSON.stringify(unit.name)} of predictor ${JSON.stringify(p.name)}`));
      }
    }
    if (p.explainer !== undefined) made.push(service(explainerDeploymentName(name, p.name), `the explainer's Service of predictor ${JSON.stringify(p.name)}`));
  }
  return made;
}

/**
 * The made objects of a SeldonDeployment's object: `last` while its name and JSON patches are unchanged, else
 * made again. Named from the object's name as rendered (a JavaScript caller can reassign it), as the operator
 * names them; the Deployments are read from the manifest, which a JSON patch added between two synths changes.
 */
export function deploymentMadeObjects(apiObject: ApiObject, predictors: readonly PredictorProps[],
  last: DeploymentMadeObjects | undefined): DeploymentMadeObjects {
  const name = apiObject.name;
  const patches = jsonPatchCount(apiObject);
  if (last !== undefined && last.prefix === name && last.patches === patches) return last;
  return new DeploymentMadeObjects(name, predictors, apiObject, patches);
}

/**
 * What the operator makes of `sdep` (rendered), from its model. Where a JSON patch has reshaped the object past what
 * the model reads, nothing (the API server judges such an object); without a patch the library wrote every field
 * itself, so a failure of the model is the library's own and is thrown, not taken for "no objects".
 */
export function operatorObjectsOf(sdep: Json, patched: boolean): Json[] {
  try {
    return previewSeldonDeployment(sdep).objects;
  } catch (e) {
    if (patched) return [];
    throw e;
  }
}

/** The names of the Deployments the operator makes for a SeldonDeployment named `name` (see `operatorObjectsOf`). */
export function operatorDeploymentNames(name: string, sdep: Json, patched: boolean): string[] {
  // Named as the check names the object (a JSON patch of metadata.name is not read there either).
  const named = { ...sdep, metadata: { ...sdep.metadata, name } };
  return operatorObjectsOf(named, patched).filter(o => o.kind === 'Deployment').map(o => String(o.metadata?.name));
}
