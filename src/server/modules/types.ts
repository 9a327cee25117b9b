/** What a module registers with the core (DESIGN: every feature is a module with one manifest). */
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';

/** A module's manifest. */
export interface ModuleManifest {
  name: string;
  /** Routes, registered under `/api/v1`. */
  routes: FastifyPluginAsync<{ config: Config }>;
}
