/**
 * Take a screenshot of a page of a running Yixian as a demo user, to look at it:
 *   node --import tsx scripts/screenshot.ts http://localhost:3000/issues out.png [username] [width] [height]
 */
import { launch, loginAs } from '../test/e2e/browser.ts';

const [url, out, username = 'clerk', width = '1366', height = '900'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: screenshot.ts URL OUT.png [username] [width] [height]');
  process.exit(2);
}
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const base = new URL(url).origin;
  if (username !== '-') await loginAs(page, base, username);
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await page.screenshot({ path: out, fullPage: true });
  if (errors.length) console.log('console errors:\n' + errors.join('\n'));
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
