import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { buildLibrary, buildPlain, PlainStructure } from '../../scripts/bench-workload';
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

  test('plain as L2 and typed L2 have the library\'s constructs and dependencies', () => {
    expect(mine.constructs).toBeGreaterThan(2 * MODELS);
    for (const structure of ['l2', 'l2-typed'] as const) {
      const theirs = counts(buildPlain(MODELS, structure));
      // The library keeps one extra construct per app: the holder of its app-wide checks.
      expect(theirs.constructs).toBe(mine.constructs - 1);
      // Each model depends on its Secret or Server, in the library as in the baselines.
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
});
