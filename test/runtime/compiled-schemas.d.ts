export declare const STORE: symbol;
export declare function shareCompiledSchemas(global: object, rootDir: string): Map<string, unknown>;
