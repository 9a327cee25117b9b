/**
 * What a module contributes to the core (DESIGN: every feature is a module with one manifest). `app.ts` registers
 * the routes and collects the timeline sources; `main.ts` runs the jobs and dispatches the CLI commands. A module
 * adds itself to `index.ts` and nowhere else.
 */
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import type { Subject } from '../subject.ts';
import type { TimelineEntry } from './timeline/index.ts';

/** What a background job or a CLI command gets. */
export interface RunContext {
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
}

/** Work the server does by itself: at start, every so often, or both; a run never overlaps the previous one. */
export interface ModuleJob {
  name: string;
  /** Run once in the background when the server starts. */
  atStart?: boolean;
  /** Seconds between runs (0 or absent: not repeated), read from the configuration. */
  everySeconds?: (config: Config) => number;
  run: (ctx: RunContext) => Promise<void>;
}

/** The parsed command line of a CLI command (`yixian <name> [sub] …`). */
export interface CliArgs {
  /** Positionals after the command's name (`sub`, a file…). */
  args: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

/** A command's text option (`--name value`), or undefined when it was not given. */
export const optionText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A `yixian <name> …` command. */
export interface ModuleCommand {
  name: string;
  /** Lines of the help text, each `name args    说明`. */
  help: string[];
  /** Options it reads (node:util parseArgs), merged with every other command's. */
  options?: NonNullable<ParseArgsConfig['options']>;
  run: (ctx: Omit<RunContext, 'log'> & CliArgs) => Promise<void>;
}

/** Entries a module knows of a subject's past that are not its events (an import's facts), shown first. */
export type TimelineSource = (db: Database, subject: Subject) => Promise<TimelineEntry[]>;

/** What every new tenant needs of a module (its category tree, its deadline rules…), written in the tenant's creation. */
export type TenantSeeder = (trx: Transaction<DB>, tenantId: number, now: string) => Promise<void>;

/** A module's manifest. */
export interface ModuleManifest {
  name: string;
  /** Routes, registered under `/api/v1`. */
  routes?: FastifyPluginAsync<{ config: Config }>;
  /** Public pages served at the root, outside the API and the staff app (a lecture's feedback form at `/f/…`). */
  pages?: FastifyPluginAsync<{ config: Config }>;
  jobs?: readonly ModuleJob[];
  commands?: readonly ModuleCommand[];
  timelineSources?: readonly TimelineSource[];
  seedTenant?: TenantSeeder;
}
