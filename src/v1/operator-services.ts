/**
 * The Services the Seldon v1 operator makes for a SeldonDeployment
 * (seldondeployment_controller.go createComponents, createPredictorService,
 * createContainerService; seldondeployment_explainers.go; v1.18.2): one per
 * predictor (named `<deployment>-<predictor>`, or what its
 * `seldon.io/svc-name` annotation says), one per graph node that runs a
 * container (`<deployment>-<predictor>-<node>`), and one for a predictor's
 * explainer (`<deployment>-<predictor>-explainer`); each name past 63
 * characters becomes `seldon-<hash>`. They are plain concatenations, so two
 * SeldonDeployments (or a predictor and a node of one) can be given one name,
 * and the operator then deletes and re-creates the Service on every reconcile,
 * while a predictor's Service, which selects only `seldon-app: <its name>`,
 * sends requests to the pods of both. The app-wide name check counts them
 * (k8s/made-objects.ts).
 */
import { MadeObject, MadeObjects } from '../k8s/made-objects';
import { ANNOTATIONS, containerServiceName, explainerDeploymentName, predictorServiceName } from './operator/names';
import { PredictorProps } from './predictor';

const MAKER = 'the Seldon operator';
const SVC_NAME = ANNOTATIONS.serviceName;
const CONSEQUENCE = 'the operator deletes and re-creates that Service on every reconcile, so the deployment never becomes ready, and a predictor\'s Service, '
  + 'which selects pods by that name alone, would send requests to the pods of both (seldondeployment_controller.go createServices)';

const REMEDY = 'another name for the SeldonDeployment, the predictor or the node, or another seldon.io/svc-name';
const service = (name: string, role: string): MadeObject => ({ group: 'core', kind: 'Service', name, maker: MAKER, role, consequence: CONSEQUENCE, remedy: REMEDY });

/**
 * The Services the operator makes for a SeldonDeployment named `name` with these predictors, listed on first ask.
 * Every name is `<name>-...` (before hashing) but a `seldon.io/svc-name` one, and two of one
 * deployment can meet only with several predictors (a predictor `a-b` beside node `b` of predictor `a`) or an
 * explainer (beside a node named `explainer`): such a deployment says its names are unprefixed, so they are always listed.
 */
export function operatorServices(name: string, predictors: readonly PredictorProps[]): MadeObjects {
  let listed: MadeObject[] | undefined;
  // A hashed name (past 63 characters) meets another only where the names hashed are equal, which the prefixes find.
  const unprefixed = predictors.length > 1 || predictors.some(p => p.explainer !== undefined || p.annotations?.[SVC_NAME] !== undefined);
  return {
    group: 'core',
    kind: 'Service',
    prefix: name,
    unprefixed,
    all: () => listed ??= allServices(name, predictors),
  };
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
