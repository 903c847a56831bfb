import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { acmeSpec, globexSpec, testPlatform } from './__fixtures__/platform';
import { planTenant } from './plan';
import {
  planTenantRecordObject,
  renderTenantRecord,
  TENANT_RECORD_CONFIG_MAP,
  TENANT_RECORD_KEY,
} from './tenantRecord';
import { TenantSpec } from './types';

describe('renderTenantRecord', () => {
  it('writes the spec with its identity, keys sorted', () => {
    expect(renderTenantRecord(acmeSpec)).toBe(
      [
        'displayName: Acme Corporation',
        'host: acme.example.com',
        'identity:',
        '  clientId: 1example23456789',
        '  userPoolId: us-east-1_AbCdEf123',
        'owner: group:default/platform-team',
        'tenantId: acme',
        '',
      ].join('\n'),
    );
  });

  it('leaves out fields set to undefined', () => {
    expect(renderTenantRecord({ ...globexSpec, mfa: undefined })).not.toMatch(
      /mfa/,
    );
  });

  it('refuses a field that is not part of a tenant spec, such as a secret', () => {
    const withSecret = {
      ...acmeSpec,
      clientSecret: 'S3cr3t-XYZ',
    } as TenantSpec;

    expect(() => renderTenantRecord(withSecret)).toThrow(InputError);
    expect(() => renderTenantRecord(withSecret)).toThrow(/clientSecret/);
  });
});

describe('planTenantRecordObject', () => {
  it('records the tenant in a labelled ConfigMap of its namespace', () => {
    const record = planTenantRecordObject(acmeSpec, testPlatform);

    expect(record).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: TENANT_RECORD_CONFIG_MAP,
        namespace: 'tenant-acme',
        labels: {
          'app.kubernetes.io/managed-by': 'tenant-mesh',
          'tenant-mesh.io/tenant': 'acme',
          'tenant-mesh.io/record': 'true',
        },
      },
      data: { [TENANT_RECORD_KEY]: renderTenantRecord(acmeSpec) },
    });
    expect(
      parse((record.data as Record<string, string>)['tenant.yaml']),
    ).toEqual(acmeSpec);
  });

  it('is not one of the objects of the tenant plan', () => {
    const plan = planTenant({ spec: acmeSpec, platform: testPlatform });

    expect(
      plan.objects.filter(o => o.metadata.name === TENANT_RECORD_CONFIG_MAP),
    ).toEqual([]);
  });
});
