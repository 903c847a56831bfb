import { parseTenantRecord } from './parseTenantRecord';

describe('parseTenantRecord', () => {
  it('reads a record with its identity', () => {
    const content = [
      'tenantId: acme',
      'displayName: Acme Corporation',
      'host: acme.example.com',
      'owner: group:default/customer-success',
      'identity:',
      '  userPoolId: us-east-1_AbC123',
      '  clientId: 4f1client',
      '',
    ].join('\n');

    expect(parseTenantRecord(content)).toEqual({
      ok: true,
      spec: {
        tenantId: 'acme',
        displayName: 'Acme Corporation',
        host: 'acme.example.com',
        owner: 'group:default/customer-success',
        identity: { userPoolId: 'us-east-1_AbC123', clientId: '4f1client' },
      },
    });
  });

  it.each([
    ['broken YAML', 'tenantId: [acme', /^not valid YAML: /],
    ['an empty file', '', /^not a tenant spec: /],
    ['a list', '- acme\n', /^not a tenant spec: /],
    [
      'a missing field',
      'tenantId: acme\ndisplayName: Acme\nhost: acme.example.com\n',
      /^not a tenant spec: owner: Required$/,
    ],
    [
      'a bad tenant id',
      'tenantId: Acme\ndisplayName: A\nhost: a.example.com\nowner: group:x\n',
      /^not a tenant spec: tenantId: must be a lowercase DNS label/,
    ],
    [
      'an unknown field, such as a secret',
      'tenantId: acme\ndisplayName: A\nhost: a.example.com\nowner: group:x\nclientSecret: s3cret\n',
      /^not a tenant spec: Unrecognized key\(s\) in object: 'clientSecret'$/,
    ],
  ])('reports %s', (_case, content, message) => {
    const result = parseTenantRecord(content);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(message);
  });
});
