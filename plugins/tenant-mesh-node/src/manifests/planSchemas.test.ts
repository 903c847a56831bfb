/*
 * The plan is checked against the real schemas here, not only with golden files: every object
 * Tenant Mesh renders must pass the Kubernetes/Istio models and Envoy's v3 API.
 */
import {
  TenantSpec,
  planTenants,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { checkEnvoyResource } from './envoy/checkEnvoyResource';
import { checkKubernetesObjects } from './kubernetes/checkKubernetesObject';

const platform = readPlatformSettings({
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
});

const tenants: TenantSpec[] = [
  {
    tenantId: 'acme',
    displayName: 'Acme Corporation',
    host: 'acme.example.com',
    owner: 'group:default/customer-success',
    identity: {
      userPoolId: 'us-east-1_AbCdEf123',
      clientId: '1example23456789',
    },
    session: { skipJwtBearerTokens: true, extraAudiences: ['2other987654321'] },
  },
  {
    tenantId: 'globex',
    displayName: 'Globex',
    host: 'globex.example.com',
    owner: 'group:default/customer-success',
    workload: 'none',
    mfa: 'on',
  },
  // The longest id the default settings allow.
  {
    tenantId: `t${'x'.repeat(48)}9`,
    displayName: 'Longest id',
    host: `t${'x'.repeat(48)}9.example.com`,
    owner: 'group:default/customer-success',
    identity: { userPoolId: 'us-east-1_Zz9', clientId: 'abc123' },
  },
];

describe('the plan against the real schemas', () => {
  const plan = planTenants(tenants, platform);
  const objects = [...plan.tenants.flatMap(t => t.objects), ...plan.shared];

  it('renders only Kubernetes and Istio objects their models accept', () => {
    expect(objects.length).toBeGreaterThan(40);
    expect(checkKubernetesObjects(objects)).toEqual([]);
  });

  it("renders a central Envoy bootstrap and route files Envoy's v3 API accepts", () => {
    expect(
      checkEnvoyResource(
        'envoy.config.bootstrap.v3.Bootstrap',
        plan.envoy.bootstrap,
      ),
    ).toEqual([]);
    expect(plan.envoy.routeFiles.length).toBeGreaterThan(1);
    for (const file of plan.envoy.routeFiles) {
      expect(
        checkEnvoyResource(
          'envoy.service.discovery.v3.DiscoveryResponse',
          file,
        ),
      ).toEqual([]);
    }
  });

  it('would notice a planned field Envoy does not know', () => {
    const broken = JSON.parse(JSON.stringify(plan.envoy.bootstrap));
    broken.admin.adress = broken.admin.address;
    expect(
      checkEnvoyResource('envoy.config.bootstrap.v3.Bootstrap', broken),
    ).not.toEqual([]);
  });
});
