/** Types of the local ESLint plugin (module-boundaries.js is plain JS so eslint.config.js can load it). */
import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
