import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import { GitRepositoryTarget } from '../gitops';
import {
  readTenantRecord,
  readTenantRecords,
  TENANT_RECORD_FILE,
  tenantRecordPath,
} from './tenantRecords';

const acme = {
  tenantId: 'acme',
  displayName: 'Acme Corporation',
  host: 'acme.example.com',
  owner: 'group:default/customer-success',
  identity: { userPoolId: 'us-east-1_AbC123', clientId: 'acmeclient' },
};
const globex = {
  tenantId: 'globex',
  displayName: 'Globex',
  host: 'globex.example.com',
  owner: 'group:default/customer-success',
};

describe('tenantRecordPath', () => {
  it('places the record in the tenant folder', () => {
    expect(tenantRecordPath('acme')).toBe('tenants/acme/tenant.yaml');
  });

  it.each([['../acme'], ['Acme'], ['acme/x'], ['']])(
    'refuses the tenant id %j',
    tenantId => {
      expect(() => tenantRecordPath(tenantId)).toThrow(InputError);
    },
  );
});

describe('readTenantRecords', () => {
  let dir: string;
  let repo: GitRepositoryTarget;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-records-'));
    repo = new GitRepositoryTarget({ dir });
    await repo.init();
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const writeRecord = (tenantId: string, content: string) =>
    repo.writeTenant({
      tenantId,
      files: [
        { path: TENANT_RECORD_FILE, content },
        { path: 'namespace.yaml', content: 'kind: Namespace\n' },
      ],
      message: `Onboard tenant ${tenantId}`,
    });

  it('finds no tenant in a repository without a commit', async () => {
    expect(await readTenantRecords(repo)).toEqual({
      records: [],
      problems: [],
    });
  });

  it('finds no tenant where the repository does not exist yet', async () => {
    const missing = new GitRepositoryTarget({ dir: join(dir, 'missing') });
    expect(await readTenantRecords(missing)).toEqual({
      records: [],
      problems: [],
    });
  });

  it('reads every record, sorted by tenant id, and skips manifests', async () => {
    await writeRecord('globex', stringify(globex));
    await writeRecord('acme', stringify(acme));

    expect(await readTenantRecords(repo)).toEqual({
      records: [acme, globex],
      problems: [],
    });
  });

  it('reports a broken record by path and still returns the others', async () => {
    await writeRecord('acme', stringify(acme));
    await writeRecord('broken', 'tenantId: [broken\n');

    const { records, problems } = await readTenantRecords(repo);

    expect(records).toEqual([acme]);
    expect(problems).toEqual([
      {
        path: 'tenants/broken/tenant.yaml',
        tenantId: 'broken',
        message: expect.stringMatching(/^not valid YAML: /),
      },
    ]);
  });

  it('reports a record whose tenant id is not its folder', async () => {
    await writeRecord('initech', stringify(acme));

    expect(await readTenantRecords(repo)).toEqual({
      records: [],
      problems: [
        {
          path: 'tenants/initech/tenant.yaml',
          tenantId: 'initech',
          message: 'records tenant acme in the folder of tenant initech',
        },
      ],
    });
  });

  it('ignores a file named like a record deeper in a tenant folder', async () => {
    await repo.writeTenant({
      tenantId: 'acme',
      files: [{ path: `docs/${TENANT_RECORD_FILE}`, content: 'not: a tenant' }],
      message: 'Add docs',
    });

    expect(await readTenantRecords(repo)).toEqual({
      records: [],
      problems: [],
    });
  });
});

describe('readTenantRecord', () => {
  let dir: string;
  let repo: GitRepositoryTarget;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-record-'));
    repo = new GitRepositoryTarget({ dir });
    await repo.init();
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  const writeRecord = (tenantId: string, content: string) =>
    repo.writeTenant({
      tenantId,
      files: [{ path: TENANT_RECORD_FILE, content }],
      message: `Onboard tenant ${tenantId}`,
    });

  it('reads the one tenant asked for', async () => {
    await writeRecord('acme', stringify(acme));
    await writeRecord('globex', stringify(globex));

    expect(await readTenantRecord(repo, 'globex')).toEqual({ spec: globex });
  });

  it('finds nothing for a tenant without a record', async () => {
    await writeRecord('acme', stringify(acme));

    expect(await readTenantRecord(repo, 'globex')).toBeUndefined();
  });

  it.each([
    [
      'a record that does not parse',
      'tenantId: [broken\n',
      /^not valid YAML: /,
    ],
    [
      'a record of another tenant',
      stringify(globex),
      'records tenant globex in the folder of tenant acme',
    ],
  ])('reports %s as a problem', async (_case, content, message) => {
    await writeRecord('acme', content);

    expect(await readTenantRecord(repo, 'acme')).toEqual({
      path: 'tenants/acme/tenant.yaml',
      tenantId: 'acme',
      message: expect.stringMatching(message),
    });
  });

  it('refuses an id that could leave the tenant folder', async () => {
    await expect(readTenantRecord(repo, '../acme')).rejects.toThrow(InputError);
  });
});
