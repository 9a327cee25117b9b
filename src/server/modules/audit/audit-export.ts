/**
 * The audit log as a spreadsheet (.xlsx, exceljs), like the ledger's export: Chinese headers, action names instead
 * of codes, times as Excel dates in Asia/Shanghai, a closing row when the result was cut, and a notes sheet.
 */
import ExcelJS from 'exceljs';
import { AUDIT_ENTITY_NAMES } from '../../../shared/enums.ts';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';

/** One exported entry, as the list shows it. */
export interface AuditExportRow {
  at: string;
  actor: { id: number; username: string; displayName: string } | null;
  action: string;
  actionName: { zh: string; en: string };
  entityType: string;
  entityId: string;
  trackingCode: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

/** What the export was asked for and by whom. */
export interface AuditExportInfo {
  now: string;
  actorName: string;
  /** The filters as given, e.g. `action=petitioner.reveal&from=2026-05-01`. */
  query: string;
  /** The row limit; `rows.length > max` means the result was cut. */
  max: number;
}

const SHANGHAI_MS = 8 * 3600_000;

/** The headers of the audit sheet, in order. */
export const AUDIT_EXPORT_HEADERS = ['时间', '操作人', '用户名', '操作', '操作代码', '对象类型', '对象', 'IP 地址', '详情'];

/** `审计日志-2026-11-29.xlsx` (dated in Shanghai), and `audit-2026-11-29.xlsx` for clients that only read ASCII names. */
export function auditExportFilenames(now: string): { utf8: string; ascii: string } {
  const d = shanghaiDate(now);
  return { utf8: `审计日志-${d}.xlsx`, ascii: `audit-${d}.xlsx` };
}

/** The record an entry is about, in words: an issue by its tracking code, anything else by its id. */
export function entityLabel(r: Pick<AuditExportRow, 'entityType' | 'entityId' | 'trackingCode'>): string {
  if (r.trackingCode) return r.trackingCode;
  return r.entityType === 'ledger' ? '问题台账' : `#${r.entityId}`;
}

/** Build the workbook: sheet 审计日志 (one row per entry, at most `info.max`), sheet 导出说明. */
export async function buildAuditWorkbook(rows: readonly AuditExportRow[], info: AuditExportInfo): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '一线 Yixian';
  wb.created = new Date(info.now);
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [17, 18, 14, 18, 22, 10, 16, 16, 60];
  ws.columns = widths.map((width, i) => ({ key: String(i), width, ...(i === 0 ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}) }));
  const header = ws.addRow(AUDIT_EXPORT_HEADERS);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  const truncated = rows.length > info.max;
  const shown = truncated ? rows.slice(0, info.max) : rows;
  for (const r of shown) {
    ws.addRow([
      // Excel dates carry no zone: the Shanghai wall time.
      new Date(Date.parse(r.at) + SHANGHAI_MS),
      r.actor ? r.actor.displayName : '系统',
      r.actor?.username ?? '',
      r.actionName.zh,
      r.action,
      AUDIT_ENTITY_NAMES[r.entityType]?.zh ?? r.entityType,
      entityLabel(r),
      r.ip ?? '',
      Object.keys(r.data).length ? JSON.stringify(r.data) : '',
    ]);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUDIT_EXPORT_HEADERS.length } };
  if (truncated) {
    const note = ws.addRow([`仅导出最新的 ${info.max} 条，符合条件的记录多于 ${info.max} 条，请缩小筛选范围（如时间段）后分批导出。`]);
    ws.mergeCells(note.number, 1, note.number, AUDIT_EXPORT_HEADERS.length);
    note.font = { bold: true, color: { argb: 'FFC0392B' } };
  }

  const about = wb.addWorksheet('导出说明');
  about.columns = [{ width: 12 }, { width: 80 }];
  about.addRows([
    ['导出时间', new Date(Date.parse(info.now) + SHANGHAI_MS)],
    ['导出人', info.actorName],
    ['筛选条件', info.query || '（全部）'],
    ['导出条数', truncated ? `${shown.length}（已截断，上限 ${info.max} 条）` : String(shown.length)],
    ['说明', '本级全部审计记录中符合条件的部分，按时间从新到旧；时间为北京时间；本次导出本身也记入审计日志。'],
  ]);
  about.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
