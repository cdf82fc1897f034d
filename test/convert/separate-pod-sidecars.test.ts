/**
 * A further componentSpec whose containers are graph nodes, then containers
 * that are none: `separatePods` with `sidecars` and `volumes` (src/convert/v1-pod.ts).
 */
import { converted as convertedText, expectClean, seldonDeploymentHead } from './helpers';

const converted = (text: string) => convertedText(text, 'separate.yaml');

/** Two componentSpecs: the first holds `classifier`, the second `second` and whatever `more` adds to its pod spec. */
const sdep = (containers: string, more = '') => `${seldonDeploymentHead('fraud')}    componentSpecs:
    - spec:
        containers:
        - name: classifier
          image: seldonio/mock_classifier:1.18.2
    - spec:
        containers:
${containers}${more}
    graph:
      name: classifier
      type: MODEL
      children:
      - name: second
        type: MODEL
`;

describe('separate pods with sidecars and volumes', () => {
  test('a container after the nodes\' is a sidecar of the separate pod, its emptyDir volume a Volume', () => {
    const result = converted(sdep(`        - name: second
          image: seldonio/mock_classifier:1.18.2
        - name: log-shipper
          image: fluent/fluent-bit:3.0
          volumeMounts: [{ name: logs, mountPath: /logs }]`, `
        volumes:
        - name: logs
          emptyDir: {}`));
    expectClean(result);
    // Compared without white space and trailing commas, as the printer lays the code out.
    const code = result.code!.replace(/\s+/g, '').replace(/,([}\]])/g, '$1');
    expect(code).toContain("separatePods:[{nodes:['second'],sidecars:[{name:'log-shipper',image:'fluent/fluent-bit:3.0',volumeMounts:[{name:'logs',mountPath:'/logs'}]}],volumes:[logs]}]");
    expect(code).toContain("constlogs=Volume.fromEmptyDir(chart,'logs','logs');");
  });

  test('a sidecar listed before the pod\'s node, or one with no k8s.Container form, leaves the componentSpecs to a patch', () => {
    const before = converted(sdep(`        - name: log-shipper
          image: fluent/fluent-bit:3.0
        - name: second
          image: seldonio/mock_classifier:1.18.2`));
    expect(before.objects[0].patchedFields).toContain('spec.predictors[].componentSpecs');
    const hooked = converted(sdep(`        - name: second
          image: seldonio/mock_classifier:1.18.2
        - name: log-shipper
          image: fluent/fluent-bit:3.0
          lifecycle: { preStop: { exec: { command: [sleep, "5"] } } }`));
    expect(hooked.objects[0].patchedFields).toContain('spec.predictors[].componentSpecs');
  });
});
