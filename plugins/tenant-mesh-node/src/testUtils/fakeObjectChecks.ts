import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { FakeObjectAddress } from './fakeObjectAddress';
import { groupVersionOf } from './fakeKubernetesResources';
import { FakeApiError } from './fakeKubernetesStatus';

/** The `details` of a Status about one object. */
export function objectDetails({ type, name }: FakeObjectAddress) {
  return { name, group: type.group, kind: type.plural };
}

/** 404 for a missing object. */
export function notFound(address: FakeObjectAddress): FakeApiError {
  return new FakeApiError(
    404,
    'NotFound',
    `${address.type.plural} "${address.name}" not found`,
    objectDetails(address),
  );
}

/** 409 for a create of an existing object. */
export function alreadyExists(address: FakeObjectAddress): FakeApiError {
  return new FakeApiError(
    409,
    'AlreadyExists',
    `${address.type.plural} "${address.name}" already exists`,
    objectDetails(address),
  );
}

/** Refuses a body whose type, name or namespace differ from the URL's. */
export function checkBody(address: FakeObjectAddress, body: KubernetesObject) {
  const { type } = address;
  const problems: string[] = [];
  if (body.apiVersion !== groupVersionOf(type) || body.kind !== type.kind) {
    problems.push(`expected ${groupVersionOf(type)} ${type.kind}`);
  }
  if (body.metadata?.name !== address.name) {
    problems.push('the name of the object does not match the name on the URL');
  }
  const namespace = body.metadata?.namespace;
  if (namespace && namespace !== address.namespace) {
    problems.push(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  if (problems.length > 0) {
    throw new FakeApiError(400, 'BadRequest', problems.join('; '));
  }
}
