import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  planTenant,
  readPlatformSettings,
  tenantFiles,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { platformConfig } from '../../__fixtures__/tenants';
import { RecordedTenants } from './recordedTenants';

const platform = readPlatformSettings(platformConfig);

const specOf = (tenantId: string): TenantSpec => ({
  tenantId,
  displayName: tenantId,
  host: `${tenantId}.example.com`,
  owner: 'group:default/customer-success',
});

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenant-mesh-records-'));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('RecordedTenants', () => {
  it('forgets an offboarded tenant on the next full read', async () => {
    const repository = new GitRepositoryTarget({ dir });
    await repository.init();
    await repository.commitChange({
      files: ['acme', 'globex'].flatMap(tenantId => [
        {
          path: tenantRecordPath(tenantId),
          content: JSON.stringify(specOf(tenantId)),
        },
        ...tenantFiles(planTenant({ spec: specOf(tenantId), platform })),
      ]),
      message: 'Onboard acme, globex',
    });
    const recorded = new RecordedTenants({ platform, repository });
    const credentials = mockCredentials.user();

    const before = await recorded.all(credentials);
    await repository.commitChange({
      files: [],
      remove: ['tenants/globex'],
      message: 'Offboard globex',
    });
    const after = await recorded.all(credentials);

    expect(before.tenants).toHaveLength(2);
    expect(after.tenants.map(t => t.plan.spec.tenantId)).toEqual(['acme']);
    expect(recorded.keptTenants).toBe(1);
  });
});
