/**
 * Node affinity as `scheduling.attract(Node.labeled(NodeLabelQuery...))`
 * (src/convert/placement-expr.ts): on a predictor's pod, a PrepackagedModel
 * and a v2 Server; forms the library does not render exactly stay patches.
 * Every conversion here is round-tripped by `converted()`.
 */
import { converted as convertedText, expectClean, seldonDeploymentHead, SKLEARN_IRIS_GRAPH } from './helpers';

const converted = (text: string) => convertedText(text, 'affinity.yaml');

/** The code without whitespace or trailing commas, so that a call reads the same however the printer breaks it. */
const flat = (code: string | undefined) => (code ?? '').replace(/\s+/g, '').replace(/,([)\]}])/g, '$1');

/** A SeldonDeployment `fraud` of one component node whose pod spec holds `pod` (lines indented as the pod spec's keys). */
const sdep = (pod: string) => `${seldonDeploymentHead('fraud')}    componentSpecs:
    - spec:
${pod}
        containers:
        - name: classifier
          image: seldonio/mock_classifier:1.18.2
    graph:
      name: classifier
      type: MODEL
`;

const AFFINITY_PATH = 'spec.predictors[].componentSpecs[].spec.affinity';

describe('required node affinity', () => {
  test('In (one value as is(), several as in()), NotIn and Exists in one term: one attract() of all four queries', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - { key: pool, operator: In, values: [inference] }
                - { key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a, eu-west-1b] }
                - { key: node.kubernetes.io/instance-type, operator: NotIn, values: [t3.small] }
                - { key: nvidia.com/gpu.present, operator: Exists }`));
    expectClean(result);
    expect(flat(result.code)).toContain(flat(`fraud.predictorPod('default').scheduling.attract(Node.labeled(
      NodeLabelQuery.is('pool', 'inference'),
      NodeLabelQuery.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b']),
      NodeLabelQuery.notIn('node.kubernetes.io/instance-type', ['t3.small']),
      NodeLabelQuery.exists('nvidia.com/gpu.present')));`));
    expect(result.code).toMatch(/import \{[^}]*\bNodeLabelQuery\b[^}]*\} from 'cdk8s-plus-27'/);
  });

  test('several terms are one attract() each, in order; DoesNotExist, Gt and Lt', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions: [{ key: spot, operator: DoesNotExist }]
              - matchExpressions: [{ key: cpu-count, operator: Gt, values: ["8"] }, { key: cpu-count, operator: Lt, values: ["65"] }]`));
    expectClean(result);
    const code = flat(result.code);
    const first = code.indexOf(flat("scheduling.attract(Node.labeled(NodeLabelQuery.doesNotExist('spot')));"));
    const second = code.indexOf(flat("scheduling.attract(Node.labeled(NodeLabelQuery.gt('cpu-count', ['8']), NodeLabelQuery.lt('cpu-count', ['65'])));"));
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
  });

  test('a term with matchFields stays a patch, and so do the other terms of its list', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions: [{ key: pool, operator: In, values: [inference] }]
              - matchFields: [{ key: metadata.name, operator: In, values: [node-1] }]`));
    expect(result.objects[0].patchedFields).toEqual([AFFINITY_PATH]);
    expect(result.code).not.toContain('attract(');
  });

  test('Exists written with an empty values list and In with none stay patches: the queries would render other lists', () => {
    for (const requirement of ['{ key: gpu, operator: Exists, values: [] }', '{ key: gpu, operator: In, values: [] }', '{ key: gpu, operator: Near }']) {
      const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [{ matchExpressions: [${requirement}] }]`));
      expect(result.objects[0].patchedFields).toEqual([AFFINITY_PATH]);
      expect(result.code).not.toContain('NodeLabelQuery');
    }
  });
});

describe('preferred node affinity', () => {
  test('each preference is attract(node, { weight }), beside a required term', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [{ matchExpressions: [{ key: kubernetes.io/os, operator: In, values: [linux] }] }]
            preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 80
              preference:
                matchExpressions: [{ key: pool, operator: In, values: [inference, batch] }]
            - weight: 1
              preference:
                matchExpressions: [{ key: spot, operator: DoesNotExist }]`));
    expectClean(result);
    const code = flat(result.code);
    expect(code).toContain(flat("scheduling.attract(Node.labeled(NodeLabelQuery.is('kubernetes.io/os', 'linux')));"));
    expect(code).toContain(flat("scheduling.attract(Node.labeled(NodeLabelQuery.in('pool', ['inference', 'batch'])), { weight: 80 });"));
    expect(code).toContain(flat("scheduling.attract(Node.labeled(NodeLabelQuery.doesNotExist('spot')), { weight: 1 });"));
  });

  test('a preference of matchFields stays a patch while the required terms are typed', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [{ matchExpressions: [{ key: pool, operator: In, values: [inference] }] }]
            preferredDuringSchedulingIgnoredDuringExecution:
            - { weight: 10, preference: { matchFields: [{ key: metadata.name, operator: In, values: [node-1] }] } }`));
    expect(result.objects[0].patchedFields).toEqual([`${AFFINITY_PATH}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`]);
    expect(flat(result.code)).toContain(flat("scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'inference')));"));
    expect(result.code).not.toMatch(/attract\([^;]*weight/);
  });

  test('pod affinity beside node affinity stays a patch of its own', () => {
    const result = converted(sdep(`        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
            - { weight: 50, preference: { matchExpressions: [{ key: pool, operator: In, values: [inference] }] } }
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: cache } } }`));
    expect(result.objects[0].patchedFields).toEqual([`${AFFINITY_PATH}.podAffinity`]);
    expect(flat(result.code)).toContain(flat("scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'inference')), { weight: 50 });"));
  });
});

describe('other owners of a pod', () => {
  test('a PrepackagedModel attracts through its own scheduling', () => {
    const result = converted(`${seldonDeploymentHead('iris')}    componentSpecs:
    - spec:
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [{ matchExpressions: [{ key: pool, operator: In, values: [inference] }] }]
        containers: []
${SKLEARN_IRIS_GRAPH}`);
    expectClean(result);
    expect(flat(result.code)).toContain(flat("iris.scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'inference')));"));
  });

  const server = (pod: string) => `apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: gpu-server }
spec:
  serverConfig: mlserver
  podSpec:
${pod}`;

  test('a v2 Server: attract() and tolerate() on SeldonServer.scheduling, beside the image prop', () => {
    const result = converted(server(`    containers: [{ name: mlserver, image: example.com/mlserver:1 }]
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms: [{ matchExpressions: [{ key: nvidia.com/gpu.present, operator: In, values: ["true"] }] }]
        preferredDuringSchedulingIgnoredDuringExecution:
        - { weight: 20, preference: { matchExpressions: [{ key: pool, operator: NotIn, values: [batch] }] } }
    tolerations: [{ key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }]
`));
    expectClean(result);
    const code = flat(result.code);
    expect(code).toContain(flat("image: 'example.com/mlserver:1'"));
    expect(code).toContain(flat("gpuServer.scheduling.attract(Node.labeled(NodeLabelQuery.is('nvidia.com/gpu.present', 'true')));"));
    expect(code).toContain(flat("gpuServer.scheduling.attract(Node.labeled(NodeLabelQuery.notIn('pool', ['batch'])), { weight: 20 });"));
    expect(code).toContain(flat("gpuServer.scheduling.tolerate(Node.tainted(NodeTaintQuery.exists('nvidia.com/gpu', { effect: TaintEffect.NO_SCHEDULE })));"));
  });

  test('a v2 Server\'s toleration without operator stays a patch: nothing there compares it equal to Equal', () => {
    const result = converted(server('    tolerations: [{ key: pool, value: inference }]\n'));
    expect(result.objects[0].patchedFields).toEqual(['spec.podSpec']);
    expect(result.code).not.toContain('tolerate(');
  });
});
