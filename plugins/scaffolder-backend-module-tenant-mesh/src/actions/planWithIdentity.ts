import {
  ExistingTenant,
  PlatformSettings,
  planTenant,
  planTenantObjects,
  TenantIdentity,
  TenantPlan,
  TenantSpec,
  USER_POOL_ID_PATTERN,
} from '@tenant-mesh/plugin-tenant-mesh-common';

/** Pool ids of cognito-local: `local_` and 8 characters. */
const EMULATOR_POOL_ID = '^local_[0-9A-Za-z]+$';

/** The pattern of a user pool id input: AWS ids, and emulator ids when an emulator is configured. */
export function userPoolIdPattern(platform: PlatformSettings): string {
  return platform.cognito.endpoint
    ? `(${USER_POOL_ID_PATTERN})|(${EMULATOR_POOL_ID})`
    : USER_POOL_ID_PATTERN;
}

/** Whether the identity is one cognito-local made, and an emulator is configured. */
export function isEmulatorIdentity(
  identity: TenantIdentity | undefined,
  platform: PlatformSettings,
): boolean {
  return (
    !!platform.cognito.endpoint &&
    !!identity &&
    new RegExp(EMULATOR_POOL_ID).test(identity.userPoolId)
  );
}

/**
 * The tenant's plan with its Cognito ids. validateTenant knows only AWS pool
 * ids (`us-east-1_AbC…`), and cognito-local makes `local_…` ids; with an
 * emulator configured such an id is accepted by planning without identity
 * (all other rules still run) and adding the identity to the objects.
 *
 * TODO: accept emulator pool ids in validateTenant (tenant-mesh-common) when
 * `cognito.endpoint` is set, and drop this adapter.
 */
export function planWithIdentity(options: {
  spec: TenantSpec;
  identity?: TenantIdentity;
  platform: PlatformSettings;
  existingTenants: ExistingTenant[];
}): TenantPlan {
  const { spec, identity, platform, existingTenants } = options;
  if (!isEmulatorIdentity(identity, platform)) {
    return planTenant({
      spec: identity ? { ...spec, identity } : spec,
      platform,
      existingTenants,
    });
  }
  const withoutIdentity = planTenant({ spec, platform, existingTenants });
  const resolved = { ...withoutIdentity.spec, identity };
  const { objects, pending } = planTenantObjects(resolved, platform);
  return { ...withoutIdentity, spec: resolved, objects, pending };
}
