import { randomBytes } from 'node:crypto';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  KubernetesObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  SecretRef,
  tenantLabels,
  validateCookieSecret,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  KubernetesTarget,
  redactSecrets,
} from '@tenant-mesh/plugin-tenant-mesh-node';

/** Makes a new oauth2-proxy cookie secret. */
export type CookieSecretGenerator = () => string;

/** 32 random bytes as URL-safe base64 without padding, as oauth2-proxy decodes it (B02). */
export const generateCookieSecret: CookieSecretGenerator = () =>
  randomBytes(32).toString('base64url');

function decode(value: string | undefined): string | undefined {
  return value === undefined
    ? undefined
    : Buffer.from(value, 'base64').toString('utf8');
}

/** What writing the Secret did; holds no secret. */
export interface TenantSecretResult {
  /** False when the Secret already held a valid cookie secret, which was kept. */
  cookieSecretCreated: boolean;
}

/**
 * Writes the tenant's oauth2-proxy Secret straight to the cluster: the app
 * client's secret, and a cookie secret. An existing valid cookie secret is
 * kept, since a new one would sign every user out; a new one is only made
 * when there is none. A Secret Tenant Mesh does not manage is refused.
 */
export async function writeTenantSecret(options: {
  target: KubernetesTarget;
  tenantId: string;
  secretRef: SecretRef;
  clientSecret: string;
  generate: CookieSecretGenerator;
}): Promise<TenantSecretResult> {
  const { target, tenantId, secretRef, clientSecret, generate } = options;
  const { keys } = secretRef;
  const made: string[] = [];
  let cookieSecretCreated = false;

  const mutate = (current: KubernetesObject | undefined): KubernetesObject => {
    const labels = current?.metadata.labels ?? {};
    if (current && labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
      throw new NotAllowedError(
        `Refusing to change Secret ${secretRef.namespace}/${secretRef.name}: Tenant Mesh does not manage it`,
      );
    }
    const data = (current?.data ?? {}) as Record<string, string>;
    let cookieSecret = decode(data[keys.cookieSecret]);
    if (cookieSecret) {
      // Kept or replaced, it is a secret all the same: never in an error.
      made.push(cookieSecret);
    }
    cookieSecretCreated = false;
    if (!cookieSecret || validateCookieSecret(cookieSecret).length > 0) {
      cookieSecret = generate();
      made.push(cookieSecret);
      cookieSecretCreated = true;
      if (validateCookieSecret(cookieSecret).length > 0) {
        throw new InputError(
          'The cookie secret generator made a value oauth2-proxy would refuse (cookieSecret)',
        );
      }
    }
    return {
      ...current,
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        ...current?.metadata,
        name: secretRef.name,
        namespace: secretRef.namespace,
        labels: { ...labels, ...tenantLabels(tenantId, 'oauth2-proxy') },
      },
      type: 'Opaque',
      data: {
        ...data,
        [keys.clientSecret]: Buffer.from(clientSecret).toString('base64'),
        [keys.cookieSecret]: Buffer.from(cookieSecret).toString('base64'),
      },
    };
  };

  try {
    await target.updateShared(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        namespace: secretRef.namespace,
        name: secretRef.name,
      },
      mutate,
    );
  } catch (error) {
    throw redactSecrets(error, [clientSecret, ...made]);
  }
  return { cookieSecretCreated };
}

/** A Secret with no data, for the ownership preflight. */
export function secretStub(secretRef: SecretRef): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretRef.name, namespace: secretRef.namespace },
  };
}
