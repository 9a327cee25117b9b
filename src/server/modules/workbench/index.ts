/** The workbench module's public face: its manifest and what other modules may call. */
export { workbenchModule } from './workbench.routes.ts';
