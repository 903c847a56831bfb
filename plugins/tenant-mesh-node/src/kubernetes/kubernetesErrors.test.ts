import { failureOf, toKubernetesError } from './kubernetesErrors';

describe('failureOf', () => {
  it('reads code, reason and message of a Status body in a string', () => {
    const error = {
      code: 409,
      body: JSON.stringify({
        kind: 'Status',
        reason: 'AlreadyExists',
        message: 'configmaps "x" already exists',
      }),
    };
    expect(failureOf(error)).toEqual({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "x" already exists',
    });
  });

  it('keeps the code when the body is not JSON', () => {
    expect(failureOf({ code: 502, body: '<html>' })).toEqual({ code: 502 });
  });

  it('ignores errors that are not API answers', () => {
    expect(failureOf(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});

describe('toKubernetesError', () => {
  it('names the object when the server could not be reached', () => {
    const error = toKubernetesError(new Error('ECONNREFUSED'), 'read', {
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'tenant-acme',
    });
    expect(error.message).toBe(
      'Could not read Namespace tenant-acme; caused by Error: ECONNREFUSED',
    );
  });
});
