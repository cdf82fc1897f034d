/**
 * Work the v1 constructs skip or defer for the common model (src/v1/predictor-pods.ts,
 * src/rclone/rclone-secret.ts `_definesRemote`), and that what they skip or defer
 * gives the same output and messages as doing it at once.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { Node, NodeLabelQuery, Secret, ServiceAccount } from 'cdk8s-plus-27';
import {
  ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment, SeldonProtocol,
} from '../../src';
import { PodSettings } from '../../src/k8s/pod-settings';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';
import { UnitSpec } from '../../src/v1/predictive-unit';
import { containerSettingProblems, hasContainerSettings } from '../../src/v1/unit-container-settings';
import { checkUnitWebhookRules } from '../../src/v1/webhook-rules';

const minio = (name?: string) => RcloneRemote.minio({ name, endpoint: 'http://minio:9000', accessKeyId: 'AKIAX', secretAccessKey: 'secret' });

/** The pod settings a deployment has made so far, for a predictor. */
function made(d: SeldonDeployment, predictor: string): PodSettings | undefined {
  return (d as unknown as { pods: { made(name: string): PodSettings | undefined } }).pods.made(predictor);
}

describe('a predictor\'s pod settings are made when first asked for, unless its props set a pod field', () => {
  test('a model without pod fields makes none; predictorPod() makes them once, and a placement set after a synth is in the next', () => {
    const chart = Testing.chart();
    const m = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') });
    expect(made(m, 'default')).toBeUndefined();
    const before = Testing.synth(chart);
    expect(before[0].spec.predictors[0].componentSpecs).toBeUndefined();
    const pod = m.predictorPod('default');
    expect(made(m, 'default')).toBe(pod);
    expect(m.predictorPod('default')).toBe(pod);
    expect(m.scheduling).toBe(pod.scheduling);
    // Made but empty: renders as nothing, as before it was made.
    expect(Testing.synth(chart)).toEqual(before);
    pod.scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'gpu')));
    const after = Testing.synth(chart)[0].spec.predictors[0];
    expect(after.componentSpecs[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] }]);
  });

  test('spread() on a pod made late selects the deployment\'s own pods, as one made at once', () => {
    const chart = Testing.chart();
    const m = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') });
    m.scheduling.spread();
    const eager = new PrepackagedModel(chart, 'wine', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'wine'), priorityClassName: 'high',
    });
    expect(made(eager, 'default')).toBeDefined();
    eager.scheduling.spread();
    const [iris, wine] = Testing.synth(chart);
    const [lazy, early] = [iris, wine].map(o => o.spec.predictors[0].componentSpecs[0].spec.affinity);
    expect(lazy.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual({
      'seldon-deployment-id': iris.metadata.name, 'version': 'default',
    });
    expect(JSON.stringify(lazy).split(iris.metadata.name).join(wine.metadata.name)).toBe(JSON.stringify(early));
  });

  // Every field PodSettingsProps declares (the generated prop-shape table, so a field added later is covered),
  // set alone, makes the settings at construction: a deferred one would leave the field out of the manifest.
  const podValues: Record<string, (chart: Chart) => unknown> = {
    imagePullSecrets: chart => [Secret.fromSecretName(chart, 'pull', 'registry')],
    serviceAccount: chart => ServiceAccount.fromServiceAccountName(chart, 'sa', 'runner'),
    priorityClassName: () => 'high',
    podLabels: () => ({ team: 'ml' }),
    podAnnotations: () => ({ note: 'x' }),
    terminationGracePeriod: () => Duration.seconds(30),
  };
  test.each(Object.keys(SHAPES.PodSettingsProps.f!))('%s alone makes the pod settings at construction', field => {
    expect(Object.keys(podValues)).toContain(field);
    const chart = Testing.chart();
    const graph = PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') });
    const d = new SeldonDeployment(chart, 'iris', { predictors: [{ name: 'default', graph, [field]: podValues[field](chart) }] });
    expect(made(d, 'default')).toBeDefined();
  });

  test('a predictor with a pod field makes its settings at construction, and their rules still throw there', () => {
    const chart = Testing.chart();
    const m = new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), terminationGracePeriod: Duration.seconds(30),
    });
    expect(made(m, 'default')?.terminationGracePeriodSeconds).toBe(30);
    expect(() => new PrepackagedModel(chart, 'wine', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'wine'), priorityClassName: 'Not_A_Name',
    })).toThrow(/PrepackagedModel 'test\/wine': priorityClassName "Not_A_Name" is not a PriorityClass name; /);
  });

  test('a canary\'s pod settings are deferred too, and predictorPod() names every predictor when asked for a missing one', () => {
    const chart = Testing.chart();
    const m = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') })
      .withCanary({ modelUri: ModelUri.gcs('seldon-models', 'iris-2'), traffic: 10 });
    expect(made(m, 'canary')).toBeUndefined();
    expect(() => m.predictorPod('shadow')).toThrow(/predictorPod\(\) "shadow" is not a predictor; accepted: one of default, canary/);
    m.predictorPod('canary').scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'b')));
    const [main, canary] = Testing.synth(chart)[0].spec.predictors;
    expect(main.componentSpecs).toBeUndefined();
    expect(canary.componentSpecs[0].spec.affinity.nodeAffinity).toBeDefined();
  });
});

describe('the credential check asks the library\'s own RcloneSecret for a remote without the public argument check', () => {
  test('a remote added after a synth is seen by the next synth, matched case-insensitively', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const secret = new RcloneSecret(chart, 'creds', { remotes: [minio()] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('Backup:models/iris'), credentials: secret });
    expect(() => app.synthYaml()).toThrow(/modelUri "Backup:models\/iris" names rclone remote "Backup", which credentials RcloneSecret 'test\/creds' does not define/);
    expect(secret.definesRemote('backup')).toBe(false);
    secret.addRemote(minio('backup'));
    expect(secret.definesRemote('BACKUP')).toBe(true);
    expect(app.synthYaml()).toContain('modelUri: Backup:models/iris');
  });

  test('a subclass overriding definesRemote() is asked through it', () => {
    class Permissive extends RcloneSecret {
      public definesRemote(_name: string): boolean { return true; }
    }
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const secret = new Permissive(chart, 'creds', { remotes: [minio()] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('elsewhere:models/iris'), credentials: secret });
    expect(app.synthYaml()).toContain('modelUri: elsewhere:models/iris');
  });

  test('the public method still checks its argument', () => {
    const secret = new RcloneSecret(Testing.chart(), 'creds', { remotes: [minio()] });
    expect(() => secret.definesRemote(42 as unknown as string)).toThrow(/RcloneSecret 'test\/creds': definesRemote\(\) .*; /);
  });

  test('a plain Secret is opaque to the check, as before', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('anything:models/iris'), credentials: Secret.fromSecretName(chart, 's', 'creds'),
    });
    expect(app.synthYaml()).toContain('envSecretRefName: creds');
  });
});

describe('checks skipped where they cannot report', () => {
  const servers = [
    PrepackagedServer.SKLEARN, PrepackagedServer.XGBOOST, PrepackagedServer.TENSORFLOW, PrepackagedServer.MLFLOW, PrepackagedServer.TRITON,
    PrepackagedServer.HUGGINGFACE, PrepackagedServer.TEMPO, PrepackagedServer.custom('MY_SERVER', { image: 'acme/server:1' }),
    PrepackagedServer.custom('V2_ONLY', { protocols: [SeldonProtocol.V2] }),
  ];
  const protocols: Array<SeldonProtocol | undefined> = [undefined, ...Object.values(SeldonProtocol)];

  test('the internal _supports() and _defaultImage() answer as the public methods, for every server and protocol', () => {
    for (const server of servers) {
      for (const protocol of protocols) {
        expect([server._supports(protocol), server._defaultImage(protocol)]).toEqual([server.supports(protocol), server.defaultImage(protocol)]);
      }
    }
  });

  test('the webhook\'s rules 12 and 13 report on no prepackaged node that has a modelUri outside the tensorflow protocol', () => {
    let reported = 0;
    for (const server of servers) {
      for (const protocol of protocols) {
        for (const modelUri of [ModelUri.gcs('bucket', 'm'), undefined]) {
          const found: string[] = [];
          checkUnitWebhookRules({ name: 'n', implementation: server.implementation, modelUri: modelUri === undefined ? undefined : 'set', modelUriRequired: server.modelUriRequired },
            protocol, { field: f => f, where: '' }, (field, problem) => found.push(`${field} ${problem}`), [12, 13]);
          if (modelUri !== undefined && protocol !== SeldonProtocol.TENSORFLOW) expect(found).toEqual([]);
          reported += found.length;
        }
      }
    }
    expect(reported).toBeGreaterThan(5);
  });

  test('the container-settings check reports nothing on a node without mounts, security context, envFrom or ports', () => {
    const base = {
      kind: 'prepackaged', name: 'n', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('claim', 'm'), parameters: [], children: [],
    };
    const variants: Array<Partial<UnitSpec>> = [
      {}, { httpPort: 9000 }, { grpcPort: 9500, httpPort: 9500 }, { volumeMounts: [] }, { envFrom: [], ports: [] },
    ];
    for (const v of variants) {
      const spec = { ...base, ...v } as UnitSpec;
      expect(hasContainerSettings(spec)).toBe(false);
      for (const initializer of [true, false]) {
        const found: string[] = [];
        containerSettingProblems(spec, initializer, f => f, (field, problem) => found.push(`${field} ${problem}`));
        expect(found).toEqual([]);
      }
    }
    // The same check does report once a port is listed.
    const found: string[] = [];
    containerSettingProblems({ ...base, ports: [{ number: 7000 }, { number: 7000 }] } as unknown as UnitSpec, true, f => f, (field, problem) => found.push(`${field} ${problem}`));
    expect(found).toEqual(['ports[1].number 7000 is also ports[0]']);
  });
});

describe('the references of a graph are listed once, their namespaces read in every check', () => {
  test('one graph in two deployments is checked against each one\'s namespace', () => {
    const app = Testing.app();
    const other = new Chart(app, 'other', { namespace: 'other' });
    const secret = new RcloneSecret(other, 'creds', { remotes: [minio()] });
    const graph = PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('bucket', 'm'), credentials: secret });
    new SeldonDeployment(other, 'same', { predictors: [{ name: 'p', graph }] });
    const models = new Chart(app, 'models', { namespace: 'models' });
    new SeldonDeployment(models, 'elsewhere', { predictors: [{ name: 'p', graph }] });
    let message = '';
    try {
      app.synthYaml();
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/SeldonDeployment 'models\/elsewhere': predictors\[0\]\.graph\.credentials is Secret '[^']+' \("other-creds-[0-9a-f]{8}"\) in namespace "other", but the pod using it runs in namespace "models"/);
    expect(message).not.toMatch(/'other\/same'/);
  });
});

