/**
 * Objects the cluster refuses as written are errors quoting the rule, for every
 * kind alike (src/convert/rejected.ts): Kubernetes names, Seldon's CRD schemas,
 * the v2 scheduler's and operator's rules.
 */
import { convertManifests } from '../../src/convert';

const outcome = (yaml: string) => convertManifests(yaml, 'rejected.yaml').objects[0];
const v2 = (kind: string, name: string, spec: string) => `apiVersion: mlops.seldon.io/v1alpha1\nkind: ${kind}\nmetadata: { name: ${JSON.stringify(name)} }\nspec: ${spec}\n`;

describe('objects the cluster refuses', () => {
  test.each([
    ['a SeldonDeployment named like a template', `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: { name: "<your-deployment-name>" }
spec: { predictors: [{ name: default, graph: { name: classifier, implementation: SKLEARN_SERVER, modelUri: "gs://m/x" } }] }`,
    /metadata\.name "<your-deployment-name>" is not a valid Kubernetes name \("the API server refuses the object"\)/],
    ['a templated namespace', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: "{{ .Release.Namespace }}" }\n',
      /metadata\.namespace "\{\{ \.Release\.Namespace \}\}" is not a namespace name/],
    ['a field of the wrong type under Seldon\'s CRD', `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: { name: iris }
spec:
  predictors:
  - name: default
    componentSpecs: [{ spec: { containers: [{ name: classifier, imagePullPolicy: 22 }] } }]
    graph: { name: classifier, implementation: SKLEARN_SERVER, modelUri: "gs://m/x" }`,
    /imagePullPolicy must be a string, got 22 \("the API server validates it against Seldon's CRD"\)/],
    ['a Model without storageUri', v2('Model', 'iris', '{ storagUri: "gs://m/x" }'), /spec missing required field "storageUri"/],
    ['a Model whose explainer names no model or pipeline (Seldon\'s agent crashes on it)', v2('Model', 'explainer', '{ storageUri: "gs://m/x", explainer: { type: anchor_tabular } }'),
      /spec\.explainer names neither modelRef nor pipelineRef; Seldon's agent crashes .*\("scheduler\/pkg\/agent\/repository\/mlserver\/mlserver\.go setExtraParameters"\)/],
    ['a Model name with a dot', v2('Model', 'iris.v2', '{ storageUri: "gs://m/x" }'),
      /metadata\.name "iris\.v2" is refused by Seldon's scheduler \("scheduler\/pkg\/store\/utils\/validate\.go CheckName"\)/],
    ['a pipeline step named like the pipeline', v2('Pipeline', 'iris', '{ steps: [{ name: iris }], output: { steps: [iris] } }'),
      /spec\.steps\[0\]\.name "iris" is the pipeline's own name \("scheduler pipeline\/validate\.go checkStepNameNotPipelineName"\)/],
    ['a pipeline output naming no step', v2('Pipeline', 'p', '{ steps: [{ name: a }], output: { steps: [b.outputs] } }'),
      /spec\.output\.steps\[0\] "b\.outputs" names no step of the pipeline/],
    ['an experiment without candidates or mirror', v2('Experiment', 'e', '{ candidates: [] }'), /spec\.candidates is empty and there is no mirror/],
    ['an experiment whose default is no candidate', v2('Experiment', 'e', '{ default: c, candidates: [{ name: a, weight: 50 }, { name: b, weight: 50 }] }'),
      /spec\.default "c" is no candidate \("scheduler experiment\/validate\.go validateDefaultModelIsCandidate"\)/],
    ['a Server name with a dot', v2('Server', 'mlserver.name', '{ serverConfig: mlserver }'),
      /replica Services "mlserver\.name-0", \.\.\., which are no valid Service names \("operator service_reconciler\.go toServices"\)/],
  ])('%s is an error', (_, yaml, message) => {
    const o = outcome(yaml);
    expect(o.status).toBe('error');
    expect(o.message).toMatch(message);
  });

  test('never echoes a credential: the user info of a URL in a name, a reference or a value the CRD validator quotes', () => {
    const secret = 'https://user:hunter2@host/x';
    const messages = [
      outcome(v2('Model', secret, '{ storageUri: gs://b/m, requirements: [sklearn] }')).message,
      outcome(v2('Pipeline', 'p', `{ steps: [{ name: a, inputs: ["${secret}"] }], output: { steps: [a] } }`)).message,
      outcome(v2('Experiment', 'e', `{ default: "${secret}", candidates: [{ name: a, weight: 50 }] }`)).message,
      outcome(v2('Server', 's', `{ serverConfig: mlserver, replicas: "${secret}" }`)).message,
    ];
    for (const message of messages) {
      expect(message).toBeDefined();
      expect(message).not.toContain('hunter2');
      expect(message).toContain('://***@');
    }
  });

  test('a step reading the pipeline\'s own inputs is no error (validate.go accepts the pipeline name)', () => {
    expect(outcome(v2('Pipeline', 'p', '{ steps: [{ name: a, inputs: [p.inputs.INPUT0] }], output: { steps: [a] } }')).status).toBe('converted');
  });

  test('a Secret value that is no string is refused, and never written into the program', () => {
    const result = convertManifests('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData:\n  RCLONE_CONFIG_S3_TYPE: s3\n  RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: 31415926535\n', 's.yaml');
    expect(result.objects[0]).toMatchObject({ status: 'error' });
    expect(result.objects[0].message).toMatch(/stringData\["RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"\] is a number, not a string \(value not shown\) \("the API server refuses the Secret"\); quote the value/);
    expect(`${result.code ?? ''}${JSON.stringify(result.objects)}`).not.toContain('31415926535');
    expect(outcome('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata: [a, b]\n').message).toMatch(/data is not a map of strings \("the API server refuses the Secret"\)/);
    // An empty Helm value renders as null, which the API server reads as an empty string: no error.
    expect(outcome('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { password: null }\n').status).not.toBe('error');
  });

  test('a Seldon kind under a version or name Seldon does not serve is refused, naming what is served', () => {
    const sdep = outcome('apiVersion: machinelearning.seldon.io/v2\nkind: SeldonDeployment\nmetadata: { name: d }\nspec: { predictors: [] }\n');
    expect(sdep).toMatchObject({ status: 'error' });
    expect(sdep.message).toMatch(/apiVersion "machinelearning.seldon.io\/v2" with kind "SeldonDeployment" is no resource Seldon serves \("the API server has no such resource"\); one of: SeldonDeployment v1, /);
    expect(outcome('apiVersion: mlops.seldon.io/v1alpha2\nkind: Model\nmetadata: { name: m }\nspec: { storageUri: "gs://a/b" }\n')).toMatchObject({ status: 'error' });
  });

  test('an object or file named like an Object.prototype member converts (constructs looks ids up with `in`)', () => {
    const result = convertManifests(v2('Model', 'constructor', '{ storageUri: "gs://m/x", requirements: [sklearn] }'), 'constructor.yaml');
    expect(result.objects[0]).toMatchObject({ status: 'converted' });
    expect(result.code).toContain("new Chart(app, 'constructor-chart'");
    expect(result.code).toContain("new SeldonModel(chart, 'constructor-model', {");
  });
});
