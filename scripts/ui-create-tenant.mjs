// Runs Create Tenant through the portal's UI in headless Chromium, as a person would, and saves a
// screenshot of each page. Usage: node scripts/ui-create-tenant.mjs <tenant id> <display name> <screenshots dir>
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/app/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [tenantId, displayName, shots = '/tmp'] = process.argv.slice(2);
const baseUrl = process.env.TENANT_MESH_APP_URL ?? 'http://localhost:3000';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const shot = name => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
try {
  await page.goto(`${baseUrl}/create/templates/default/create-tenant`);
  await page.getByRole('button', { name: /enter/i }).click({ timeout: 60000 });
  await page.getByText('Create Tenant').first().waitFor({ timeout: 60000 });

  await page.getByLabel(/Tenant id/i).fill(tenantId);
  // Exactly the answer: "Checking whether <id> is available…" also holds the words.
  await page.getByText(`${tenantId} is available.`, { exact: true }).waitFor({ timeout: 20000 });
  await page.getByLabel(/Display name/i).fill(displayName);
  const host = await page.getByLabel(/^Host/i).inputValue();
  console.log(`host prefilled: ${host}`);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('customer');
  await page.getByRole('option', { name: /customer-success/ }).click({ timeout: 20000 });
  await shot('1-tenant');
  await page.getByRole('button', { name: 'Next' }).click();
  await shot('2-sign-in');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await shot('3-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText(`Open ${tenantId} in the catalog`).waitFor({ timeout: 90000 });
  await shot('4-done');
  await page.getByText(`Open ${tenantId} in the catalog`).click();
  await page.getByText(displayName).first().waitFor({ timeout: 30000 });
  await shot('5-entity');
  console.log(`created ${tenantId} through the UI: ${page.url()}`);
} catch (error) {
  await shot('error');
  throw error;
} finally {
  await browser.close();
}
