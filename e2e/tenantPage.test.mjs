// Browser test on the running portal (scripts/browser-test.sh starts it): Create Tenant through the
// form, as a person would, then acme's entity page and the tenants overview, in Debian's Chromium
// driven by playwright-core. Screenshots are saved in docs/images/, where the README shows them.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const require = createRequire(
  new URL('../packages/app/package.json', import.meta.url),
);
const { chromium } = require('playwright-core');

const baseUrl = process.env.TENANT_MESH_APP_URL ?? 'http://localhost:3000';
const screenshots = new URL('../docs/images/', import.meta.url).pathname;
const tenantId = 'acme';

let browser;
let page;

before(async () => {
  browser = await chromium.launch({
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
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${baseUrl}/create/templates/default/create-tenant`);
  // The guest provider's sign-in page comes first; the session lasts for the other tests.
  await page
    .getByRole('button', { name: /enter/i })
    .click({ timeout: 120_000 });
});

after(async () => {
  await browser?.close();
});

test('Create Tenant through the form onboards acme', async () => {
  await page.getByText('Create Tenant').first().waitFor({ timeout: 120_000 });
  await page.getByLabel(/Tenant id/i).fill(tenantId);
  // Exactly the answer: "Checking whether acme is available…" also holds the words.
  await page
    .getByText(`${tenantId} is available.`, { exact: true })
    .waitFor({ timeout: 30_000 });
  await page.getByLabel(/Display name/i).fill('Acme Corp');
  assert.equal(
    await page.getByLabel(/^Host/i).inputValue(),
    `${tenantId}.example.com`,
  );
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('customer');
  await page
    .getByRole('option', { name: /customer-success/ })
    .click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await page
    .getByText(`Open ${tenantId} in the catalog`)
    .waitFor({ timeout: 120_000 });
});

/** Whether a request is a GET of acme's status route, with any query. */
/**
 * The client secrets cognito-local keeps for app clients of this name, read
 * from its data folder (scripts/browser-test.sh gives the portal a fresh one).
 */
async function clientSecretsOf(clientName) {
  const dataDir = process.env.TENANT_MESH_DATA_DIR;
  assert.ok(dataDir, 'TENANT_MESH_DATA_DIR names the portal data folder');
  const { Clients } = JSON.parse(
    await readFile(
      join(dataDir, 'cognito', '.cognito', 'db', 'clients.json'),
      'utf8',
    ),
  );
  return Object.values(Clients)
    .filter(c => c.ClientName === clientName && c.ClientSecret)
    .map(c => c.ClientSecret);
}

function isAcmeStatus(request) {
  const { pathname } = new URL(request.url());
  return (
    request.method() === 'GET' &&
    pathname === `/api/tenant-mesh/tenants/${tenantId}/status`
  );
}

const isFresh = request =>
  new URL(request.url()).searchParams.get('fresh') === 'true';

/** The state a card's section or one of its checks shows, from `data-state`. */
const stateOf = locator =>
  locator.locator('[data-state]').first().getAttribute('data-state');

test("acme's entity page shows its routing, auth and pod health", async () => {
  // Every status request of the page, counted from before it loads.
  const statusRequests = [];
  const count = request => {
    if (isAcmeStatus(request)) {
      statusRequests.push(request);
    }
  };
  page.on('request', count);
  try {
    const loaded = page.waitForResponse(r => isAcmeStatus(r.request()), {
      timeout: 120_000,
    });
    await page.goto(`${baseUrl}/catalog/default/resource/${tenantId}`);
    const routing = page.getByTestId('tenant-mesh-routing-card');
    const auth = page.getByTestId('tenant-mesh-auth-card');
    const pods = page.getByTestId('tenant-mesh-pods-card');
    assert.equal((await loaded).status(), 200);
    for (const card of [routing, auth, pods]) {
      await card.locator('[data-section-state]').waitFor({ timeout: 60_000 });
    }
    // The three cards share one request.
    assert.equal(
      statusRequests.length,
      1,
      'one status request for the three cards',
    );
    assert.equal(isFresh(statusRequests[0]), false);

    // The embedded default has no cluster: routing and pods say so instead
    // of pretending.
    assert.equal(
      await stateOf(routing.locator('[data-section-state]')),
      'unknown',
    );
    assert.equal(
      await stateOf(pods.locator('[data-section-state]')),
      'unknown',
    );
    await routing
      .getByText(/No cluster configured/)
      .first()
      .waitFor({ timeout: 10_000 });
    await pods
      .getByText(/No cluster configured/)
      .first()
      .waitFor({ timeout: 10_000 });
    assert.doesNotMatch(await pods.innerText(), /\d+\/\d+ ready/);

    // Cognito is real (the emulator): the pool and client are checked, the
    // hosted UI cannot be.
    assert.equal(await stateOf(auth.locator('[data-check="user-pool"]')), 'ok');
    assert.equal(
      await stateOf(auth.locator('[data-check="app-client"]')),
      'ok',
    );
    const domain = auth.locator('[data-check="hosted-ui-domain"]');
    assert.equal(await stateOf(domain), 'unknown');
    assert.match(await domain.innerText(), /unavailable in local mode/);
    // The real secret of acme's app client, as the emulator keeps it: it
    // must be nowhere in the page nor in the status answer.
    const secrets = await clientSecretsOf(
      `tenant-mesh-${tenantId}-oauth2-proxy`,
    );
    assert.ok(secrets.length > 0, "the emulator holds acme's client secret");
    const html = await page.content();
    const answer = await (await loaded).text();
    for (const secret of secrets) {
      assert.equal(html.includes(secret), false, 'client secret in the page');
      assert.equal(
        answer.includes(secret),
        false,
        'client secret in the answer',
      );
    }

    for (const card of [routing, auth, pods]) {
      assert.doesNotMatch(await card.innerText(), /Error: |Failed to fetch/);
    }
    await page.screenshot({
      path: `${screenshots}tenant-page-acme.png`,
      fullPage: true,
    });

    // One card's Refresh asks once more, past the backend's cache, for all
    // three.
    const refreshed = page.waitForResponse(
      r => isAcmeStatus(r.request()) && isFresh(r.request()),
      { timeout: 60_000 },
    );
    await routing.getByRole('button', { name: 'Refresh' }).click();
    assert.equal((await refreshed).status(), 200);
    assert.equal(
      statusRequests.length,
      2,
      'one more status request on Refresh',
    );
    assert.equal(isFresh(statusRequests[1]), true);
  } finally {
    page.off('request', count);
  }
});

test('the tenants overview lists acme with its state', async () => {
  await page.goto(`${baseUrl}/tenants`);
  const row = page.getByRole('row', { name: new RegExp(`\\b${tenantId}\\b`) });
  await row.first().waitFor({ timeout: 60_000 });
  assert.match(
    await row.first().innerText(),
    new RegExp(`${tenantId}\\.example\\.com`),
  );
  await page.screenshot({
    path: `${screenshots}tenants-overview.png`,
    fullPage: true,
  });
});
