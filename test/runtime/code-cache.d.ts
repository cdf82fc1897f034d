import * as vm from 'node:vm';

export declare function compileWithCache(source: string, filename: string, parameters: string[],
  context: vm.Context, importModuleDynamically?: vm.ScriptOptions['importModuleDynamically']): Function;

export declare function codeCacheCounts(): { compiled: number; fromCache: number; files: number };
