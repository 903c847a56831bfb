import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createProgram } from './index';
import { EXIT_INVALID_INPUT, EXIT_OK } from './lib/exitCodes';

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
