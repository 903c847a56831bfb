import { stringify } from 'yaml';
import { PlatformPlan } from './plan';
import { KubernetesObject, TenantPlan } from './types';

/**
 * Options of every YAML file Tenant Mesh writes: keys sorted, so equal
 * objects give equal bytes; no line folding; single quotes, as Prettier
 * writes them, so rendered files stay Prettier-clean.
 */
export const YAML_OPTIONS = {
  sortMapEntries: true,
  lineWidth: 0,
  singleQuote: true,
} as const;

/**
 * Multi-document YAML with keys sorted, so equal objects give equal bytes.
 *
 * @public
 */
export function toYaml(objects: KubernetesObject[]): string {
  return objects.map(o => stringify(o, YAML_OPTIONS)).join('---\n');
}

/** `<nn>-<kind>-<name>.yaml`, numbered from 1 in apply order. @public */
export function objectFileName(
  index: number,
  object: KubernetesObject,
): string {
  const nn = String(index + 1).padStart(2, '0');
  return `${nn}-${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}

/**
 * The manifests of one tenant, `tenants/<id>/<nn>-<kind>-<name>.yaml` in
 * apply order: what a GitOps repository holds for it beside its record.
 *
 * @public
 */
export function tenantFiles(
  tenant: Pick<TenantPlan, 'spec' | 'objects'>,
): Array<{ path: string; content: string }> {
  return tenant.objects.map((object, i) => ({
    path: `tenants/${tenant.spec.tenantId}/${objectFileName(i, object)}`,
    content: toYaml([object]),
  }));
}

/**
 * The files of a rendered plan: each tenant's manifests (`tenantFiles`),
 * `shared/…` for the shared objects, and the meshConfig fragment of the
 * extension provider.
 *
 * @public
 */
export function planFiles(
  plan: PlatformPlan,
): Array<{ path: string; content: string }> {
  const files = plan.tenants.flatMap(tenantFiles);
  files.push(
    ...plan.shared.map((object, i) => ({
      path: `shared/${objectFileName(i, object)}`,
      content: toYaml([object]),
    })),
    {
      path: 'shared/meshconfig-extension-provider.yaml',
      content: stringify({ extensionProviders: [plan.extensionProvider] }),
    },
  );
  return files;
}
