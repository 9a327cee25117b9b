/**
 * The `yixian` command: start, migrate, seed --demo, user add, user reset-password, sweep, search rebuild, import, classifier.
 * `npm start` runs `yixian start`, which migrates, seeds the demo county into a fresh data folder and serves.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrateDownAll, migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { DEFAULT_TENANT, ensureTenant } from './seed/base.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.ts';
import { createUser, resetPassword, getUnitByCode, tenantIds, tenantsByCode } from './modules/org/index.ts';
import { MODULES } from './modules/index.ts';
import { startJobs } from './jobs.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { AppError, messageFor } from './plugins/errors.ts';

const HELP = `用法 / usage: yixian <command>
  start                          迁移数据库、（演示模式下）写入演示数据并启动服务
  migrate [--down]               升级（或全部回滚）数据库结构
  seed --demo                    写入示例县演示数据
  user add --username U --password P --role R --unit CODE [--name 姓名]
  user reset-password --username U --password P
${MODULES.flatMap((m) => m.commands ?? []).flatMap((c) => c.help).map((l) => `  ${l}`).join('\n')}
环境变量: DATABASE_URL PORT DATA_DIR YIXIAN_DEMO=0 LOG_LEVEL SWEEP_SECONDS TRAIN_HOURS`;

async function prepare(db: Database, config: Config): Promise<void> {
  await migrateToLatest(db);
  if (config.demo) {
    const t0 = Date.now();
    const n = await seedDemo(db);
    if (n > 0) console.log(`已生成演示数据：示例县，${n} 件问题（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
  } else {
    if ((await tenantIds(db)).length === 0) await ensureTenant(db, DEFAULT_TENANT);
  }
}

async function start(config: Config): Promise<void> {
  const db = openDatabase(config.databaseUrl);
  await prepare(db, config);
  const app: FastifyInstance = await buildApp({ config, db });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}/`;
  console.log(`\n一线 Yixian 已启动 / running at ${url}`);
  console.log(`API 文档 / API docs: ${url}api/docs`);
  if (config.demo) {
    console.log(`演示账号 / demo logins（密码 / password: ${DEMO_PASSWORD}）:`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.where}`);
  }
  // Background work of the modules: the deadline sweep, suggestion training, token statistics, pending indexing.
  const stopJobs = startJobs(MODULES, { db, config, log: app.log });
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function withDb<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(config.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const CORE_OPTIONS = {
  demo: { type: 'boolean' }, down: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true },
  unit: { type: 'string', multiple: true }, name: { type: 'string' }, tenant: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Run the CLI with these arguments. */
export async function main(argv: string[]): Promise<void> {
  // The core's commands' options, then each module command's (the same name must mean the same everywhere).
  const moduleOptions: NonNullable<ParseArgsConfig['options']> = Object.assign({}, ...MODULES.flatMap((m) => m.commands ?? []).map((c) => c.options ?? {}));
  const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...moduleOptions, ...CORE_OPTIONS } });
  const positionals = parsed.positionals;
  const values = parsed.values as typeof parsed.values & {
    demo?: boolean; down?: boolean; help?: boolean; username?: string; password?: string; role?: string[]; unit?: string[]; name?: string; tenant?: string;
  };
  const [cmd, sub] = positionals;
  if (values.help || !cmd) {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  const command = MODULES.flatMap((m) => m.commands ?? []).find((c) => c.name === cmd);
  if (command) return withDb(config, (db) => command.run({ db, config, args: positionals.slice(1), values }));
  switch (cmd) {
    case 'start':
      return start(config);
    case 'migrate':
      return withDb(config, async (db) => {
        if (values.down) await migrateDownAll(db);
        else await migrateToLatest(db);
        console.log(values.down ? '已回滚全部迁移' : '数据库结构已是最新');
      });
    case 'seed':
      if (!values.demo) throw new Error('seed 需要 --demo');
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        const n = await seedDemo(db);
        console.log(n > 0 ? `已生成演示数据：${n} 件问题` : '演示数据已存在，未重复生成');
      });
    case 'user':
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        if (!values.username || !values.password) throw new Error('需要 --username 和 --password');
        if (sub === 'add') {
          const roles = values.role ?? [];
          const units = values.unit ?? [];
          if (roles.length === 0 || roles.length !== units.length) throw new Error('每个 --role 需要一个对应的 --unit（单位代码）');
          const tenant = (await tenantsByCode(db, values.tenant))[0]
            ?? { id: await ensureTenant(db, DEFAULT_TENANT) };
          const bindings: { role: Role; orgUnitId: number }[] = [];
          for (let i = 0; i < roles.length; i++) {
            const role = roles[i] as Role;
            if (!ROLES.includes(role)) throw new Error(`未知角色 ${role}，可选：${ROLES.join(', ')}`);
            const unit = await getUnitByCode(db, tenant.id, units[i]!);
            if (!unit) throw new Error(`单位代码 ${units[i]} 不存在`);
            bindings.push({ role, orgUnitId: unit.id });
          }
          const id = await createUser(db, null, tenant.id, { username: values.username, displayName: values.name ?? values.username, password: values.password, roles: bindings });
          console.log(`已创建用户 ${values.username}（编号 ${id}）`);
        } else if (sub === 'reset-password') {
          await resetPassword(db, null, values.username, values.password);
          console.log(`已重置 ${values.username} 的密码`);
        } else {
          throw new Error(`未知子命令 user ${sub ?? ''}`);
        }
      });
    default:
      throw new Error(`未知命令 ${cmd}\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const msg = err instanceof AppError ? messageFor(err.code, 'zh', err.params) : err instanceof Error ? err.message : String(err);
  console.error(`错误：${msg}`);
  process.exit(1);
});
