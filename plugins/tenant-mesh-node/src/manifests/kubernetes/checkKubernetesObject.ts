import type { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import type { SchemaProblem } from '../SchemaProblem';
import { KIND_SCHEMAS, type KindSchema } from './kindSchemas';
import { isObject } from '../isObject';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks a rendered Kubernetes or Istio object against the schema of its kind, as the API server
 * would, and also what the schemas let pass: unknown top-level and `spec` fields, and a missing
 * or malformed `metadata.name`. A kind Tenant Mesh does not render is a problem too.
 */
export function checkKubernetesObject(obj: KubernetesObject): SchemaProblem[] {
  const object = describe(obj);
  const schema = KIND_SCHEMAS.get(`${obj.apiVersion} ${obj.kind}`);
  if (!schema) {
    const known = [...KIND_SCHEMAS.keys()].join(', ');
    const message = `unknown kind ${obj.kind} of apiVersion ${obj.apiVersion} (known: ${known})`;
    return [{ object, path: 'kind', message }];
  }

  return [
    ...metadataProblems(obj, schema),
    ...unknownFields(obj, schema.fields, ''),
    ...(schema.specFields && isObject(obj.spec)
      ? unknownFields(obj.spec, schema.specFields, 'spec')
      : []),
    ...modelProblems(obj, schema),
    ...(schema.check ? schema.check(obj) : []),
  ].map(problem => ({ object, ...problem }));
}

/** Checks each object with {@link checkKubernetesObject}. */
export function checkKubernetesObjects(
  objs: readonly KubernetesObject[],
): SchemaProblem[] {
  return objs.flatMap(checkKubernetesObject);
}

type Problem = Omit<SchemaProblem, 'object'>;

function metadataProblems(
  obj: KubernetesObject,
  schema: KindSchema,
): Problem[] {
  const problems: Problem[] = [];
  const { name, namespace } = metadataOf(obj);
  if (typeof name !== 'string' || name === '') {
    problems.push({ path: 'metadata.name', message: 'is required' });
  } else if (schema.name === 'label' && !isDnsLabel(name)) {
    problems.push({
      path: 'metadata.name',
      message: `"${name}" is not a DNS-1123 label: at most 63 lowercase letters, digits and inner hyphens`,
    });
  } else if (schema.name === 'subdomain' && !isDnsSubdomain(name)) {
    problems.push({
      path: 'metadata.name',
      message: `"${name}" is not a DNS-1123 subdomain: at most 253 lowercase letters, digits, inner hyphens and dots`,
    });
  }
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    problems.push({
      path: 'metadata.namespace',
      message: `"${String(namespace)}" is not a DNS-1123 label`,
    });
  }
  return problems;
}

function unknownFields(
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
): Problem[] {
  return Object.keys(value)
    .filter(key => !known.has(key))
    .map(key => ({
      path: path ? `${path}.${key}` : key,
      message: `unknown field "${key}"`,
    }));
}

/** The model's generated schema check; it throws with one error per violation. */
function modelProblems(obj: KubernetesObject, schema: KindSchema): Problem[] {
  try {
    const { model: Model } = schema;
    new Model(obj).validate();
    return [];
  } catch (error) {
    if (!isValidationError(error)) throw error;
    const problems = error.errors.map(e => ({
      path: toPath(e.instancePath),
      message: e.params?.allowedValues
        ? `${e.message}: ${e.params.allowedValues.join(', ')}`
        : e.message ?? 'is invalid',
    }));
    // anyOf and oneOf branches repeat the same complaint; report it once.
    return problems.filter(
      (p, i) =>
        problems.findIndex(
          q => q.path === p.path && q.message === p.message,
        ) === i,
    );
  }
}

/** The shape of the errors Ajv's generated validators throw. */
interface ValidationError {
  errors: Array<{
    instancePath: string;
    message?: string;
    params?: { allowedValues?: unknown[] };
  }>;
}

function isValidationError(error: unknown): error is ValidationError {
  return (
    error instanceof Error &&
    Array.isArray((error as { errors?: unknown }).errors)
  );
}

/** `/spec/servers/0/hosts` to `spec.servers[0].hosts`. */
function toPath(instancePath: string): string {
  let path = '';
  for (const token of instancePath.split('/').slice(1)) {
    const part = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path ? `.${part}` : part;
  }
  return path;
}

/** `Kind namespace/name`, as lint findings name objects. */
function describe(obj: KubernetesObject): string {
  const metadata = metadataOf(obj);
  const name = typeof metadata.name === 'string' ? metadata.name : '(no name)';
  return typeof metadata.namespace === 'string'
    ? `${obj.kind} ${metadata.namespace}/${name}`
    : `${obj.kind} ${name}`;
}

/** Objects read from YAML by `tenant-mesh validate` may lack metadata despite their type. */
function metadataOf(obj: KubernetesObject): Record<string, unknown> {
  return isObject(obj.metadata) ? obj.metadata : {};
}

function isDnsLabel(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value)
  );
}

function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}
