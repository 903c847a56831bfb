import {
  KubernetesObject,
  PlatformSettings,
  planTenantRecordObject,
  TenantPlan,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  describeRef,
  KubernetesObjectRef,
  KubernetesTarget,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { gatewayRef } from '../actions/existingTenants';
import {
  SharedObjectUpdate,
  sharedObjectUpdates,
} from './clusterSharedObjects';
import { StepContext } from './stepContext';
import {
  CookieSecretGenerator,
  secretStub,
  writeTenantSecret,
} from './tenantSecret';

/** An object with only the identity of `ref`, for the ownership preflight. */
export const stubOf = (ref: KubernetesObjectRef): KubernetesObject => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  metadata: {
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
  },
});

/** `Kind.namespace.name`, for checkpoint keys. */
export const keyOf = (ref: KubernetesObjectRef) =>
  [ref.kind, ref.namespace ?? '', ref.name].join('.');

/**
 * Writes the oauth2-proxy Secret of a planned tenant straight to a cluster,
 * in one checkpoint whose value holds no secret. The client secret is read
 * from Cognito inside the write and goes nowhere else.
 */
export async function deliverTenantSecret(options: {
  step: StepContext;
  target: KubernetesTarget;
  cognito: TenantCognito;
  plan: TenantPlan;
  generate: CookieSecretGenerator;
}): Promise<void> {
  const { step, target, cognito, plan, generate } = options;
  const { secretRef, spec } = options.plan;
  const identity = spec.identity!;

  await step.checkpoint({
    key: `kubernetes.secret.${secretRef.namespace}.${secretRef.name}`,
    fn: async () => {
      const result = await cognito.withClientSecret(
        identity.userPoolId,
        identity.clientId,
        clientSecret =>
          writeTenantSecret({
            target,
            tenantId: plan.spec.tenantId,
            secretRef,
            clientSecret,
            generate,
          }),
      );
      step.logger.info(
        `Wrote Secret ${secretRef.namespace}/${
          secretRef.name
        } with the app client secret and ${
          result.cookieSecretCreated
            ? 'a new cookie secret'
            : 'the existing cookie secret, kept so that signed-in users stay signed in'
        }.`,
      );
      return { written: true };
    },
  });
}

/**
 * Delivers a planned tenant to a cluster: refuses objects Tenant Mesh does
 * not manage before the first write, claims the host on the shared Gateway,
 * server-side applies the tenant's objects, writes its Secret, adds it to
 * the other shared objects, and last applies its record ConfigMap. Shared
 * objects are updated with optimistic concurrency. Returns the objects as
 * `Kind namespace/name`.
 *
 * @throws ConflictError when another tenant recorded on the shared Gateway
 *   holds the host; nothing is written then.
 */
export async function deliverToCluster(options: {
  step: StepContext;
  target: KubernetesTarget;
  cognito: TenantCognito;
  plan: TenantPlan;
  /** The tenant's spec with its identity, as its record keeps it. */
  record: TenantSpec;
  platform: PlatformSettings;
  generate: CookieSecretGenerator;
}): Promise<string[]> {
  const { step, target, plan, platform } = options;
  const { tenantId, host } = plan.spec;
  const shared = sharedObjectUpdates({ tenant: { tenantId, host }, platform });
  const record = planTenantRecordObject(options.record, platform);

  // Ownership of every object is checked before the first write (the
  // Gateway claim below); apply() checks its own objects again.
  await target.preflight([
    ...plan.objects,
    secretStub(plan.secretRef),
    ...shared.map(s => stubOf(s.ref)),
    record,
  ]);

  const updateShared = async (update: SharedObjectUpdate) => {
    const { changed } = await step.checkpoint({
      key: `kubernetes.shared.${tenantId}.${keyOf(update.ref)}`,
      fn: async () => {
        const result = await target.updateShared(update.ref, update.mutate);
        return { changed: result.changed };
      },
    });
    step.logger.info(
      `Shared ${describeRef(update.ref)} ${
        changed ? 'was updated' : 'was already up to date'
      } for tenant ${tenantId}.`,
    );
  };

  // The Gateway, which records every tenant's host, is updated first: its
  // mutation refuses a host another tenant holds, on the copy its write is
  // guarded by. Of two onboardings racing for one host, the second is
  // refused there before it writes anything. Until the tenant's objects
  // follow, the host is bound to a namespace with no routes yet and the
  // central Envoy does not know it, so requests to it are denied.
  const gatewayKey = describeRef(gatewayRef(platform));
  const [claim, rest] = [
    shared.filter(s => describeRef(s.ref) === gatewayKey),
    shared.filter(s => describeRef(s.ref) !== gatewayKey),
  ];
  for (const update of claim) {
    await updateShared(update);
  }

  const applied = await step.checkpoint({
    key: `kubernetes.apply.${tenantId}`,
    fn: async () => {
      const results = await target.apply(plan.objects);
      const count = (action: string) =>
        results.filter(r => r.action === action).length;
      step.logger.info(
        `Applied ${results.length} objects of tenant ${tenantId} to ${
          target.server
        }: ${count('created')} created, ${count('configured')} changed, ${count(
          'unchanged',
        )} unchanged.`,
      );
      return results.map(r => describeRef(r.ref));
    },
  });

  await deliverTenantSecret(options);

  for (const update of rest) {
    await updateShared(update);
  }

  // The record is the commit point, as tenant.yaml's commit is on GitOps:
  // the catalog and the status know the tenant only once everything above
  // succeeded. It holds the spec and identity ids, never a secret.
  const recordRef = await step.checkpoint({
    key: `kubernetes.record.${tenantId}`,
    fn: async () => {
      const [result] = await target.apply([record]);
      step.logger.info(
        `Recorded tenant ${tenantId} in ${describeRef(result.ref)} (${
          result.action
        }).`,
      );
      return describeRef(result.ref);
    },
  });

  const secret = `Secret ${plan.secretRef.namespace}/${plan.secretRef.name}`;
  return [
    ...applied,
    secret,
    ...shared.map(s => describeRef(s.ref)),
    recordRef,
  ];
}
