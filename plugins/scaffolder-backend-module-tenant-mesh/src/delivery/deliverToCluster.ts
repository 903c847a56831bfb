import {
  KubernetesObject,
  PlatformSettings,
  TenantPlan,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  describeRef,
  KubernetesObjectRef,
  KubernetesTarget,
  TenantCognito,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { sharedObjectUpdates } from './clusterSharedObjects';
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
 * not manage before the first write, server-side applies the tenant's
 * objects, writes its Secret, then adds it to each shared object with
 * optimistic concurrency. Returns the objects as `Kind namespace/name`.
 */
export async function deliverToCluster(options: {
  step: StepContext;
  target: KubernetesTarget;
  cognito: TenantCognito;
  plan: TenantPlan;
  platform: PlatformSettings;
  generate: CookieSecretGenerator;
}): Promise<string[]> {
  const { step, target, plan, platform } = options;
  const { tenantId, host } = plan.spec;
  const shared = sharedObjectUpdates({ tenant: { tenantId, host }, platform });

  // apply() checks the tenant's own objects before its first write.
  await target.preflight([
    secretStub(plan.secretRef),
    ...shared.map(s => stubOf(s.ref)),
  ]);

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

  const sharedRefs: string[] = [];
  for (const update of shared) {
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
    sharedRefs.push(describeRef(update.ref));
  }

  const secret = `Secret ${plan.secretRef.namespace}/${plan.secretRef.name}`;
  return [...applied, secret, ...sharedRefs];
}
