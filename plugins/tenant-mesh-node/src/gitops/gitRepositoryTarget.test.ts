import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, NotAllowedError } from '@backstage/errors';
import { GitRepositoryTarget } from './gitRepositoryTarget';

describe('GitRepositoryTarget', () => {
  let dir: string;
  let repo: GitRepositoryTarget;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-git-'));
    repo = new GitRepositoryTarget({ dir });
    await repo.init();
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const acmeFiles = [
    { path: 'namespace.yaml', content: 'kind: Namespace\n' },
    { path: 'policy/authz.yaml', content: 'kind: AuthorizationPolicy\n' },
  ];

  it('commits a tenant once, with the author and the paths it added', async () => {
    const result = await repo.writeTenant({
      tenantId: 'acme',
      files: acmeFiles,
      message: 'Onboard tenant acme',
    });

    expect(result).toMatchObject({
      changed: true,
      added: ['tenants/acme/namespace.yaml', 'tenants/acme/policy/authz.yaml'],
    });
    const [entry] = await repo.log(5);
    expect(entry.commit).toBe(result.commit);
    expect(entry.author).toEqual({
      name: 'Tenant Mesh',
      email: 'tenant-mesh@localhost',
    });
    expect(entry.message).toBe(
      'Onboard tenant acme\n\nAdded:\n  tenants/acme/namespace.yaml\n  tenants/acme/policy/authz.yaml\n',
    );
    expect(await repo.readFiles('tenants/acme/')).toEqual([
      { path: 'tenants/acme/namespace.yaml', content: 'kind: Namespace\n' },
      {
        path: 'tenants/acme/policy/authz.yaml',
        content: 'kind: AuthorizationPolicy\n',
      },
    ]);
  });

  it('makes no commit when the files are already there', async () => {
    const write = () =>
      repo.writeTenant({ tenantId: 'acme', files: acmeFiles, message: 'x' });
    await write();

    const again = await write();

    expect(again).toEqual({
      changed: false,
      added: [],
      modified: [],
      removed: [],
    });
    expect(again.commit).toBeUndefined();
    expect(await repo.log(10)).toHaveLength(1);
  });

  it('commits one change and lists only that file', async () => {
    await repo.writeTenant({
      tenantId: 'acme',
      files: acmeFiles,
      message: 'x',
    });

    const result = await repo.writeTenant({
      tenantId: 'acme',
      files: [acmeFiles[0], { ...acmeFiles[1], content: 'kind: Changed\n' }],
      message: 'Update tenant acme',
    });

    expect(result).toMatchObject({
      added: [],
      modified: ['tenants/acme/policy/authz.yaml'],
      removed: [],
    });
    const log = await repo.log(10);
    expect(log).toHaveLength(2);
    expect(log[0].message).toBe(
      'Update tenant acme\n\nChanged:\n  tenants/acme/policy/authz.yaml\n',
    );
  });

  it('removes files the tenant no longer has, and only its own', async () => {
    await repo.writeTenant({
      tenantId: 'acme',
      files: acmeFiles,
      message: 'a',
    });
    await repo.writeTenant({
      tenantId: 'acme-eu',
      files: acmeFiles,
      message: 'b',
    });

    const result = await repo.writeTenant({
      tenantId: 'acme',
      files: [acmeFiles[0]],
      message: 'Drop the policy of acme',
    });

    expect(result.removed).toEqual(['tenants/acme/policy/authz.yaml']);
    expect((await repo.readFiles('tenants/')).map(f => f.path).sort()).toEqual([
      'tenants/acme-eu/namespace.yaml',
      'tenants/acme-eu/policy/authz.yaml',
      'tenants/acme/namespace.yaml',
    ]);
    expect(await readdir(join(dir, 'tenants/acme'))).toEqual([
      'namespace.yaml',
    ]);
  });

  it('writes shared files next to the tenants', async () => {
    const result = await repo.writeShared(
      [{ path: 'platform/envoy-tenants.yaml', content: 'acme: {}\n' }],
      'Add acme to the central Envoy',
    );
    expect(result.added).toEqual(['platform/envoy-tenants.yaml']);
    expect(await repo.readFiles('platform/')).toHaveLength(1);
  });

  it.each([
    ['../outside.yaml'],
    ['../../acme-eu/namespace.yaml'],
    ['/etc/passwd'],
  ])('refuses the tenant path %s', async path => {
    await expect(
      repo.writeTenant({
        tenantId: 'acme',
        files: [{ path, content: 'x' }],
        message: 'x',
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect(await repo.log(1)).toEqual([]);
  });

  it.each([['../outside.yaml'], ['.git/config'], ['.']])(
    'refuses the shared path %s',
    async path => {
      await expect(
        repo.writeShared([{ path, content: 'x' }], 'x'),
      ).rejects.toBeInstanceOf(NotAllowedError);
    },
  );

  it('refuses a tenant id that is not a DNS label', async () => {
    await expect(
      repo.writeTenant({ tenantId: '../acme', files: [], message: 'x' }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('serialises 10 concurrent writers into 10 commits', async () => {
    const tenants = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);

    await Promise.all(
      tenants.map(tenantId =>
        repo.writeTenant({
          tenantId,
          files: [{ path: 'namespace.yaml', content: `name: ${tenantId}\n` }],
          message: `Onboard tenant ${tenantId}`,
        }),
      ),
    );

    expect(await repo.log(20)).toHaveLength(10);
    expect((await repo.readFiles('tenants/')).map(f => f.path).sort()).toEqual(
      tenants.map(t => `tenants/${t}/namespace.yaml`).sort(),
    );
  });

  it('reads and commits under one lock, so read-modify-write loses no update', async () => {
    // Each writer reads the shared list and adds its own entry, as a delivery
    // regenerates shared files from every record; separate instances stand in
    // for separate replicas.
    const writers = Array.from({ length: 8 }, (_, i) => `tenant-${i}`);
    await Promise.all(
      writers.map(name =>
        new GitRepositoryTarget({ dir }).update(async () => {
          const [list] = await repo.readFiles('shared/tenants.txt');
          const names = list ? list.content.split('\n').filter(Boolean) : [];
          return {
            files: [
              {
                path: 'shared/tenants.txt',
                content: `${[...names, name].sort().join('\n')}\n`,
              },
            ],
            message: `Add ${name}`,
          };
        }),
      ),
    );

    const [list] = await repo.readFiles('shared/tenants.txt');
    expect(list.content.split('\n').filter(Boolean)).toEqual(writers);
    expect(await repo.log(20)).toHaveLength(writers.length);
  });

  it('commits nothing when the computed change is none', async () => {
    const result = await repo.update(async () => undefined);
    expect(result).toEqual({
      added: [],
      modified: [],
      removed: [],
      changed: false,
    });
  });

  it('serialises writers of separate instances over one repository', async () => {
    const other = new GitRepositoryTarget({ dir });
    await Promise.all([
      repo.writeTenant({ tenantId: 'acme', files: acmeFiles, message: 'a' }),
      other.writeTenant({ tenantId: 'globex', files: acmeFiles, message: 'g' }),
    ]);
    expect(await repo.log(5)).toHaveLength(2);
  });
});
