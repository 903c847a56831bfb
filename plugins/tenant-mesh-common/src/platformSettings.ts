import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { durationSchema as duration } from './durations';
import { ENVOY_ADMIN_PORT, ENVOY_HEALTH_PORT } from './envoyBootstrap';
import { namespacePatternsCollide } from './namespaceRules';
import { AWS_REGION_PATTERN } from './tenantSpec';
import { PlatformSettings } from './types';
import { zodProblems } from './zodProblems';

/** Envoy image of the central authorizer; pinned, never a moving tag (W5). */
export const DEFAULT_ENVOY_IMAGE = 'envoyproxy/envoy:v1.38.8';
/** oauth2-proxy image and version; pinned (W21). */
export const DEFAULT_OAUTH2_PROXY_IMAGE = 'quay.io/oauth2-proxy/oauth2-proxy';
export const DEFAULT_OAUTH2_PROXY_VERSION = 'v7.12.0';

const mfa = z.enum(['off', 'optional', 'on']);

/*
 * Ids that make the namespace rule fire for any id: when even these collide,
 * the patterns give every tenant another tenant's namespace (e.g. both
 * patterns the same).
 */
const PROBE_IDS = ['a', 'b'];

/**
 * Zod schema of the `tenantMesh` config key, with every default applied.
 *
 * @public
 */
export const platformSettingsSchema = z
  .object({
    baseDomains: z.array(z.string().min(1)).min(1),
    namespaces: z
      .object({
        tenant: z.string().includes('{id}').default('tenant-{id}'),
        auth: z.string().includes('{id}').default('tenant-{id}-auth'),
      })
      .strict()
      .refine(
        patterns =>
          !PROBE_IDS.every(id => namespacePatternsCollide(id, patterns)),
        {
          path: ['auth'],
          message:
            'must never give a tenant the same namespace as namespaces.tenant does; with these patterns every tenant would share a namespace',
        },
      )
      .default({}),
    meshInjection: z
      .object({ label: z.string().min(1), value: z.string().min(1) })
      .strict()
      .default({ label: 'istio-injection', value: 'enabled' }),
    trustDomain: z.string().min(1).default('cluster.local'),
    gateway: z
      .object({
        name: z.string().default('tenant-gateway'),
        namespace: z.string().default('istio-ingress'),
        selector: z
          .record(z.string(), z.string())
          .default({ istio: 'ingressgateway' }),
        serviceAccount: z.string().default('istio-ingressgateway'),
        credentialName: z.string().min(1),
      })
      .strict(),
    extAuthzProvider: z.string().min(1).default('tenant-authz'),
    envoy: z
      .object({
        namespace: z.string().default('tenant-authz'),
        name: z.string().default('tenant-authz'),
        serviceAccount: z.string().default('tenant-authz'),
        port: z
          .number()
          .int()
          .min(1)
          .max(65535)
          .refine(
            port => port !== ENVOY_ADMIN_PORT && port !== ENVOY_HEALTH_PORT,
            {
              message: `${ENVOY_ADMIN_PORT} and ${ENVOY_HEALTH_PORT} are the central Envoy's admin and readiness ports`,
            },
          )
          .default(8080),
        image: z.string().default(DEFAULT_ENVOY_IMAGE),
      })
      .strict()
      .default({}),
    oauth2Proxy: z
      .object({
        image: z.string().default(DEFAULT_OAUTH2_PROXY_IMAGE),
        version: z.string().default(DEFAULT_OAUTH2_PROXY_VERSION),
      })
      .strict()
      .default({}),
    cognito: z
      .object({
        region: z.string().regex(new RegExp(AWS_REGION_PATTERN), {
          message: 'must be an AWS region such as us-east-1',
        }),
        endpoint: z.string().url().optional(),
        defaults: z
          .object({
            mfa: mfa.default('optional'),
            tokenValidity: z
              .object({
                idToken: duration.default('1h'),
                accessToken: duration.default('1h'),
                refreshToken: duration.default('1d'),
              })
              .strict()
              .default({}),
          })
          .strict()
          .default({}),
      })
      .strict(),
    // Siblings owned by other modules, which read and check them: `delivery`
    // by the scaffolder module (plugin-scaffolder-backend-module-tenant-mesh),
    // `catalog` by the catalog module (plugin-catalog-backend-module-tenant-mesh),
    // `status` by the backend plugin (plugin-tenant-mesh-backend).
    // Accepted here so every reader can pass `tenantMesh` as it is; not
    // returned. Every other unknown key is still an error.
    delivery: z.unknown().optional(),
    catalog: z.unknown().optional(),
    status: z.unknown().optional(),
  })
  .strict();

/**
 * Reads the platform settings from the plain `tenantMesh` config object
 * (e.g. `config.get('tenantMesh')`), applying defaults.
 *
 * @throws InputError naming every invalid key.
 * @public
 */
export function readPlatformSettings(raw: unknown): PlatformSettings {
  const result = platformSettingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = zodProblems(platformSettingsSchema, result.error).map(
      p => `${['tenantMesh', p.field].filter(Boolean).join('.')}: ${p.message}`,
    );
    throw new InputError(`Invalid platform settings:\n${lines.join('\n')}`);
  }
  const {
    delivery: _delivery,
    catalog: _catalog,
    status: _status,
    ...settings
  } = result.data;
  return {
    ...settings,
    baseDomains: settings.baseDomains.map(d =>
      d.toLowerCase().replace(/\.$/, ''),
    ),
  };
}
