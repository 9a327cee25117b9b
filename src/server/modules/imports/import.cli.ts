/** `yixian import FILE …`: historical cases from a .csv or .xlsx file, with a dry run, saved mappings and an error sheet. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrateToLatest } from '../../db/migrate.ts';
import { actorByUsername } from '../org/index.ts';
import { indexPending } from '../search/index.ts';
import { optionText as str, type ModuleCommand } from '../types.ts';
import { dryRun, errorSheet, runImport, type ImportProgress, type ImportReport } from './import.service.ts';
import type { ImportMapping } from './mapping.ts';
import { mappingByName, saveMapping } from './mappings.repo.ts';

export const importCommand: ModuleCommand = {
  name: 'import',
  help: [
    'import FILE [--mapping M.json | --mapping-name 名称] [--save-mapping 名称] [--dry-run] [--errors 错误行.xlsx] [--username U]',
    '                               导入历史问题（.xlsx / .csv，UTF-8 或 GB18030），先 --dry-run 检查',
  ],
  options: {
    username: { type: 'string' }, mapping: { type: 'string' }, 'mapping-name': { type: 'string' }, 'save-mapping': { type: 'string' },
    'dry-run': { type: 'boolean' }, errors: { type: 'string' },
  },
  run: async ({ db, args, values: raw }) => {
    const values = {
      username: str(raw.username), mapping: str(raw.mapping), 'mapping-name': str(raw['mapping-name']), 'save-mapping': str(raw['save-mapping']),
      'dry-run': raw['dry-run'] === true, errors: str(raw.errors),
    };
    await migrateToLatest(db);
    const file = args[0];
    if (!file) throw new Error('需要要导入的文件：yixian import FILE --mapping M.json');
    const actor = await actorByUsername(db, values.username ?? 'admin');
    if (!actor) throw new Error(`用户 ${values.username ?? 'admin'} 不存在（用 --username 指定导入人）`);
    let mapping: ImportMapping;
    if (values['mapping-name']) {
      const saved = await mappingByName(db, actor.tenantId, values['mapping-name']);
      if (!saved) throw new Error(`没有名为「${values['mapping-name']}」的字段对照`);
      mapping = JSON.parse(saved) as ImportMapping;
    } else if (values.mapping) {
      mapping = JSON.parse(readFileSync(values.mapping, 'utf8')) as ImportMapping;
    } else {
      throw new Error('需要 --mapping M.json 或 --mapping-name 名称');
    }
    if (values['save-mapping']) {
      const now = new Date().toISOString();
      await saveMapping(db, { tenantId: actor.tenantId, name: values['save-mapping'], mapping: JSON.stringify(mapping), by: actor.userId, now });
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
  },
};
