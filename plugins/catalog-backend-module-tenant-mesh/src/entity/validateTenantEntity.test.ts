import { InputError } from '@backstage/errors';
import { acmeRecord, testPlatform } from '../__fixtures__/tenants';
import { tenantToEntity } from './tenantToEntity';
import { validateTenantEntity } from './validateTenantEntity';

const acme = tenantToEntity(acmeRecord, testPlatform, '/data/gitops');

describe('validateTenantEntity', () => {
  it('accepts a tenant entity', async () => {
    await expect(validateTenantEntity(acme)).resolves.toBeUndefined();
  });

  it.each([
    [
      'a name longer than 63 characters',
      { ...acme, metadata: { ...acme.metadata, name: 'a'.repeat(64) } },
    ],
    ['an empty owner', { ...acme, spec: { ...acme.spec, owner: '' } }],
    [
      'a link without a URL',
      { ...acme, metadata: { ...acme.metadata, links: [{ url: '' }] } },
    ],
    ['a field outside the envelope', { ...acme, status: {} }],
    ['another kind', { ...acme, kind: 'Component' }],
  ])('refuses %s', async (_case, entity) => {
    await expect(validateTenantEntity(entity)).rejects.toThrow(InputError);
  });
});
