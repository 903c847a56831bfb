import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createProgram } from './index';
import { EXIT_INVALID_INPUT, EXIT_OK } from './lib/exitCodes';
import { RENDERED_MANIFEST } from './lib/renderedFiles';

const repoRoot = path.resolve(__dirname, '../../..');
const appConfig = path.join(repoRoot, 'app-config.yaml');
const acme = path.join(repoRoot, 'examples/tenants/acme.yaml');
const globex = path.join(repoRoot, 'examples/tenants/globex.yaml');
const invalid = path.join(__dirname, '__fixtures__/invalid-tenant.yaml');

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = createProgram(
    { out: line => out.push(line), err: line => err.push(line) },
    c => {
      code = c;
    },
  );
  await program.parseAsync(['node', 'tenant-mesh', ...args]);
  return { code, out, err };
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  const files: Record<string, string> = {};
  for (const entry of entries.filter(e => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await fs.readFile(full, 'utf8');
  }
  return files;
}

describe('tenant-mesh validate', () => {
  it('accepts the example tenants', async () => {
    const result = await run(['validate', acme, globex, '--config', appConfig]);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(EXIT_OK);
  });

  it('exits 2 with one line per problem, each naming the field', async () => {
    const result = await run(['validate', invalid, '--config', appConfig]);
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    const fields = result.err.map(line => line.split(': ')[1]);
    expect(fields).toEqual(
      expect.arrayContaining(['tenantId', 'host', 'owner', 'domainPrefix']),
    );
    expect(result.err.every(line => line.startsWith(invalid))).toBe(true);
  });

  it('refuses a host that another tenant file already claims', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-cli-'));
    const copy = path.join(dir, 'acme-eu.yaml');
    const text = await fs.readFile(acme, 'utf8');
    await fs.writeFile(
      copy,
      text.replace('tenantId: acme', 'tenantId: acme-eu'),
    );
    const result = await run(['validate', acme, copy, '--config', appConfig]);
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.err).toContain(
      `${copy}: host: acme.example.com already belongs to tenant acme`,
    );
  });
});

describe('tenant-mesh render', () => {
  it('writes the same bytes twice, one folder per tenant plus shared', async () => {
    const first = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-render-'));
    const second = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-render-'));
    const a = await run([
      'render',
      acme,
      globex,
      '--config',
      appConfig,
      '--out',
      first,
    ]);
    expect(a.err).toEqual([]);
    expect(a.code).toBe(EXIT_OK);
    // Reversed input order must not change a byte.
    await run(['render', globex, acme, '--config', appConfig, '--out', second]);

    const [one, two] = [await readTree(first), await readTree(second)];
    expect(Object.keys(one).length).toBeGreaterThan(10);
    expect(two).toEqual(one);
    const folders = new Set(
      Object.keys(one).map(f => f.split(path.sep).slice(0, 2).join('/')),
    );
    expect([...folders]).toEqual(
      expect.arrayContaining(['tenants/acme', 'tenants/globex']),
    );
    expect(Object.keys(one).some(f => f.startsWith('shared'))).toBe(true);
  });
});

describe('tenant-mesh render --platform', () => {
  const render = async (args: string[]) => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-platform-'));
    const result = await run([
      'render',
      ...args,
      '--config',
      appConfig,
      '--out',
      out,
    ]);
    return { code: result.code, err: result.err, lines: result.out, out };
  };

  it('writes the platform beside the tenants, checked together, the same bytes twice', async () => {
    const a = await render(['--platform', acme, globex]);
    const b = await render(['--platform', globex, acme]);
    expect(a.err).toEqual([]);
    expect(a.code).toBe(EXIT_OK);
    const [one, two] = [await readTree(a.out), await readTree(b.out)];
    expect(two).toEqual(one);
    const files = Object.keys(one).map(f => f.split(path.sep).join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'platform/07-deployment-tenant-authz.yaml',
        'platform/09-authorizationpolicy-tenant-mesh-every-host.yaml',
        'platform/istio/istiooperator-tenant-mesh.yaml',
        'platform/istio/istiod-values.yaml',
        'shared/01-gateway-tenant-gateway.yaml',
      ]),
    );
    // One Gateway, the tenants' one; no Secret anywhere.
    expect(files.filter(f => /\/\d+-gateway-/.test(f))).toEqual([
      'shared/01-gateway-tenant-gateway.yaml',
    ]);
    expect(Object.values(one).join('\n')).not.toMatch(/kind: Secret\b/);
    expect(a.lines).toContain(
      'platform: provide Secret istio-ingress/wildcard-example-com (kubernetes.io/tls: tls.crt, tls.key for *.example.com); it is never rendered',
    );
  });

  it('alone writes only platform/ and leaves the tenants’ shared/ as it was', async () => {
    const tenants = await render([acme, globex]);
    const before = await readTree(tenants.out);
    const result = await run([
      'render',
      '--platform',
      '--config',
      appConfig,
      '--out',
      tenants.out,
    ]);
    expect(result.code).toBe(EXIT_OK);
    const after = await readTree(tenants.out);
    // render's own record of what it wrote changes; every manifest stays.
    const unchanged = Object.keys(before).filter(f => f !== RENDERED_MANIFEST);
    expect(unchanged.length).toBeGreaterThan(10);
    for (const file of unchanged) {
      expect({ file, content: after[file] }).toEqual({
        file,
        content: before[file],
      });
    }
    expect(
      Object.keys(after)
        .filter(f => !unchanged.includes(f) && f !== RENDERED_MANIFEST)
        .every(f => f.startsWith(`platform${path.sep}`)),
    ).toBe(true);
  });

  it('exits 2 without tenant files or --platform', async () => {
    const result = await run(['render', '--config', appConfig]);
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.err).toEqual([
      'render: give tenant files, --platform, or both',
    ]);
  });
});

describe('tenant-mesh render into a folder that holds other files', () => {
  it('removes only what an earlier render wrote and no longer plans', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-render-'));
    await fs.mkdir(path.join(out, 'tenants/old'), { recursive: true });
    await fs.writeFile(path.join(out, 'tenants/old/notes.md'), 'mine');

    await run(['render', acme, globex, '--config', appConfig, '--out', out]);
    const globexFile = Object.keys(await readTree(out)).find(f =>
      f.startsWith(path.join('tenants', 'globex')),
    );
    expect(globexFile).toBeDefined();
    const result = await run([
      'render',
      acme,
      '--config',
      appConfig,
      '--out',
      out,
    ]);

    const files = Object.keys(await readTree(out));
    expect(result.code).toBe(EXIT_OK);
    expect(files).toContain(path.join('tenants', 'old', 'notes.md'));
    expect(files).not.toContain(globexFile);
    expect(files.some(f => f.startsWith(path.join('tenants', 'acme')))).toBe(
      true,
    );
  });
});

describe('tenant-mesh validate across files', () => {
  it('refuses one tenant id in two files, as render does', async () => {
    const result = await run(['validate', acme, acme, '--config', appConfig]);
    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.err).toContain(
      `${acme}: tenantId: acme is already the id of ${acme}`,
    );
  });

  it('warns, without failing, when unverified emails may sign in (B03)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tm-cli-'));
    const file = path.join(dir, 'acme.yaml');
    await fs.writeFile(
      file,
      `${await fs.readFile(acme, 'utf8')}\n`.replace(
        'session:\n',
        'session:\n  allowUnverifiedEmail: true\n',
      ),
    );
    const result = await run(['validate', file, '--config', appConfig]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.err.join('\n')).toMatch(
      /session\.allowUnverifiedEmail: warning/,
    );
  });
});

describe('tenant-mesh validate without --config', () => {
  let dir: string;
  const cwd = process.cwd();

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenant-mesh-config-'));
    await fs.copyFile(appConfig, path.join(dir, 'app-config.yaml'));
    process.chdir(dir);
  });

  afterEach(async () => {
    process.chdir(cwd);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads app-config.local.yaml after app-config.yaml, as the portal does', async () => {
    expect((await run(['validate', acme])).code).toBe(EXIT_OK);

    // The portal's local settings move the base domain: acme's host leaves it.
    await fs.writeFile(
      path.join(dir, 'app-config.local.yaml'),
      'tenantMesh:\n  baseDomains: [example.org]\n',
    );
    const result = await run(['validate', acme]);

    expect(result.code).toBe(EXIT_INVALID_INPUT);
    expect(result.err.join('\n')).toMatch(/host: .*example\.org/);
  });
});
