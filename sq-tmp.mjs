import SQLite from 'better-sqlite3';
import { rmSync } from 'node:fs';
const src = new SQLite('/tmp/prof/p.db', { readonly: true });
const rows = src.prepare('select * from issues order by id').raw().all();
const names = src.prepare('select * from issues limit 1').columns().map((c) => c.name);
src.close();
function fresh(tag) {
  const f = `/tmp/prof/t-${tag}.db`; for (const e of ['', '-wal', '-shm']) rmSync(f + e, { force: true });
  const s0 = new SQLite('/tmp/prof/p.db', { readonly: true }); s0.exec(`vacuum into '${f}'`); s0.close();
  const db = new SQLite(f); db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
  db.exec('delete from search_pending; '.replace('delete from search_pending; ', '') + 'delete from import_rows; delete from issue_events; delete from issue_deadlines; delete from issue_search; delete from issues; delete from people;');
  return db;
}
const run = (tag, setup, mapRow, drop = []) => {
  const db = fresh(tag);
  for (const d of drop) db.exec(`drop index ${d}`);
  setup?.(db);
  const cols = names.filter((c) => c !== 'id');
  const ins = db.prepare(`insert into issues (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const idx = cols.map((c) => names.indexOf(c));
  const t = performance.now();
  for (let i = 0; i < rows.length; i += 5000) db.transaction(() => { for (const r of rows.slice(i, i + 5000)) { const v = idx.map((k) => r[k]); mapRow?.(v, cols); ins.run(v); } })();
  console.log(tag.padEnd(30), (performance.now() - t).toFixed(0), 'ms');
  db.close();
};
run('full', (db) => db.pragma('foreign_keys = ON'));
run('full fk off');
run('no petitioner fk', (db) => db.pragma('foreign_keys = ON'), (v, c) => { v[c.indexOf('petitioner_id')] = null; });
run('drop received ix', (db) => db.pragma('foreign_keys = ON'), null, ['issues_received_ix']);
run('drop all ix', (db) => db.pragma('foreign_keys = ON'), null, ['issues_received_ix','issues_org_unit_ix','issues_status_ix','issues_category_ix','issues_next_due_ix','issues_responsible_ix']);
