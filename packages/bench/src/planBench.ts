import {
  PlatformSettings,
  TenantSpec,
  planTenants,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { medianMs, row } from './measure';

const platform: PlatformSettings = readPlatformSettings({
  baseDomains: ['example.com'],
  gateway: { credentialName: 'wildcard-example-com' },
  cognito: { region: 'us-east-1' },
});

function tenants(count: number): TenantSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId: `tenant-${i.toString(36)}`,
    displayName: `Tenant ${i}`,
    host: `tenant-${i.toString(36)}.example.com`,
    owner: 'group:default/platform-team',
    identity: {
      userPoolId: `us-east-1_Bench${i.toString(36)}`,
      clientId: `client${i.toString(36)}`,
    },
  }));
}

function largestConfigMap(objects: Array<{ kind: string; data?: unknown }>) {
  return Math.max(
    ...objects
      .filter(o => o.kind === 'ConfigMap')
      .map(o => Buffer.byteLength(JSON.stringify(o.data ?? {}))),
  );
}

/** Plans 1, 1,000 and 10,000 tenants; prints time and central Envoy config size. */
export async function planBench(): Promise<void> {
  const widths = [8, 12, 18, 22];
  console.log(
    '\nplan: planTenants() of N tenants (median of 3 runs after a warm-up)',
  );
  console.log(
    row(
      ['tenants', 'time (ms)', 'envoy config (B)', 'largest ConfigMap (B)'],
      widths,
    ),
  );
  for (const count of [1, 1000, 5000, 10000]) {
    const specs = tenants(count);
    let plan = planTenants(specs, platform);
    const ms = await medianMs(count > 1000 ? 1 : 3, () => {
      plan = planTenants(specs, platform);
    });
    const envoyBytes = plan.envoy.objects
      .map(o =>
        Buffer.byteLength(JSON.stringify((o as { data?: unknown }).data ?? {})),
      )
      .reduce((a, b) => a + b, 0);
    console.log(
      row(
        [
          count,
          Math.round(ms),
          envoyBytes,
          largestConfigMap(plan.envoy.objects as never),
        ],
        widths,
      ),
    );
  }
  console.log(
    'goal: 10,000 tenants planned in 5,000 ms or less; every ConfigMap under 1,048,576 B at 5,000 tenants',
  );
}
