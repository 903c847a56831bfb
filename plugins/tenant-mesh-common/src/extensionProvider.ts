import { stringify } from 'yaml';
import { PlatformSettings } from './types';

/** The mesh's CUSTOM authorizer entry (`meshConfig.extensionProviders[]`). @public */
export interface ExtensionProvider {
  name: string;
  envoyExtAuthzHttp: {
    service: string;
    port: number;
    timeout: string;
    failOpen: boolean;
    includeRequestHeadersInCheck: string[];
    headersToUpstreamOnAllow: string[];
    headersToDownstreamOnAllow: string[];
    headersToDownstreamOnDeny: string[];
  };
}

/**
 * The extension provider that sends every CUSTOM check to the central Envoy.
 * The check carries the session cookie and bearer token (B07/B08); a deny
 * returns the login redirect with its cookie; an allow copies identity
 * upstream and a refreshed cookie downstream (W13). No `pathPrefix`: the
 * check keeps the original path, which oauth2-proxy needs for its own
 * endpoints. 5 s leaves room for the token exchange on the callback (W14);
 * failing open is never allowed.
 *
 * @public
 */
export function planExtensionProvider(
  platform: PlatformSettings,
): ExtensionProvider {
  const { envoy } = platform;
  return {
    name: platform.extAuthzProvider,
    envoyExtAuthzHttp: {
      service: `${envoy.name}.${envoy.namespace}.svc.cluster.local`,
      port: envoy.port,
      timeout: '5s',
      failOpen: false,
      includeRequestHeadersInCheck: [
        'authorization',
        'cookie',
        'x-forwarded-for',
        'x-forwarded-proto',
      ],
      // Istio matches `x-auth-request-*` as a prefix: every identity header
      // oauth2-proxy sets (user, email, groups, ...) reaches the upstream,
      // including ones a newer oauth2-proxy adds.
      headersToUpstreamOnAllow: ['authorization', 'x-auth-request-*'],
      headersToDownstreamOnAllow: ['set-cookie'],
      headersToDownstreamOnDeny: ['content-type', 'location', 'set-cookie'],
    },
  };
}

/**
 * The provider as a meshConfig YAML fragment, to merge into the Istio install
 * values (`meshConfig.extensionProviders`), not into a live ConfigMap (W21).
 *
 * @public
 */
export function extensionProviderYaml(platform: PlatformSettings): string {
  return stringify({ extensionProviders: [planExtensionProvider(platform)] });
}
