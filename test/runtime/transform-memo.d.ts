export interface TransformCacheLike {
  transform(filename: string, options?: object): string;
  transforms: Map<string, { code: string; sourceMapPath?: string | null }>;
  sourceMaps: Map<string, string>;
  fileCache: { strings: Map<string, string> };
}

export declare function transformOncePerProcess(cache: TransformCacheLike, watching?: boolean): boolean;
