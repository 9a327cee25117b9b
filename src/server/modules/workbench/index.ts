/** The workbench module's public face: its manifest (each actor's to-do queue). */
export { workbenchModule } from './workbench.routes.ts';
