import type { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import type { SchemaProblem } from '../SchemaProblem';
import { isObject } from '../isObject';

/*
 * Istio's MeshConfig is a proto (istio.mesh.v1alpha1) that neither the
 * Kubernetes models nor the Envoy API files describe, and the IstioOperator
 * CRD leaves `spec` open. These checks cover what Tenant Mesh writes there,
 * `extensionProviders`, field by field as istiod parses it; other meshConfig
 * keys are the platform team's and are left alone.
 */

type Problem = Omit<SchemaProblem, 'object'>;
type FieldCheck = (value: unknown) => string | undefined;

const string: FieldCheck = v =>
  typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string';
const boolean: FieldCheck = v =>
  typeof v === 'boolean' ? undefined : 'must be true or false';
const strings: FieldCheck = v =>
  Array.isArray(v) && v.every(s => typeof s === 'string' && s !== '')
    ? undefined
    : 'must be a list of non-empty strings';
const port: FieldCheck = v =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535
    ? undefined
    : 'must be a port number (1 to 65535)';
// protobuf JSON writes a Duration in seconds with an `s` suffix, e.g. `1.5s`.
const duration: FieldCheck = v =>
  typeof v === 'string' && /^\d+(\.\d{1,9})?s$/.test(v)
    ? undefined
    : 'must be a duration in seconds such as "5s" or "1.5s"';
const stringMap: FieldCheck = v =>
  isObject(v) && Object.values(v).every(s => typeof s === 'string')
    ? undefined
    : 'must map header names to strings';
const mapping: FieldCheck = v =>
  isObject(v) ? undefined : 'must be a mapping';

/** `MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider`. */
const EXT_AUTHZ_HTTP: Record<string, FieldCheck> = {
  service: string,
  port,
  timeout: duration,
  pathPrefix: string,
  failOpen: boolean,
  statusOnError: string,
  includeRequestHeadersInCheck: strings,
  includeHeadersInCheck: strings,
  includeAdditionalHeadersInCheck: stringMap,
  includeRequestBodyInCheck: mapping,
  headersToUpstreamOnAllow: strings,
  headersToDownstreamOnAllow: strings,
  headersToDownstreamOnDeny: strings,
};
const EXT_AUTHZ_HTTP_REQUIRED = ['service', 'port'];

/** The other provider kinds of `ExtensionProvider`, accepted unchecked. */
const OTHER_PROVIDERS = new Set([
  'envoyExtAuthzGrpc',
  'zipkin',
  'lightstep',
  'datadog',
  'stackdriver',
  'opencensus',
  'skywalking',
  'opentelemetry',
  'prometheus',
  'envoyFileAccessLog',
  'envoyHttpAls',
  'envoyTcpAls',
  'envoyOtelAls',
  'sds',
]);

/** Top-level keys of the IstioOperator `spec`. */
const OPERATOR_SPEC = new Set([
  'compatibilityVersion',
  'components',
  'hub',
  'installPackagePath',
  'meshConfig',
  'namespace',
  'profile',
  'revision',
  'tag',
  'unvalidatedValues',
  'values',
]);

function extAuthzHttpProblems(value: unknown, path: string): Problem[] {
  if (!isObject(value)) return [{ path, message: 'must be a mapping' }];
  const problems: Problem[] = EXT_AUTHZ_HTTP_REQUIRED.filter(
    key => value[key] === undefined,
  ).map(key => ({ path: `${path}.${key}`, message: 'is required' }));
  for (const [key, field] of Object.entries(value)) {
    const check = EXT_AUTHZ_HTTP[key];
    const message = check ? check(field) : `unknown field "${key}"`;
    if (message) problems.push({ path: `${path}.${key}`, message });
  }
  return problems;
}

function providerProblems(value: unknown, path: string): Problem[] {
  if (!isObject(value)) return [{ path, message: 'must be a mapping' }];
  const problems: Problem[] = [];
  const nameProblem = string(value.name);
  if (nameProblem)
    problems.push({ path: `${path}.name`, message: nameProblem });
  const kinds = Object.keys(value).filter(key => key !== 'name');
  if (kinds.length !== 1) {
    problems.push({
      path,
      message: `must set exactly one provider kind, not ${kinds.length}`,
    });
  }
  for (const kind of kinds) {
    if (kind === 'envoyExtAuthzHttp') {
      problems.push(...extAuthzHttpProblems(value[kind], `${path}.${kind}`));
    } else if (!OTHER_PROVIDERS.has(kind)) {
      problems.push({
        path: `${path}.${kind}`,
        message: `unknown field "${kind}"`,
      });
    }
  }
  return problems;
}

/**
 * Checks the `extensionProviders` of a meshConfig (the Helm values'
 * `meshConfig`, or an IstioOperator's `spec.meshConfig`): each entry has a
 * unique name and exactly one known provider kind, and an HTTP ext-authz
 * provider has only the fields istiod knows, with values of their types.
 */
export function checkMeshConfig(
  meshConfig: unknown,
  opts: { object: string; path?: string },
): SchemaProblem[] {
  const base = opts.path ?? 'meshConfig';
  const problems: Problem[] = [];
  if (!isObject(meshConfig)) {
    problems.push({ path: base, message: 'must be a mapping' });
  } else if (meshConfig.extensionProviders !== undefined) {
    const providers = meshConfig.extensionProviders;
    if (!Array.isArray(providers)) {
      problems.push({
        path: `${base}.extensionProviders`,
        message: 'must be a list',
      });
    } else {
      const seen = new Set<unknown>();
      providers.forEach((provider: unknown, i) => {
        const path = `${base}.extensionProviders[${i}]`;
        problems.push(...providerProblems(provider, path));
        const name = isObject(provider) ? provider.name : undefined;
        if (seen.has(name)) {
          problems.push({
            path: `${path}.name`,
            message: `"${String(name)}" is listed twice`,
          });
        }
        seen.add(name);
      });
    }
  }
  return problems.map(problem => ({ object: opts.object, ...problem }));
}

/**
 * Checks an `istioctl install` overlay: its kind, name and `spec` keys, and
 * its `spec.meshConfig` with {@link checkMeshConfig}.
 */
export function checkIstioOperator(obj: KubernetesObject): SchemaProblem[] {
  const object = `IstioOperator ${obj.metadata?.name ?? '(no name)'}`;
  const problems: SchemaProblem[] = [];
  if (
    obj.apiVersion !== 'install.istio.io/v1alpha1' ||
    obj.kind !== 'IstioOperator'
  ) {
    problems.push({
      object,
      path: 'kind',
      message: `is ${obj.apiVersion} ${obj.kind}, expected install.istio.io/v1alpha1 IstioOperator`,
    });
  }
  if (!isObject(obj.spec)) {
    return [
      ...problems,
      { object, path: 'spec', message: 'must be a mapping' },
    ];
  }
  for (const key of Object.keys(obj.spec).filter(k => !OPERATOR_SPEC.has(k))) {
    problems.push({
      object,
      path: `spec.${key}`,
      message: `unknown field "${key}"`,
    });
  }
  if (obj.spec.meshConfig !== undefined) {
    problems.push(
      ...checkMeshConfig(obj.spec.meshConfig, {
        object,
        path: 'spec.meshConfig',
      }),
    );
  }
  return problems;
}
