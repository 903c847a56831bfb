import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { planTenant, planTenants } from './plan';
import { planFiles } from './renderYaml';

const GOLDEN_DIR = path.join(__dirname, '__fixtures__', 'golden');

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name)).map(f => `${entry.name}/${f}`)
        : [entry.name],
    );
}

describe('planTenant', () => {
  it('validates first, listing every problem', () => {
    const call = () =>
      planTenant({
        spec: { ...acmeSpec, tenantId: 'Acme', host: 'acme.example.org' },
        platform: testPlatform,
      });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/tenantId: .*\nhost: /s);
  });

  it('refuses a host another tenant owns (B22)', () => {
    expect(() =>
      planTenant({
        spec: { ...acmeSpec, host: 'globex.example.com' },
        platform: testPlatform,
        existingTenants: [{ tenantId: 'globex', host: 'globex.example.com' }],
      }),
    ).toThrow(/host: globex.example.com already belongs to tenant globex/);
  });

  it('routes the Envoy entry to the tenant oauth2-proxy', () => {
    const plan = planTenant({ spec: acmeSpec, platform: testPlatform });
    expect(plan.envoyRoute).toEqual({
      tenantId: 'acme',
      host: 'acme.example.com',
      upstream: 'oauth2-proxy-acme.tenant-acme-auth.svc.cluster.local:4180',
    });
    expect(plan.secretRef).toEqual({
      namespace: 'tenant-acme-auth',
      name: 'oauth2-proxy-acme',
      keys: { clientSecret: 'client-secret', cookieSecret: 'cookie-secret' },
    });
  });
});

describe('planTenants', () => {
  it('reports the problems of every tenant at once', () => {
    const call = () =>
      planTenants(
        [
          { ...acmeSpec, owner: 'nobody' },
          { ...globexSpec, host: 'acme.example.com' },
        ],
        testPlatform,
      );
    // A host claimed twice is reported on the tenant that claims it second
    // (in tenant id order), next to every other problem.
    expect(call).toThrow(
      /acme: owner: .*\nglobex: host: .*\nglobex: host: acme\.example\.com already belongs to tenant acme$/s,
    );
  });

  it('refuses one id in two tenant files', () => {
    expect(() => planTenants([acmeSpec, acmeSpec], testPlatform)).toThrow(
      'acme: tenantId: is used by two tenant files',
    );
  });

  it('gives the same bytes for any order and on every run', () => {
    const render = (specs = [acmeSpec, globexSpec]) =>
      JSON.stringify(planFiles(planTenants(specs, testPlatform)));
    expect(render([globexSpec, acmeSpec])).toBe(render());
    expect(render()).toBe(render());
  });

  it('writes no secret into any file, only references (B20, W8)', () => {
    const files = planFiles(planTenants([acmeSpec, globexSpec], testPlatform));
    for (const { content } of files) {
      expect(content).not.toMatch(/(client|cookie)_secret\s*=/);
      expect(content).not.toMatch(/kind: Secret\b/);
    }
  });

  it('matches the golden files byte for byte (UPDATE_GOLDEN=1 rewrites)', () => {
    const files = planFiles(planTenants([acmeSpec, globexSpec], testPlatform));
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.rmSync(GOLDEN_DIR, { recursive: true, force: true });
      for (const file of files) {
        const target = path.join(GOLDEN_DIR, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
      }
    }
    expect(listFiles(GOLDEN_DIR).sort()).toEqual(files.map(f => f.path).sort());
    for (const file of files) {
      const golden = fs.readFileSync(path.join(GOLDEN_DIR, file.path), 'utf8');
      expect({ path: file.path, content: file.content }).toEqual({
        path: file.path,
        content: golden,
      });
    }
  });
});
