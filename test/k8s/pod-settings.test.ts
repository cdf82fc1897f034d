import { Testing, Duration } from 'cdk8s';
import {
  Deployment, Node, NodeLabelQuery, NodeTaintQuery, Pods, Secret, ServiceAccount, TaintEffect, Topology, LabeledNode,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { PodSettings } from '../../src/k8s/pod-settings';

function owner() {
  const chart = Testing.chart();
  return { chart, scope: new Construct(chart, 'owner') };
}

describe('pod placement renders what cdk8s-plus renders', () => {
  test('attract: requirements are alternatives, weights are preferences', () => {
    const { scope } = owner();
    const pod = new PodSettings(scope, 'Thing');
    pod.scheduling.attract(Node.labeled(NodeLabelQuery.is('gpu', 'a100')));
    pod.scheduling.attract(Node.labeled(NodeLabelQuery.in('zone', ['a', 'b'])), { weight: 50 });
    expect(pod._toPodSpec().affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'In', values: ['a100'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 50, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] } },
        ],
      },
    });
  });

  test('the same calls on a cdk8s-plus Deployment give the same affinity and tolerations', () => {
    const { chart, scope } = owner();
    const pod = new PodSettings(scope, 'Thing');
    const deployment = new Deployment(chart, 'd', { containers: [{ image: 'x' }] });
    const other = Pods.select(chart, 'others', { labels: { app: 'cache' } });
    for (const s of [pod.scheduling, deployment.scheduling]) {
      s.attract(Node.labeled(NodeLabelQuery.exists('gpu')));
      s.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(30) })));
      s.colocate(other, { topology: Topology.ZONE, weight: 10 });
      s.separate(other);
    }
    const dep = Testing.synth(chart).find(o => o.kind === 'Deployment')!.spec.template.spec;
    const ours = JSON.parse(JSON.stringify(pod._toPodSpec()));
    expect(ours.tolerations).toEqual(dep.tolerations);
    expect(ours.affinity).toEqual(dep.affinity);
    expect(ours.tolerations[0]).toEqual({ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoExecute', tolerationSeconds: 30 });
  });

  test('spread separates the owner\'s own pods; without them it is an error', () => {
    const { chart, scope } = owner();
    const pod = new PodSettings(scope, 'Thing');
    expect(() => pod.scheduling.spread()).toThrow("Thing 'test/owner': scheduling.spread() needs labels that select only these pods");
    pod.scheduling._selectOwnPods(Pods.select(chart, 'self', { labels: { 'seldon-server-name': 's' } }));
    pod.scheduling.spread({ topology: Topology.ZONE, weight: 100 });
    expect(pod._toPodSpec().affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { 'seldon-server-name': 's' } } } },
    ]);
  });

  test('assign: one named node', () => {
    const { scope } = owner();
    const pod = new PodSettings(scope, 'Thing');
    pod.scheduling.assign(Node.named('node-1'));
    expect(pod._toPodSpec().nodeName).toBe('node-1');
    expect(() => pod.scheduling.assign(Node.named('node-2'))).toThrow(/scheduling.assign\(node\) "node-2" is a second node/);
  });

  test('wrong runtime types and weights are reported with the house format', () => {
    const { scope } = owner();
    const s = new PodSettings(scope, 'Thing').scheduling;
    expect(() => s.attract('gpu' as any)).toThrow("Thing 'test/owner': scheduling.attract() node is a string \"gpu\"; accepted: a LabeledNode from Node.labeled()");
    expect(() => s.attract(new LabeledNode([]))).toThrow(/is not a labeled node/);
    expect(() => s.tolerate(Node.labeled(NodeLabelQuery.exists('x')) as any)).toThrow(/scheduling\.tolerate\(\) node is a LabeledNode object; accepted: a TaintedNode/);
    expect(() => s.colocate({} as any)).toThrow(/scheduling\.colocate\(\) selector is a plain object; accepted: an IPodSelector/);
    expect(() => s.attract(Node.labeled(NodeLabelQuery.exists('x')), { weight: 0 })).toThrow(/scheduling.attract weight 0 is not a scheduling weight; a whole number from 1 to 100/);
    expect(() => s.separate(Pods.all(scope, 'all'), { topology: 'zone' as any })).toThrow(/scheduling\.separate\(\) options\.topology is a string "zone"; accepted: a Topology/);
    expect(s.isEmpty).toBe(true);
  });

  test('node queries and taints the API server refuses, or the scheduler cannot compare, are refused where they are given', () => {
    const { scope } = owner();
    const s = new PodSettings(scope, 'Thing').scheduling;
    const attract = (...queries: NodeLabelQuery[]) => () => s.attract(Node.labeled(...queries));
    expect(attract(NodeLabelQuery.is('Bad Key!', 'x'))).toThrow(
      /Thing 'test\/owner': scheduling\.attract\(node\) query 0 key "Bad Key!" is not a qualified name; a key such as "team" or "example\.com\/team" is accepted/);
    expect(attract(NodeLabelQuery.exists('ok'), NodeLabelQuery.in('pool', []))).toThrow(/query 1 In on "pool" has no values, which the API server refuses/);
    expect(attract(NodeLabelQuery.gt('cpus', ['4', '8']))).toThrow(/query 0 Gt on "cpus" has 2 values, which the API server refuses; one value: NodeLabelQuery\.gt\(key, \[n\]\)/);
    expect(attract(NodeLabelQuery.lt('cpus', ['1.5']))).toThrow(/query 0 Lt on "cpus" compares with "1\.5", which is not an integer: the scheduler would match no node/);
    // JavaScript passes numbers where cdk8s-plus wants strings, and cdk8s-plus renders them as given
    expect(attract(NodeLabelQuery.gt('cpus', [4] as any))).toThrow(/query 0 Gt on "cpus" has the value 4, which is not a string/);
    const tolerate = (...queries: NodeTaintQuery[]) => () => s.tolerate(Node.tainted(...queries));
    expect(tolerate(NodeTaintQuery.is('gpu', 'a b'))).toThrow(/scheduling\.tolerate\(node\) query 0 value "a b" is not a label value/);
    expect(tolerate(NodeTaintQuery.exists('bad key'))).toThrow(/query 0 key "bad key" is not a qualified name/);
    expect(tolerate(NodeTaintQuery.is('', 'x'))).toThrow(/query 0 has no key, which the API server accepts only with the Exists operator/);
    // cdk8s-plus threw a bare "cannot be converted into a whole number of seconds" for this
    expect(tolerate(NodeTaintQuery.is('gpu', 'a', { effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.millis(1500) })))
      .toThrow(/Thing 'test\/owner': scheduling\.tolerate\(node\) query 0 evictAfter 1 second 500 millis is not whole seconds \(it becomes tolerationSeconds\); a Duration of whole seconds/);
    expect(attract(NodeLabelQuery.in('pool', ['gpu a100']))).toThrow(/query 0 In on "pool" compares with "gpu a100", which no node label can hold; a label value is accepted/);
    expect(attract(NodeLabelQuery.gt('cpus', ['99999999999999999999']))).toThrow(/compares with "99999999999999999999", which is not an integer/);
    // JavaScript: a string for the list, plain objects for the queries
    expect(attract(NodeLabelQuery.in('pool', 'gpu' as any))).toThrow(/query 0 In on "pool" has the values "gpu", which is not a list; a list of strings/);
    expect(() => s.attract(Node.labeled({ key: 'pool' } as any))).toThrow(/scheduling\.attract\(node\) query 0 a plain object is not a NodeLabelQuery/);
    expect(() => s.tolerate(Node.tainted({ key: 'gpu' } as any))).toThrow(/scheduling\.tolerate\(node\) query 0 a plain object is not a NodeTaintQuery/);
    expect(s.isEmpty).toBe(true);
    s.attract(Node.labeled(NodeLabelQuery.gt('cpus', ['-3']), NodeLabelQuery.is('example.com/pool', 'gpu')));
    s.tolerate(Node.tainted(NodeTaintQuery.any(), NodeTaintQuery.is('nvidia.com/gpu', '')));
    expect(s._toKube().affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'cpus', operator: 'Gt', values: ['-3'] }, { key: 'example.com/pool', operator: 'In', values: ['gpu'] },
    ]);
  });
});

describe('pod settings', () => {
  test('pull secrets, service account and priority class render, ordered after what they use', () => {
    const { chart, scope } = owner();
    const secret = Secret.fromSecretName(chart, 'pull', 'registry-creds');
    const sa = new ServiceAccount(chart, 'sa', { metadata: { name: 'models' } });
    const pod = new PodSettings(scope, 'Thing', {
      imagePullSecrets: [secret],
      serviceAccount: sa,
      priorityClassName: 'high',
      podLabels: { team: 'ml' },
      podAnnotations: { 'prometheus.io/scrape': 'true' },
    });
    expect(pod._toPodSpec()).toEqual({ imagePullSecrets: [{ name: 'registry-creds' }], serviceAccountName: 'models', priorityClassName: 'high' });
    expect(pod.podLabels).toEqual({ team: 'ml' });
    expect(pod.podAnnotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(pod.hasPodSpecFields).toBe(true);
    expect(() => pod.addImagePullSecret(secret)).toThrow(/imagePullSecrets\["registry-creds"\] is listed twice/);
    expect(pod.imagePullSecretNames).toEqual(['registry-creds']);
  });

  test('nothing set renders nothing', () => {
    const { scope } = owner();
    const pod = new PodSettings(scope, 'Thing');
    expect(pod._toPodSpec()).toEqual({});
    expect(pod.hasPodSpecFields).toBe(false);
  });

  test('bad props are reported together', () => {
    const { scope } = owner();
    expect(() => new PodSettings(scope, 'Thing', {
      priorityClassName: 'High Priority',
      podLabels: { 'bad key!': 'x', 'ok': 'not a value!' },
      podAnnotations: { a: 1 as any },
      serviceAccount: 'sa' as any,
      imagePullSecrets: 'creds' as any,
    })).toThrow(new RegExp([
      "Thing 'test/owner': imagePullSecrets \"creds\" is not a list; a list of ISecret",
      'serviceAccount "sa" is not a service account; an IServiceAccount',
      'priorityClassName "High Priority" is not a PriorityClass name; a DNS-1123 subdomain',
      'podLabels\\["bad key!"\\] key "bad key!" is not a qualified name',
      'podLabels\\["ok"\\] value "not a value!" is not a label value',
      'podAnnotations\\["a"\\] value 1 is not a string; a string value',
    ].join('[^]*')));
  });
});
