import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { parse as parseYaml } from 'yaml';
import { LabelMatcher, parseLabelSelector } from './labelSelector';
import { FakeObjectAddress } from './fakeObjectAddress';
import { FakeObjectStore } from './fakeObjectStore';
import {
  apiGroupList,
  apiResourceList,
  coreVersions,
  FakeResourceType,
  findResourceType,
  groupVersionOf,
} from './fakeKubernetesResources';
import { FakeApiError, successStatus } from './fakeKubernetesStatus';
import { RecordedRequest } from './fakeRequestLog';

const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/** A request with its parsed body. */
export interface ParsedRequest extends RecordedRequest {
  body?: KubernetesObject;
}

/** Status code and body of an answer. */
export type Answer = { code: number; body: unknown };

/** Parses the body by content type; 415 for a type the route does not take. */
export function parseBody(
  request: RecordedRequest,
  raw: string,
): KubernetesObject | undefined {
  if (!['POST', 'PUT', 'PATCH'].includes(request.method)) {
    return undefined;
  }
  const accepted =
    request.method === 'PATCH' ? PATCH_TYPES : ['application/json'];
  if (!request.contentType || !accepted.includes(request.contentType)) {
    throw new FakeApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
        ', ',
      )}`,
    );
  }
  try {
    return request.contentType === 'application/apply-patch+yaml'
      ? parseYaml(raw)
      : JSON.parse(raw);
  } catch (error) {
    throw new FakeApiError(400, 'BadRequest', `invalid body: ${error}`);
  }
}

/** Answers one API request from the store; throws FakeApiError to fail. */
export function handle(store: FakeObjectStore, request: ParsedRequest): Answer {
  const segments = request.path
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const [root] = segments;
  const group = root === 'apis' ? segments[1] ?? '' : '';
  const version = root === 'apis' ? segments[2] : segments[1];
  let rest = segments.slice(root === 'apis' ? 3 : 2);

  if (request.method === 'GET' && (root === 'api' || root === 'apis')) {
    let discovery: object | undefined;
    if (!version) {
      discovery = root === 'api' ? coreVersions() : apiGroupList();
    } else if (rest.length === 0) {
      discovery = apiResourceList(group, version);
    }
    if (discovery) {
      return { code: 200, body: discovery };
    }
  }

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name] = rest;
  const type =
    (root === 'api' || root === 'apis') && version && plural
      ? findResourceType(group, version, plural)
      : undefined;
  if (!type || rest.length > 2 || (namespace && !type.namespaced)) {
    throw new FakeApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  }

  const { query } = request;
  if (query.dryRun !== undefined && query.dryRun !== 'All') {
    throw new FakeApiError(
      400,
      'BadRequest',
      `invalid dry run option: ${query.dryRun}`,
    );
  }
  const dryRun = query.dryRun === 'All';
  const manager = query.fieldManager ?? 'unknown';
  const body = request.body;

  if (!name) {
    if (request.method === 'GET') {
      return { code: 200, body: list(store, type, namespace, query) };
    }
    if (request.method === 'POST' && body) {
      if (!body.metadata?.name) {
        throw new FakeApiError(400, 'BadRequest', 'metadata.name is required');
      }
      const address = { type, namespace, name: body.metadata.name };
      return {
        code: 201,
        body: store.create(address, body, { manager, dryRun }),
      };
    }
    throw methodNotAllowed(request.method);
  }

  const address: FakeObjectAddress = { type, namespace, name };
  switch (request.method) {
    case 'GET': {
      const object = store.get(address);
      if (!object) {
        throw new FakeApiError(
          404,
          'NotFound',
          `${plural} "${name}" not found`,
          {
            name,
            group,
            kind: plural,
          },
        );
      }
      return { code: 200, body: object };
    }
    case 'PUT':
      return {
        code: 200,
        body: store.replace(address, body!, { manager, dryRun }),
      };
    case 'PATCH':
      return patch(store, address, request, { manager, dryRun });
    case 'DELETE':
      store.delete(address, dryRun);
      return { code: 200, body: successStatus(name, group, plural) };
    default:
      throw methodNotAllowed(request.method);
  }
}

function patch(
  store: FakeObjectStore,
  address: FakeObjectAddress,
  request: ParsedRequest,
  options: { manager: string; dryRun: boolean },
): Answer {
  const { query, body } = request;
  if (request.contentType !== 'application/apply-patch+yaml') {
    if (query.force !== undefined) {
      throw new FakeApiError(
        400,
        'BadRequest',
        'force may only be set for apply',
      );
    }
    return { code: 200, body: store.merge(address, body!, options) };
  }
  if (!query.fieldManager) {
    throw new FakeApiError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }
  const { object, created } = store.apply(address, body!, {
    ...options,
    force: query.force === 'true',
  });
  return { code: created ? 201 : 200, body: object };
}

function list(
  store: FakeObjectStore,
  type: FakeResourceType,
  namespace: string | undefined,
  query: Record<string, string>,
) {
  let labels: LabelMatcher;
  try {
    labels = parseLabelSelector(query.labelSelector);
  } catch (error) {
    throw new FakeApiError(400, 'BadRequest', String(error));
  }
  const start = query.continue
    ? Number(Buffer.from(query.continue, 'base64url').toString('utf8'))
    : 0;
  // As on a real API server, no limit or limit=0 answers everything at once.
  const limit = Number(query.limit ?? 0) || undefined;
  const { items, total } = store.list(type, {
    namespace,
    labels,
    start,
    limit,
  });
  const next = start + items.length < total ? start + items.length : undefined;
  return {
    apiVersion: groupVersionOf(type),
    kind: `${type.kind}List`,
    metadata: {
      resourceVersion: store.revision,
      ...(next !== undefined
        ? { continue: Buffer.from(String(next)).toString('base64url') }
        : {}),
    },
    items,
  };
}

function methodNotAllowed(method: string) {
  return new FakeApiError(
    405,
    'MethodNotAllowed',
    `${method} is not supported here`,
  );
}
