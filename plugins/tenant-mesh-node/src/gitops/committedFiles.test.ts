import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepositoryTarget } from './gitRepositoryTarget';

describe('reads of committed files', () => {
  let dir: string;
  let repo: GitRepositoryTarget;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-git-reads-'));
    repo = new GitRepositoryTarget({ dir });
    await repo.init();
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const commit = (files: Array<{ path: string; content: string }>) =>
    repo.commitChange({ files, message: 'Change' });

  it('has no head and no files before the first commit', async () => {
    expect(await repo.head()).toBeUndefined();
    expect(await repo.readFile('tenants/acme/tenant.yaml')).toBeUndefined();
    expect(await repo.readFiles('')).toEqual([]);
  });

  it('reads one file, and nothing for a missing path or a folder', async () => {
    await commit([{ path: 'tenants/acme/tenant.yaml', content: 'a: 1\n' }]);

    expect(await repo.readFile('tenants/acme/tenant.yaml')).toEqual({
      path: 'tenants/acme/tenant.yaml',
      content: 'a: 1\n',
    });
    expect(await repo.readFile('tenants/globex/tenant.yaml')).toBeUndefined();
    expect(await repo.readFile('tenants/acme')).toBeUndefined();
    expect(await repo.readFile('tenants/acme/tenant.yaml/x')).toBeUndefined();
  });

  it('lists by string prefix, in tree order, across and inside folders', async () => {
    await commit([
      { path: 'shared/01-gateway.yaml', content: 'g' },
      { path: 'shared/02-envoy/routes.yaml', content: 'r' },
      { path: 'shared/10-other.yaml', content: 'o' },
      { path: 'tenants/acme/tenant.yaml', content: 't' },
    ]);

    const paths = async (prefix: string) =>
      (await repo.readFiles(prefix)).map(f => f.path);
    expect(await paths('shared/0')).toEqual([
      'shared/01-gateway.yaml',
      'shared/02-envoy/routes.yaml',
    ]);
    expect(await paths('shared/02-envoy/')).toEqual([
      'shared/02-envoy/routes.yaml',
    ]);
    expect(await paths('')).toHaveLength(4);
    expect(await paths('nothing/')).toEqual([]);
  });

  it('reads only the files `match` accepts', async () => {
    await commit([
      { path: 'tenants/acme/tenant.yaml', content: 'acme' },
      { path: 'tenants/acme/objects.yaml', content: 'objects' },
      { path: 'tenants/globex/tenant.yaml', content: 'globex' },
    ]);

    const files = await repo.readFiles('tenants/', {
      match: path => path.endsWith('/tenant.yaml'),
    });

    expect(files).toEqual([
      { path: 'tenants/acme/tenant.yaml', content: 'acme' },
      { path: 'tenants/globex/tenant.yaml', content: 'globex' },
    ]);
  });

  it('reads an older commit as it was, whatever main holds now', async () => {
    const first = await commit([{ path: 'a.txt', content: 'one' }]);
    await commit([
      { path: 'a.txt', content: 'two' },
      { path: 'b.txt', content: 'new' },
    ]);

    expect(await repo.head()).not.toBe(first.commit);
    expect(await repo.readFiles('', { commit: first.commit })).toEqual([
      { path: 'a.txt', content: 'one' },
    ]);
    expect(await repo.readFile('a.txt', { commit: first.commit })).toEqual({
      path: 'a.txt',
      content: 'one',
    });
    expect((await repo.readFile('a.txt'))?.content).toBe('two');
  });
});
