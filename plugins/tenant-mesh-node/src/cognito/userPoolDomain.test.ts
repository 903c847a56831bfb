import { ConflictError } from '@backstage/errors';
import {
  RecordedReply,
  cognitoError,
  emulatorUnsupported,
  ok,
  recordedCognito,
} from './__fixtures__/recordedCognito';
import {
  ACME_POOL_ID,
  OTHER_POOL_ID,
  domainAttached,
  domainUnknown,
} from './__fixtures__/responses';
import { TenantCognito } from './TenantCognito';

const PREFIX = 'acme-auth';

function cognitoWith(describe: RecordedReply, create = ok({})) {
  const { client, calls } = recordedCognito({
    DescribeUserPoolDomain: () => describe,
    CreateUserPoolDomain: () => create,
  });
  const created = () =>
    calls.filter(c => c.operation === 'CreateUserPoolDomain');
  return { cognito: new TenantCognito({ client }), calls, created };
}

describe('checkDomainAvailable', () => {
  it.each([
    ['an empty description', ok(domainUnknown)],
    [
      'a not-found error',
      cognitoError('ResourceNotFoundException', 'Domain not found'),
    ],
  ])('treats %s as available', async (_, reply) => {
    const { cognito } = cognitoWith(reply);
    await expect(cognito.checkDomainAvailable(PREFIX)).resolves.toEqual({
      state: 'available',
    });
  });

  it('recognises the prefix of the expected pool as ours', async () => {
    const { cognito } = cognitoWith(ok(domainAttached(PREFIX, ACME_POOL_ID)));
    await expect(
      cognito.checkDomainAvailable(PREFIX, { expectedPoolId: ACME_POOL_ID }),
    ).resolves.toEqual({ state: 'ours', userPoolId: ACME_POOL_ID });
  });

  it.each([
    ['another pool is expected', { expectedPoolId: ACME_POOL_ID }],
    ['no pool exists yet', {}],
  ])('refuses a prefix taken by another pool when %s', async (_, options) => {
    const { cognito } = cognitoWith(ok(domainAttached(PREFIX, OTHER_POOL_ID)));
    const check = cognito.checkDomainAvailable(PREFIX, options);
    await expect(check).rejects.toBeInstanceOf(ConflictError);
    await expect(check).rejects.toThrow(
      /"acme-auth" is already taken .*choose another domainPrefix/,
    );
  });

  it('reports the emulator as unsupported', async () => {
    const { cognito } = cognitoWith(
      emulatorUnsupported('DescribeUserPoolDomain'),
    );
    await expect(cognito.checkDomainAvailable(PREFIX)).resolves.toEqual({
      state: 'unsupported',
      reason: 'not supported by the Cognito emulator',
    });
  });

  it('passes other failures on with context', async () => {
    const { cognito } = cognitoWith(
      cognitoError('NotAuthorizedException', 'Not authorized'),
    );
    await expect(cognito.checkDomainAvailable(PREFIX)).rejects.toThrow(
      /DescribeUserPoolDomain failed for domain prefix acme-auth.*IAM/,
    );
  });
});

describe('ensureUserPoolDomain', () => {
  it('does nothing when the prefix is attached to this pool (B17, 1)', async () => {
    const { cognito, created } = cognitoWith(
      ok(domainAttached(PREFIX, ACME_POOL_ID)),
    );
    await expect(
      cognito.ensureUserPoolDomain(ACME_POOL_ID, PREFIX),
    ).resolves.toEqual({
      state: 'exists',
      hostedUiUrl: 'https://acme-auth.auth.us-east-1.amazoncognito.com',
    });
    expect(created()).toEqual([]);
  });

  it('refuses a prefix attached to another pool (B17, 2)', async () => {
    const { cognito, created } = cognitoWith(
      ok(domainAttached(PREFIX, OTHER_POOL_ID)),
    );
    await expect(
      cognito.ensureUserPoolDomain(ACME_POOL_ID, PREFIX),
    ).rejects.toThrow(/domainPrefix\) "acme-auth" is already taken/);
    expect(created()).toEqual([]);
  });

  it.each([
    ['an empty description', ok(domainUnknown)],
    ['a not-found error', cognitoError('ResourceNotFoundException', 'no')],
  ])('creates the domain once after %s (B17, 3)', async (_, reply) => {
    const { cognito, created } = cognitoWith(reply);
    await expect(
      cognito.ensureUserPoolDomain(ACME_POOL_ID, PREFIX),
    ).resolves.toEqual({
      state: 'created',
      hostedUiUrl: 'https://acme-auth.auth.us-east-1.amazoncognito.com',
    });
    expect(created()).toEqual([
      {
        operation: 'CreateUserPoolDomain',
        input: { Domain: PREFIX, UserPoolId: ACME_POOL_ID },
      },
    ]);
  });

  it('names the prefix when another account holds it', async () => {
    const { cognito } = cognitoWith(
      ok(domainUnknown),
      cognitoError(
        'InvalidParameterException',
        'Domain already associated with another user pool.',
      ),
    );
    const ensure = cognito.ensureUserPoolDomain(ACME_POOL_ID, PREFIX);
    await expect(ensure).rejects.toBeInstanceOf(ConflictError);
    await expect(ensure).rejects.toThrow(/"acme-auth" is already taken/);
  });

  it('reports the emulator as unsupported, not as created (B26)', async () => {
    const { cognito, created } = cognitoWith(
      emulatorUnsupported('DescribeUserPoolDomain'),
    );
    await expect(
      cognito.ensureUserPoolDomain(ACME_POOL_ID, PREFIX),
    ).resolves.toEqual({
      state: 'unsupported',
      reason: 'not supported by the Cognito emulator',
    });
    expect(created()).toEqual([]);
  });
});
