/**
 * Rendering resource amounts without exceptions: `renderResources` picks the
 * largest binary unit a size is a whole number of, which `Size` decides with
 * `SizeRoundingBehavior.FAIL` by throwing. Each throw cost more than the rest
 * of a model's rendering, so the library applies FAIL's rule itself; these
 * tests pin that the output is unchanged and that nothing is thrown.
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import { ContainerResources } from 'cdk8s-plus-27';
import { renderResources, resourceProblems } from '../../src/k8s/container-resources';

/** The rule as Size applies it: FAIL conversions, trying units from the largest. */
function byFailingConversions(size: Size): string {
  const units: Array<[string, (s: Size) => number]> = [
    ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Ki', s => s.toKibibytes({ rounding: SizeRoundingBehavior.FAIL })],
  ];
  for (const [suffix, convert] of units) {
    try {
      const n = convert(size);
      if (n >= 1) return `${n}${suffix}`;
    } catch {
      // not a whole number of this unit
    }
  }
  return `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024}`;
}

const FACTORIES = [Size.kibibytes, Size.mebibytes, Size.gibibytes, Size.tebibytes, Size.pebibyte];
const AMOUNTS = [0.001, 0.25, 0.5, 1, 1.5, 1.75, 2, 3.3, 100, 512, 1000, 1023, 1024, 1025, 1536, 4096, 1048576];

describe('renderResources without exceptions', () => {
  test('every size renders as Size\'s FAIL rounding decides, fractions of a size\'s own unit included', () => {
    for (const make of FACTORIES) {
      for (const amount of AMOUNTS) {
        const size = make(amount);
        expect(renderResources({ memory: { request: size } })?.requests?.memory?.value).toBe(byFailingConversions(size));
      }
    }
  });

  test('typical requests and limits render with no conversion throwing', () => {
    const conversions = (['toTebibytes', 'toGibibytes', 'toMebibytes', 'toKibibytes'] as const).map(m => jest.spyOn(Size.prototype, m));
    try {
      const resources: ContainerResources = {
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
        ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(2) },
      };
      for (let i = 0; i < 100; i++) {
        renderResources(resources);
        resourceProblems(resources);
      }
      const results = conversions.flatMap(spy => spy.mock.results);
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter(r => r.type === 'throw')).toHaveLength(0);
    } finally {
      conversions.forEach(spy => spy.mockRestore());
    }
  });
});
