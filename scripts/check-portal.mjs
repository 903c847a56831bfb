// Opens the running portal in Debian's Chromium (headless, through playwright-core) and checks
// that the catalog is visible after guest sign-in. Usage: node scripts/check-portal.mjs [screenshot.png]
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/app/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const baseUrl = process.env.TENANT_MESH_APP_URL ?? 'http://localhost:3000';
const screenshot = process.argv[2];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(baseUrl);
  // The guest provider shows a sign-in page first.
  await page.getByRole('button', { name: /enter/i }).click({ timeout: 60000 });
  // The catalog is the landing page: its table and the org's groups in the owner filter.
  await page.getByRole('table').first().waitFor({ timeout: 60000 });
  await page.getByText('Tenant Mesh Catalog').waitFor({ timeout: 10000 });
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(`portal ok: ${page.url()} shows the catalog`);
} finally {
  await browser.close();
}
