import { App } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { buildLibrary, buildPlain, leaveOutValidations, PlainStructure, shapeOf } from '../../scripts/bench-workload';
import * as seldon from '../../src';

/**
 * The bench's baselines stand for cdk8s's share of the library's cost only
 * while their trees are the library's: the same objects, constructs and
 * dependencies and, for the typed one, as many classes for cdk8s's walks to
 * read `node` from. Library minus baseline is then the library's own code.
 */
interface TreeCounts {
  readonly constructs: number;
  readonly dependencies: number;
  readonly classes: number;
}

function counts(app: App): TreeCounts {
  const all: IConstruct[] = app.node.findAll();
  return {
    constructs: all.length,
    dependencies: all.reduce((sum, c) => sum + c.node.dependencies.length, 0),
    classes: new Set(all.map(c => c.constructor)).size,
  };
}

const MODELS = 200;

describe('the bench baselines', () => {
  const library = buildLibrary(seldon, MODELS);
  const yaml = library.synthYaml();
  const mine = counts(library);

  test.each<PlainStructure>(['plain', 'deps', 'l2', 'l2-typed'])('%s writes the library\'s YAML byte for byte', structure => {
    expect(buildPlain(MODELS, structure).synthYaml()).toBe(yaml);
  });

  // Session 10 measured a "no validations" copy whose switch sat in a comment line, so nothing was left out:
  // the instrument must be seen to work. An app the library rejects at synth passes with it, and the bench app's YAML is unchanged.
  test('library-unvalidated leaves out every validation and writes the library\'s YAML', () => {
    const withDuplicate = () => {
      const app = buildLibrary(seldon, MODELS);
      const chart = app.node.findChild('seldon-v1');
      new seldon.RcloneSecret(chart, 'again', { metadata: { name: 'minio-0' }, remotes: [seldon.RcloneRemote.s3()] });
      return app;
    };
    expect(() => withDuplicate().synthYaml()).toThrow(/metadata\.name/);
    const original = Node.prototype.addValidation;
    try {
      leaveOutValidations();
      expect(buildLibrary(seldon, MODELS).synthYaml()).toBe(yaml);
      expect(() => withDuplicate().synthYaml()).not.toThrow();
    } finally {
      Node.prototype.addValidation = original;
    }
    expect(() => withDuplicate().synthYaml()).toThrow(/metadata\.name/);
  });

  test('plain as L2 and typed L2 have the library\'s constructs and dependencies (none)', () => {
    expect(mine.constructs).toBeGreaterThan(2 * MODELS);
    for (const structure of ['l2', 'l2-typed'] as const) {
      const theirs = counts(buildPlain(MODELS, structure));
      // The library keeps one extra construct per app: the holder of its app-wide checks.
      expect(theirs.constructs).toBe(mine.constructs - 1);
      // Tree order keeps each Secret and Server before its models, so the library declares no dependency, even after a
      // synth (src/k8s/depend-on.ts), and the baselines none either; plain+deps measures what declaring them costs.
      expect(mine.dependencies).toBe(0);
      expect(theirs.dependencies).toBe(mine.dependencies);
    }
  });

  test('typed L2 has the classes of the library\'s tree, and plain as L2 four', () => {
    expect(counts(buildPlain(MODELS, 'l2')).classes).toBe(4);
    const typed = counts(buildPlain(MODELS, 'l2-typed')).classes;
    // App, Chart, four construct classes, the Secret's object class and one for the Seldon objects;
    // the library adds its app-check holder, a bare Construct.
    expect(typed).toBe(8);
    expect(mine.classes).toBe(typed + 1);
  });

  test('plain+deps declares one dependency per v1 model on its Secret, and per pinned v2 model on its Server', () => {
    const shape = shapeOf(MODELS);
    // Every perGroup-th v2 model is pinned to a Server (bench-workload.ts, v2Models).
    expect(counts(buildPlain(MODELS, 'deps')).dependencies).toBe(shape.v1Models + Math.ceil(shape.v2Models / shape.perGroup));
  });
});
