import * as asyncHooks from 'node:async_hooks';

export declare function fileAsyncHooks(): { module: typeof asyncHooks; disableAll(): void };
