import {
  planTenant,
  readPlatformSettings,
  tenantFiles,
  TenantRecordRef,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { gitBlobId } from '@tenant-mesh/plugin-tenant-mesh-node';
import { platformConfig } from '../../__fixtures__/tenants';
import { gitopsManifestsCheck } from './gitopsCheck';

const plan = planTenant({
  spec: {
    tenantId: 'acme',
    displayName: 'Acme',
    owner: 'group:default/customer-success',
    host: 'acme.example.com',
  },
  platform: readPlatformSettings(platformConfig),
});
const planned = tenantFiles(plan);
const record: TenantRecordRef = {
  source: 'gitops',
  path: 'tenants/acme/tenant.yaml',
  commit: '0123456789abcdef0123456789abcdef01234567',
};

/** The tenant folder as delivered: every planned file and the record. */
function delivered(): Map<string, string> {
  return new Map([
    ...planned.map((f): [string, string] => [f.path, gitBlobId(f.content)]),
    [record.path, gitBlobId('tenantId: acme\n')],
  ]);
}

const fileName = (path: string) => path.split('/').pop()!;

describe('gitBlobId', () => {
  it('is the id git hash-object gives the content', () => {
    expect(gitBlobId('hello\n')).toBe(
      'ce013625030ba8dba906f756967f9e9ca394464a',
    );
  });
});

describe('gitopsManifestsCheck', () => {
  it('is ok when the folder holds the planned manifests, counting them', () => {
    const check = gitopsManifestsCheck({ plan, record, files: delivered() });

    expect(check).toMatchObject({ id: 'gitops-manifests', state: 'ok' });
    expect(check.reason).toBe(
      `tenants/acme/ holds the ${planned.length} manifests of the plan.`,
    );
  });

  it('names a file whose content differs from the plan', () => {
    const files = delivered();
    files.set(planned[2].path, gitBlobId(`${planned[2].content}# edited\n`));

    const check = gitopsManifestsCheck({ plan, record, files });

    expect(check.state).toBe('warning');
    expect(check.reason).toContain(`(changed: ${fileName(planned[2].path)})`);
  });

  it('names a planned file that is not committed', () => {
    const files = delivered();
    files.delete(planned[0].path);

    const check = gitopsManifestsCheck({ plan, record, files });

    expect(check.state).toBe('warning');
    expect(check.reason).toContain(`(missing: ${fileName(planned[0].path)})`);
  });

  it('names a committed file the plan no longer has', () => {
    const files = delivered();
    files.set('tenants/acme/16-configmap-retired.yaml', gitBlobId('old\n'));

    const check = gitopsManifestsCheck({ plan, record, files });

    expect(check.state).toBe('warning');
    expect(check.reason).toContain(
      '(no longer planned: 16-configmap-retired.yaml)',
    );
  });

  it('lists three changed files and counts the rest', () => {
    const files = delivered();
    const edited = planned.slice(0, 5);
    edited.forEach(f => files.set(f.path, gitBlobId(`${f.content}#\n`)));

    const check = gitopsManifestsCheck({ plan, record, files });

    expect(check.reason).toContain(
      `changed: ${edited
        .slice(0, 3)
        .map(f => fileName(f.path))
        .join(', ')} and 2 more)`,
    );
    expect(check.reason).not.toContain(fileName(edited[3].path));
  });

  it('joins the kinds of difference in one reason', () => {
    const files = delivered();
    files.set(planned[1].path, gitBlobId('edited\n'));
    files.delete(planned[3].path);

    const check = gitopsManifestsCheck({ plan, record, files });

    expect(check.reason).toContain(
      `(changed: ${fileName(planned[1].path)}; missing: ${fileName(
        planned[3].path,
      )})`,
    );
  });

  it.each<{ title: string; change: (files: Map<string, string>) => void }>([
    {
      title: 'holds another record',
      change: files =>
        files.set(record.path, gitBlobId('tenantId: acme\ndisplayName: X\n')),
    },
    { title: 'is absent', change: files => files.delete(record.path) },
  ])('never reports the record file when it $title', ({ change }) => {
    const files = delivered();
    change(files);

    expect(gitopsManifestsCheck({ plan, record, files }).state).toBe('ok');
  });
});
