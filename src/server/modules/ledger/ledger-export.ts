/**
 * The ledger as a spreadsheet (.xlsx, exceljs): Chinese headers, names instead of codes, times as Excel dates in
 * Asia/Shanghai, the petitioner masked exactly as the API shows it, and a closing row when the result was cut.
 */
import ExcelJS from 'exceljs';
import { CHANNEL_NAMES, ISSUE_KIND_NAMES, URGENCY_NAMES, type Channel, type IssueKind, type Urgency } from '../../../shared/enums.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';
import { maskName, maskPhone } from './ledger.view.ts';

/** One exported issue: the stored row, its units' names and its petitioner's stored name and phone (masked here). */
export interface ExportRow {
  trackingCode: string;
  title: string;
  status: string;
  channel: string;
  kind: string;
  urgency: string;
  locName: string;
  respName: string | null;
  categoryId: number | null;
  receivedAt: string;
  nextDueAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  anonymous: number;
  petitionerName: string | null;
  petitionerPhone: string | null;
}

/** What the export was asked for and by whom, for the notes sheet. */
export interface ExportInfo {
  now: string;
  actorName: string;
  /** The filters as the user gave them, e.g. `status=assigned&overdue=true`. */
  query: string;
  /** The row limit; `rows.length > max` means the result was cut. */
  max: number;
}

const SHANGHAI_MS = 8 * 3600_000;
const DATE_TIME = 'yyyy-mm-dd hh:mm';

/** Excel dates carry no zone: write the Shanghai wall time, so the cell shows what a clerk in China expects. */
function shanghaiCell(iso: string | null): Date | null {
  return iso ? new Date(Date.parse(iso) + SHANGHAI_MS) : null;
}

/** The spreadsheet's columns: header, width, and the cell of a row. */
const COLUMNS: readonly { header: string; width: number; date?: boolean; cell: (r: ExportRow, c: { now: string; category: (id: number | null) => string }) => string | Date | null }[] = [
  { header: '受理编号', width: 18, cell: (r) => r.trackingCode },
  { header: '标题', width: 36, cell: (r) => r.title },
  { header: '状态', width: 12, cell: (r) => STATUS_INFO[r.status as IssueStatus]?.zh ?? r.status },
  { header: '渠道', width: 10, cell: (r) => CHANNEL_NAMES[r.channel as Channel]?.zh ?? r.channel },
  { header: '类型', width: 10, cell: (r) => ISSUE_KIND_NAMES[r.kind as IssueKind]?.zh ?? r.kind },
  { header: '紧急程度', width: 10, cell: (r) => URGENCY_NAMES[r.urgency as Urgency]?.zh ?? r.urgency },
  { header: '所在地', width: 16, cell: (r) => r.locName },
  { header: '承办单位', width: 24, cell: (r) => r.respName ?? '' },
  { header: '分类', width: 28, cell: (r, c) => c.category(r.categoryId) },
  { header: '收到时间', width: 17, date: true, cell: (r) => shanghaiCell(r.receivedAt) },
  { header: '办理期限', width: 17, date: true, cell: (r) => shanghaiCell(r.nextDueAt) },
  { header: '是否超期', width: 9, cell: (r, c) => (r.nextDueAt !== null && r.nextDueAt < c.now ? '是' : '否') },
  { header: '诉求人', width: 10, cell: (r) => (r.anonymous === 1 ? '匿名' : maskName(r.petitionerName) ?? '') },
  { header: '联系电话', width: 14, cell: (r) => (r.anonymous === 1 ? '' : maskPhone(r.petitionerPhone) ?? '') },
  { header: '办结时间', width: 17, date: true, cell: (r) => shanghaiCell(r.closedAt) },
  { header: '更新时间', width: 17, date: true, cell: (r) => shanghaiCell(r.updatedAt) },
];

/** The headers of the ledger sheet, in order. */
export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/** `问题台账-2026-11-29.xlsx` (dated in Shanghai), and `ledger-2026-11-29.xlsx` for clients that only read ASCII names. */
export function exportFilenames(now: string): { utf8: string; ascii: string } {
  const d = shanghaiDate(now);
  return { utf8: `问题台账-${d}.xlsx`, ascii: `ledger-${d}.xlsx` };
}

/** Build the workbook: sheet 问题台账 (one row per issue, at most `info.max`), sheet 导出说明 (when, who, which filters). */
export async function buildLedgerWorkbook(
  rows: readonly ExportRow[], categoryPath: (id: number | null) => string, info: ExportInfo,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '一线 Yixian';
  wb.created = new Date(info.now);
  const ws = wb.addWorksheet('问题台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c, i) => ({ key: String(i), width: c.width, ...(c.date ? { style: { numFmt: DATE_TIME } } : {}) }));
  const header = ws.addRow(EXPORT_HEADERS);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  const truncated = rows.length > info.max;
  const shown = truncated ? rows.slice(0, info.max) : rows;
  const ctx = { now: info.now, category: categoryPath };
  for (const r of shown) ws.addRow(COLUMNS.map((c) => c.cell(r, ctx)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  if (truncated) {
    const note = ws.addRow([`仅导出前 ${info.max} 条，符合条件的问题多于 ${info.max} 条，请缩小筛选范围后分批导出。`]);
    ws.mergeCells(note.number, 1, note.number, COLUMNS.length);
    note.font = { bold: true, color: { argb: 'FFC0392B' } };
  }

  const about = wb.addWorksheet('导出说明');
  about.columns = [{ width: 12 }, { width: 80 }];
  about.addRows([
    ['导出时间', shanghaiCell(info.now)],
    ['导出人', info.actorName],
    ['筛选条件', info.query || '（全部）'],
    ['导出条数', truncated ? `${shown.length}（已截断，上限 ${info.max} 条）` : String(shown.length)],
    ['说明', '范围为导出人可见的问题；诉求人信息已脱敏；时间为北京时间。'],
  ]);
  about.getCell('B1').numFmt = DATE_TIME;
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
