export declare function isWorkerTool(moduleName: string): boolean;
