/**
 * /imports: upload a file (its header, first rows and a proposed mapping come back), check it against a mapping
 * (dry run), download the bad rows as a sheet, run the import in the background and follow its progress; and
 * /import-mappings: saved mappings. For the petition office (clerk) and administrators, within their scope.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CHANNELS, ISSUE_KINDS, SATISFACTIONS } from '../../../shared/enums.ts';
import { ISSUE_STATUSES } from '../../../shared/lifecycle.ts';
import type { Config } from '../../config.ts';
import { AppError, langOf, notFound } from '../../plugins/errors.ts';
import { IdParams, Nullable, StringEnum, errorResponses } from '../../../shared/api/common.ts';
import { hasRole, type Actor } from '../../actor.ts';
import type { ModuleManifest } from '../types.ts';
import { indexPending } from '../search/index.ts';
import { writeAudit } from '../audit/index.ts';
import { dryRun, errorSheet, runImport, type ImportProgress, type ImportReport } from './import.service.ts';
import { IMPORT_FIELDS, IMPORT_FIELD_NAMES, type ImportField, type ImportMapping } from './mapping.ts';
import { ImportFileError, fileKind, openSource } from './source.ts';
import { importedEntry } from './facts.repo.ts';
import { listMappings, saveMapping } from './mappings.repo.ts';
import { batchOf, batchRowCount, pendingOfBatch } from './imports.repo.ts';
import { importCommand } from './import.cli.ts';

/** Largest import file (a decade of a county's cases in one sheet is well below). */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Errors returned inline by a dry run (all of them are in the error sheet). */
const INLINE_ERRORS = 500;

const Mapping = Type.Object({
  columns: Type.Record(Type.String({ maxLength: 200 }), StringEnum(IMPORT_FIELDS)),
  values: Type.Optional(Type.Object({
    channel: Type.Optional(Type.Record(Type.String(), StringEnum(CHANNELS))),
    kind: Type.Optional(Type.Record(Type.String(), StringEnum(ISSUE_KINDS))),
    status: Type.Optional(Type.Record(Type.String(), StringEnum(ISSUE_STATUSES))),
    callbackResult: Type.Optional(Type.Record(Type.String(), StringEnum(SATISFACTIONS))),
  }, { additionalProperties: false })),
  defaults: Type.Optional(Type.Object({
    channel: Type.Optional(StringEnum(CHANNELS)), kind: Type.Optional(StringEnum(ISSUE_KINDS)),
    orgUnit: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(StringEnum(ISSUE_STATUSES)),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

const FileRef = Type.Object({ fileId: Type.String({ pattern: '^[0-9a-f]{24}$' }), mapping: Mapping }, { additionalProperties: false });
const RowErrorOut = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
const Report = Type.Object({
  filename: Type.String(), encoding: Nullable(Type.String()), total: Type.Integer(), toCreate: Type.Integer(), toSkip: Type.Integer(),
  failed: Type.Integer(), errors: Type.Array(RowErrorOut), errorsTruncated: Type.Boolean(),
});
const Progress = Type.Object({
  batchId: Type.Integer(), status: Type.String(), filename: Type.String(), done: Type.Integer(), created: Type.Integer(), skipped: Type.Integer(),
  failed: Type.Integer(), error: Nullable(Type.String()),
  indexed: Type.Integer({ description: '最后一步：已写入检索索引的件数' }), toIndex: Type.Integer({ description: '最后一步：要写入检索索引的件数（开始前为 0）' }),
});
const SavedMapping = Type.Object({ id: Type.Integer(), name: Type.String(), mapping: Mapping, updatedAt: Type.String() });

/** Header words that suggest a field (the mapping screen starts from these). */
const HINTS: Array<[ImportField, RegExp]> = [
  ['sourceId', /^(id|编号|序号|原编号|工单号|件号|信访件编号)$/i], ['title', /标题|主题|title/i], ['body', /内容|诉求|留言详情|body|事项/i],
  ['replyAt', /答复时间|回复时间|办结时间|reply_time/i], ['receivedAt', /时间|日期|time|date/i], ['channel', /渠道|来源方式|方式/], ['kind', /类型|性质/],
  ['category', /分类|类别|label/i], ['orgUnit', /地点|所在地|区域|乡镇|街道|村|社区|单位/], ['petitionerName', /姓名|诉求人|来信人|name/i],
  ['petitionerPhone', /电话|手机|phone/i], ['status', /状态|办理情况/], ['replyText', /答复|回复|reply/i], ['callbackResult', /回访|满意/],
];

/** A first mapping from the header: each column to the first field whose hint it matches, each field used once. */
export function suggestMapping(header: string[]): ImportMapping {
  const used = new Set<ImportField>();
  const columns: Record<string, ImportField> = {};
  for (const h of header) {
    const hit = HINTS.find(([f, re]) => !used.has(f) && re.test(h));
    if (hit) { columns[h] = hit[0]; used.add(hit[0]); }
  }
  return { columns, defaults: { channel: 'online', kind: 'complaint' } };
}

const canImport = (actor: Actor) => hasRole(actor, 'clerk', 'admin');

/** A file that cannot be read is the client's problem (400, its own code and words); anything else is left as it is. */
function asAppError(err: unknown): unknown {
  return err instanceof ImportFileError ? new AppError(400, err.code, err.params) : err;
}

const routes: FastifyPluginAsync<{ config: Config }> = async (app0, opts) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });
  const dir = path.join(opts.config.dataDir, 'imports');
  /** Imports running in this process, by batch. */
  const running = new Map<number, ImportProgress & { status: string; filename: string; error: { zh: string; en: string } | null }>();
  const INTERRUPTED = { zh: '导入已中断：再次导入同一文件即可从中断处继续', en: 'The import was interrupted; import the same file again to continue.' };
  // The cases stay searchable by their text; the server indexes what is left when it starts again.
  const INDEX_FAILED = { zh: '检索索引未能建立完：导入的问题仍可检索，服务重启后会继续建立', en: 'The search index was not finished: the imported cases can still be searched, and the index is finished when the server restarts.' };

  const guard = (actor: Actor) => { if (!canImport(actor)) throw new AppError(403, 'forbidden'); };
  /** An uploaded file of this tenant: its path and original name (404 for another tenant's or an unknown one). */
  const fileOf = async (actor: Actor, fileId: string) => {
    try {
      const meta = JSON.parse(await readFile(path.join(dir, `${fileId}.json`), 'utf8')) as { tenantId: number; filename: string; ext: string };
      if (meta.tenantId !== actor.tenantId) throw new Error('other tenant');
      return { path: path.join(dir, `${fileId}.${meta.ext}`), filename: meta.filename };
    } catch {
      throw notFound({ zh: '上传的文件', en: 'Uploaded file' });
    }
  };
  const fileError = (err: unknown): never => {
    throw asAppError(err);
  };
  const reportOut = (r: ImportReport, lang: 'zh' | 'en') => ({
    filename: r.filename, encoding: r.encoding, total: r.total, toCreate: r.toCreate, toSkip: r.toSkip, failed: r.failed,
    errors: r.errors.slice(0, INLINE_ERRORS).map((e) => ({ row: e.row, column: e.column, message: lang === 'en' ? e.messageEn : e.message })),
    errorsTruncated: r.errors.length > INLINE_ERRORS,
  });

  app.post('/imports/files', {
    schema: {
      tags: ['imports'], summary: '上传要导入的 .xlsx / .csv 文件（字段 file）：返回表头、前几行和建议的字段对照', consumes: ['multipart/form-data'],
      response: {
        200: Type.Object({
          fileId: Type.String(), filename: Type.String(), kind: Type.String(), encoding: Nullable(Type.String()), header: Type.Array(Type.String()),
          sample: Type.Array(Type.Array(Type.String())), suggested: Mapping,
          fields: Type.Array(Type.Object({ field: Type.String(), zh: Type.String(), en: Type.String() })),
        }),
        ...errorResponses,
      },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    guard(req.actor);
    const part = await req.file();
    if (!part) throw new AppError(400, 'no_file');
    const filename = part.filename || 'import.csv';
    let kind: 'csv' | 'xlsx';
    try { kind = fileKind(filename); } catch (err) { part.file.resume(); return fileError(err); }
    await mkdir(dir, { recursive: true });
    const fileId = randomBytes(12).toString('hex');
    const file = path.join(dir, `${fileId}.${kind}`);
    await pipeline(part.file, createWriteStream(file));
    if (part.file.truncated) {
      await rm(file, { force: true });
      throw new AppError(413, 'attachment_too_large', { name: filename, max: MAX_FILE_BYTES / 1024 / 1024 });
    }
    await writeFile(path.join(dir, `${fileId}.json`), JSON.stringify({ tenantId: req.actor.tenantId, userId: req.actor.userId, filename, ext: kind }));
    try {
      const source = await openSource(file, filename);
      const sample: string[][] = [];
      for await (const r of source.rows) { sample.push(r.cells); if (sample.length >= 5) break; }
      await source.rows.return(undefined);
      return {
        fileId, filename, kind, encoding: source.encoding, header: source.header, sample, suggested: suggestMapping(source.header),
        fields: IMPORT_FIELDS.map((f) => ({ field: f, ...IMPORT_FIELD_NAMES[f] })),
      };
    } catch (err) {
      // A file that cannot be read is not kept.
      await Promise.all([rm(file, { force: true }), rm(path.join(dir, `${fileId}.json`), { force: true })]);
      return fileError(err);
    }
  });

  app.post('/imports/dry-run', {
    schema: { tags: ['imports'], summary: '试导入：逐行检查，不写入', body: FileRef, response: { 200: Report, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    guard(req.actor);
    const f = await fileOf(req.actor, req.body.fileId);
    const r = await dryRun(db, req.actor, f.path, f.filename, req.body.mapping as ImportMapping).catch(fileError);
    return reportOut(r, req.headers['accept-language']?.startsWith('en') ? 'en' : 'zh');
  });

  app.post('/imports/error-sheet', {
    schema: {
      tags: ['imports'], summary: '下载有错误的行（.xlsx，修改后可再次导入）', body: FileRef,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    guard(req.actor);
    const f = await fileOf(req.actor, req.body.fileId);
    const r = await dryRun(db, req.actor, f.path, f.filename, req.body.mapping as ImportMapping).catch(fileError);
    const name = `${f.filename.replace(/\.[^.]+$/, '')}-待修改.xlsx`;
    const sheet = await errorSheet(r);
    // The sheet holds the bad rows as the file had them, names and phone numbers unmasked: an audited export.
    await writeAudit(db, {
      tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'import.error_sheet', entityType: 'import', entityId: req.body.fileId,
      ip: req.ip, at: new Date().toISOString(), data: { filename: f.filename, rows: r.badRows.length },
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(sheet);
  });

  app.post('/imports', {
    schema: { tags: ['imports'], summary: '开始导入（后台进行，用 GET /imports/{id} 查看进度）', body: FileRef, response: { 202: Type.Object({ batchId: Type.Integer() }), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    guard(req.actor);
    const f = await fileOf(req.actor, req.body.fileId);
    const actor = req.actor;
    let mine = 0;
    const batchId = await new Promise<number>((resolve, reject) => {
      runImport(db, actor, f.path, f.filename, req.body.mapping as ImportMapping, {
        onStart: (id) => { mine = id; running.set(id, { status: 'running', filename: f.filename, done: 0, created: 0, skipped: 0, failed: 0, indexed: 0, toIndex: 0, error: null }); resolve(id); },
        onProgress: (p) => { running.set(mine, { ...running.get(mine)!, ...p }); },
      }).then(async ({ report }) => {
        // The cases are in the ledger and found by their text: the import is done. Their tokens are indexed next.
        const done = { status: 'done', filename: f.filename, done: report.total, created: report.created, skipped: report.toSkip, failed: report.failed, error: null };
        running.set(mine, { ...done, indexed: 0, toIndex: report.created });
        try {
          await indexPending(db, { tenantId: actor.tenantId, onProgress: (indexed, toIndex) => { running.set(mine, { ...done, indexed, toIndex }); } });
          const left = running.get(mine)!;
          running.set(mine, { ...left, indexed: left.toIndex });
        } catch (err) {
          req.log.error({ err }, 'indexing imported cases failed');
          running.set(mine, { ...running.get(mine)!, error: INDEX_FAILED });
        }
      }).catch((err: unknown) => {
        req.log.error({ err }, 'import failed');
        // A file found unreadable part of the way (bytes that do not decode, a damaged sheet) failed: importing it
        // again cannot continue it. Anything else interrupted the run.
        if (mine) running.set(mine, { ...running.get(mine)!, status: err instanceof ImportFileError ? 'failed' : 'interrupted', error: err instanceof ImportFileError ? { zh: err.zh, en: err.en } : INTERRUPTED });
        reject(asAppError(err));
      });
    });
    return reply.status(202).send({ batchId });
  });

  app.get('/imports/:id', {
    schema: { tags: ['imports'], summary: '导入进度与结果', params: IdParams, response: { 200: Progress, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    guard(req.actor);
    const b = await batchOf(db, req.actor.tenantId, req.params.id);
    if (!b) throw notFound({ zh: '导入批次', en: 'Import' });
    const live = running.get(b.id);
    if (live) return { batchId: b.id, ...live, error: live.error && (langOf(req) === 'en' ? live.error.en : live.error.zh) };
    if (b.status === 'running') {
      // Running in the database but not in this process: the server stopped during the import.
      const created = await batchRowCount(db, b.id);
      return {
        batchId: b.id, status: 'interrupted', filename: b.filename, done: created, created, skipped: 0, failed: 0, indexed: 0, toIndex: 0,
        error: langOf(req) === 'en' ? INTERRUPTED.en : INTERRUPTED.zh,
      };
    }
    // Done before this process started: its cases whose tokens are still to be indexed (the server does that at start).
    const pending = await pendingOfBatch(db, b.id);
    return { batchId: b.id, status: b.status, filename: b.filename, done: b.total, created: b.created, skipped: b.skipped, failed: b.failed, indexed: b.created - pending, toIndex: b.created, error: null };
  });

  app.get('/import-mappings', {
    schema: { tags: ['imports'], summary: '已保存的字段对照', response: { 200: Type.Object({ items: Type.Array(SavedMapping) }), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    guard(req.actor);
    const rows = await listMappings(db, req.actor.tenantId);
    return { items: rows.map((r) => ({ ...r, mapping: JSON.parse(r.mapping) as Static<typeof Mapping> })) };
  });

  app.put('/import-mappings', {
    schema: {
      tags: ['imports'], summary: '保存字段对照（同名覆盖）', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), mapping: Mapping }, { additionalProperties: false }),
      response: { 200: SavedMapping, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    guard(req.actor);
    const now = new Date().toISOString();
    const mapping = JSON.stringify(req.body.mapping);
    const row = await saveMapping(db, { tenantId: req.actor.tenantId, name: req.body.name, mapping, by: req.actor.userId, now });
    return { ...row, mapping: req.body.mapping };
  });
};

/** The imports module. */
export const importsModule: ModuleManifest = {
  name: 'imports', routes,
  commands: [importCommand],
  // What an import knew of a case is the first entry of its timeline.
  timelineSources: [async (db, subject) => {
    const e = subject.type === 'issue' ? await importedEntry(db, subject.id) : undefined;
    return e ? [e] : [];
  }],
};
