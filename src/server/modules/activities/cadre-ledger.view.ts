/**
 * The 四下基层 ledger as a spreadsheet in the layout an upper level asks for (exceljs): a title row naming the unit
 * and the period, then per cadre and per unit the outcomes first — issues heard, resolved, the resolved share, call-backs
 * and satisfied — then the activities by kind and the places reached; a sheet of the villages and communities not reached.
 */
import ExcelJS from 'exceljs';
import type { CadreLedger } from '../../../shared/api/activities.ts';
import { ACTIVITY_KINDS, ACTIVITY_KIND_NAMES } from '../../../shared/enums.ts';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';

type Outcomes = CadreLedger['total'];

const share = (n: number, d: number) => (d > 0 ? n / d : null);
const OUTCOME_HEADERS = ['听到的问题', '已解决', '解决占比', '已回访', '满意', '基本满意', '满意占比', ...ACTIVITY_KINDS.map((k) => ACTIVITY_KIND_NAMES[k].zh), '活动合计', '走到村（社区）'];
const outcomeCells = (o: Omit<Outcomes, 'places'>) => [
  o.issues, o.resolved, share(o.resolved, o.issues), o.calledBack, o.satisfied, o.basicallySatisfied, share(o.satisfied + o.basicallySatisfied, o.calledBack),
  ...ACTIVITY_KINDS.map((k) => o.activities[k]), o.activityTotal, o.placesReached,
];

/** `四下基层台账-{unit}-{from}至{to}.xlsx`, and an ASCII name. */
export function ledgerFilenames(l: CadreLedger): { utf8: string; ascii: string } {
  return { utf8: `四下基层台账-${l.unit.name}-${l.from}至${l.to}.xlsx`, ascii: `cadre-ledger-${l.from}-${l.to}.xlsx` };
}

/** Build the workbook. */
export async function ledgerWorkbook(l: CadreLedger, now: string, by: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '一线 Yixian';
  wb.created = new Date(now);
  const sheet = (name: string, first: string[], rows: Array<Array<string | number | null>>, total?: Array<string | number | null>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    const headers = [...first, ...OUTCOME_HEADERS];
    ws.mergeCells(1, 1, 1, headers.length);
    ws.getCell(1, 1).value = `四下基层工作台账（${l.unit.name}，${l.from} 至 ${l.to}）`;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.mergeCells(2, 1, 2, headers.length);
    ws.getCell(2, 1).value = `只计已开展的活动；“已解决”为办结且解决，办结未解决不计；满意占比 =（满意 + 基本满意）÷ 已回访。制表：${by}，${shanghaiDate(now)}`;
    ws.getCell(2, 1).font = { size: 9, color: { argb: 'FF666666' } };
    const header = ws.addRow(headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }; c.border = { bottom: { style: 'thin' } }; });
    for (const r of rows) ws.addRow(r);
    if (total) ws.addRow(total).font = { bold: true };
    ws.columns.forEach((col, i) => {
      col.width = i < first.length ? 18 : 10;
      const h = headers[i] ?? '';
      if (h.includes('占比')) col.numFmt = '0.0%';
    });
    return ws;
  };
  sheet('干部', ['干部', '所在单位'], l.cadres.map((c) => [c.name, c.unitName, ...outcomeCells(c)]));
  sheet('单位', ['单位', '村（社区）数'], l.units.map((u) => [u.name, u.places, ...outcomeCells(u)]), ['合计', l.total.places, ...outcomeCells(l.total)]);
  const un = wb.addWorksheet('未走到的村（社区）');
  un.columns = [{ width: 8 }, { width: 20 }, { width: 20 }];
  un.addRow([`${l.from} 至 ${l.to} 没有开展活动也没有走访的村（社区）：${l.unreached.length} 个`]).font = { bold: true };
  un.addRow(['序号', '村（社区）', '所属乡镇']).font = { bold: true };
  for (const [i, v] of l.unreached.entries()) un.addRow([i + 1, v.name, v.township]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
