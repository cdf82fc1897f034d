export declare function jestObjectWhereNamed(
  jestGlobals: { jestObjectFor(from: string): unknown },
  transformCache: { getCachedSource(filename: string): string | undefined },
): boolean;
