/**
 * The `yixian` command: start, migrate, seed --demo, user add, user reset-password, sweep, search rebuild, import, classifier.
 * `npm start` runs `yixian start`, which migrates, seeds the demo county into a fresh data folder and serves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrateDownAll, migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { DEFAULT_TENANT, ensureTenant } from './seed/base.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.ts';
import { createUser, resetPassword, actorByUsername, getUnitByCode } from './modules/org/index.ts';
import { dryRun, errorSheet, runImport, type ImportProgress, type ImportReport, type ImportMapping } from './modules/imports/index.ts';
import { indexPending } from './modules/search/index.ts';
import { trainSuggestionModels } from './modules/intel/index.ts';
import { MODULES } from './modules/index.ts';
import { startJobs } from './jobs.ts';
import { runCrossValidation, runEval } from './nlp/index.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { AppError, messageFor } from './plugins/errors.ts';

const HELP = `用法 / usage: yixian <command>
  start                          迁移数据库、（演示模式下）写入演示数据并启动服务
  migrate [--down]               升级（或全部回滚）数据库结构
  seed --demo                    写入示例县演示数据
  user add --username U --password P --role R --unit CODE [--name 姓名]
  user reset-password --username U --password P
${MODULES.flatMap((m) => m.commands ?? []).flatMap((c) => c.help).map((l) => `  ${l}`).join('\n')}
  import FILE [--mapping M.json | --mapping-name 名称] [--save-mapping 名称] [--dry-run] [--errors 错误行.xlsx] [--username U]
                                 导入历史问题（.xlsx / .csv，UTF-8 或 GB18030），先 --dry-run 检查
  classifier train               用已办结问题训练类别与承办单位推荐模型
  classifier eval --train A.csv --test B.csv
                                 评估分类器（CSV 列 id,title,body,label），最后一行 macro-F1
  classifier cv --file A.csv [--folds 5]
                                 分层交叉验证
环境变量: DATABASE_URL PORT DATA_DIR YIXIAN_DEMO=0 LOG_LEVEL SWEEP_SECONDS TRAIN_HOURS`;

async function prepare(db: Database, config: Config): Promise<void> {
  await migrateToLatest(db);
  if (config.demo) {
    const t0 = Date.now();
    const n = await seedDemo(db);
    if (n > 0) console.log(`已生成演示数据：示例县，${n} 件问题（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
  } else {
    const any = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
    if (!any) await ensureTenant(db, DEFAULT_TENANT);
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

/** Run the CLI with these arguments. */
export async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      demo: { type: 'boolean' }, down: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true },
      unit: { type: 'string', multiple: true }, name: { type: 'string' }, tenant: { type: 'string' },
      train: { type: 'string' }, test: { type: 'string' }, file: { type: 'string' }, folds: { type: 'string' },
      mapping: { type: 'string' }, 'mapping-name': { type: 'string' }, 'save-mapping': { type: 'string' }, 'dry-run': { type: 'boolean' }, errors: { type: 'string' },
    },
  });
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
    case 'import':
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        const file = sub;
        if (!file) throw new Error('需要要导入的文件：yixian import FILE --mapping M.json');
        const actor = await actorByUsername(db, values.username ?? 'admin');
        if (!actor) throw new Error(`用户 ${values.username ?? 'admin'} 不存在（用 --username 指定导入人）`);
        let mapping: ImportMapping;
        if (values['mapping-name']) {
          const saved = await db.selectFrom('importMappings').select('mapping').where('tenantId', '=', actor.tenantId).where('name', '=', values['mapping-name']).executeTakeFirst();
          if (!saved) throw new Error(`没有名为「${values['mapping-name']}」的字段对照`);
          mapping = JSON.parse(saved.mapping) as ImportMapping;
        } else if (values.mapping) {
          mapping = JSON.parse(readFileSync(values.mapping, 'utf8')) as ImportMapping;
        } else {
          throw new Error('需要 --mapping M.json 或 --mapping-name 名称');
        }
        if (values['save-mapping']) {
          const now = new Date().toISOString();
          await db.insertInto('importMappings').values({ tenantId: actor.tenantId, name: values['save-mapping'], mapping: JSON.stringify(mapping), createdBy: actor.userId, createdAt: now, updatedAt: now })
            .onConflict((oc) => oc.columns(['tenantId', 'name']).doUpdateSet({ mapping: JSON.stringify(mapping), updatedAt: now })).execute();
          console.log(`字段对照已保存为「${values['save-mapping']}」`);
        }
        const name = path.basename(file);
        const t0 = Date.now();
        const secs = () => `（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`;
        const line = (p: ImportProgress) => (p.toIndex > 0
          ? `建立检索索引 ${p.indexed} / ${p.toIndex} 件${secs()}`
          : `已处理 ${p.done} 行：新建 ${p.created}，跳过（已导入）${p.skipped}，有错误 ${p.failed}${secs()}`);
        let logged = 0;
        const report: ImportReport & { created?: number } = values['dry-run']
          ? await dryRun(db, actor, file, name, mapping)
          : (await runImport(db, actor, file, name, mapping, {
            // A terminal gets one line rewritten in place; a log a line every 10,000 rows (and every 20,000 indexed cases below).
            onProgress: (p) => {
              if (process.stdout.isTTY) { process.stdout.write(`\r${line(p)}\x1b[K`); return; }
              // Groups are not whole ten-thousands (the first is small): a line when the rows pass the next one.
              if (Math.floor(p.done / 10_000) > logged) { logged = Math.floor(p.done / 10_000); console.log(line(p)); }
            },
          })).report;
        if (!values['dry-run']) {
          process.stdout.write('\n');
          // The cases are in the ledger and found by search now; their tokens make searching them fast.
          const rowsDone = secs();
          await indexPending(db, { tenantId: actor.tenantId, onProgress: (indexed, toIndex) => {
            if (toIndex === 0) return;
            const p = { done: report.total, created: 0, skipped: 0, failed: 0, indexed, toIndex };
            if (process.stdout.isTTY) process.stdout.write(`\r${line(p)}\x1b[K`);
            else if (indexed % 20_000 === 0 || indexed === toIndex) console.log(line(p));
          } });
          if (process.stdout.isTTY) process.stdout.write('\n');
          if (report.created) console.log(`问题已全部写入并可检索${rowsDone}，检索索引已建立${secs()}`);
        }
        console.log(values['dry-run']
          ? `试导入 ${report.total} 行（${report.encoding ?? 'xlsx'}）：将新建 ${report.toCreate}，将跳过（已导入）${report.toSkip}，有错误 ${report.failed}`
          : `导入完成 ${report.total} 行：新建 ${report.created ?? 0}，跳过（已导入）${report.toSkip}，有错误 ${report.failed}`);
        for (const e of report.errors.slice(0, 20)) console.log(`  第 ${e.row} 行【${e.column}】${e.message}`);
        if (report.errors.length > 20) console.log(`  ……共 ${report.errors.length} 条错误${values.errors ? '' : '（用 --errors 文件.xlsx 导出全部错误行）'}`);
        if (values.errors && report.badRows.length) {
          writeFileSync(values.errors, await errorSheet(report));
          console.log(`错误行已写入 ${values.errors}，修改后可再次导入`);
        }
      });
    case 'classifier':
      if (sub === 'eval') {
        if (!values.train || !values.test) throw new Error('classifier eval 需要 --train A.csv 和 --test B.csv');
        console.log(runEval({ trainPath: values.train, testPath: values.test }).text);
        return;
      }
      if (sub === 'cv') {
        if (!values.file) throw new Error('classifier cv 需要 --file A.csv');
        console.log(runCrossValidation({ path: values.file, folds: Number(values.folds ?? 5) }).text);
        return;
      }
      if (sub !== 'train') throw new Error(`未知子命令 classifier ${sub ?? ''}（可用：train、eval、cv）`);
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        const tenants = await db.selectFrom('tenants').select(['id', 'code']).$if(!!values.tenant, (q) => q.where('code', '=', values.tenant!)).execute();
        for (const t of tenants) {
          for (const r of await trainSuggestionModels(db, t.id, new Date().toISOString())) {
            const what = r.kind === 'category' ? '类别' : '承办单位';
            console.log(r.modelId
              ? `${t.code} ${what}推荐模型：${r.examples} 件、${r.classes} 类，训练 ${(r.ms / 1000).toFixed(1)} 秒，${(r.bytes / 1024).toFixed(0)} KB`
              : `${t.code} ${what}推荐模型：已办结问题不足（${r.examples} 件、${r.classes} 类），未训练`);
          }
        }
      });
    case 'user':
      return withDb(config, async (db) => {
        await migrateToLatest(db);
        if (!values.username || !values.password) throw new Error('需要 --username 和 --password');
        if (sub === 'add') {
          const roles = values.role ?? [];
          const units = values.unit ?? [];
          if (roles.length === 0 || roles.length !== units.length) throw new Error('每个 --role 需要一个对应的 --unit（单位代码）');
          const tenant = await db.selectFrom('tenants').select('id').$if(!!values.tenant, (q) => q.where('code', '=', values.tenant!)).orderBy('id').limit(1).executeTakeFirst()
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
