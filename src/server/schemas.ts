/** Schema building blocks shared by every module's routes: they live in `src/shared/api/common.ts`, with the schemas the web derives its types from. */
export * from '../shared/api/common.ts';
