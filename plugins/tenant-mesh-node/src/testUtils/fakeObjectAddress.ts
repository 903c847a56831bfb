import { FakeResourceType } from './fakeKubernetesResources';

/** Where an object lives in the fake: its type, namespace and name. */
export interface FakeObjectAddress {
  type: FakeResourceType;
  namespace?: string;
  name: string;
}

/** The key of an object in the store. */
export function storeKey({ type, namespace, name }: FakeObjectAddress): string {
  return [type.group, type.plural, namespace ?? '', name].join('/');
}
