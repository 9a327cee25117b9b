#!/usr/bin/env node
// `npm run bench -- <name>`: run bench/<name>.bench.ts through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
const dir = path.resolve(import.meta.dirname, '../bench');
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !existsSync(path.join(dir, `${name}.bench.ts`))) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.bench.ts`), ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
