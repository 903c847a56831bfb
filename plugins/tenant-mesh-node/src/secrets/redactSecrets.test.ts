import { ForwardedError } from '@backstage/errors';
import { redactSecrets } from './redactSecrets';

describe('redactSecrets', () => {
  const secret = 'S3cr3t-XYZ';
  const encoded = Buffer.from(secret).toString('base64');

  it('removes a secret, plain or base64, from the whole cause chain', () => {
    const inner = new Error(`the API refused data ${encoded}`);
    const outer = new ForwardedError(`could not write ${secret}`, inner);

    redactSecrets(outer, [secret]);

    const texts = [outer.message, outer.stack, inner.message, inner.stack];
    expect(texts.join('\n')).not.toContain(secret);
    expect(texts.join('\n')).not.toContain(encoded);
    // ForwardedError quotes its cause in its own message, too.
    expect(outer.message).toBe(
      'could not write [redacted]; caused by Error: the API refused data [redacted]',
    );
    expect(inner.message).toBe('the API refused data [redacted]');
  });

  it('leaves an error without secrets as it was', () => {
    const error = new Error('nothing to hide');
    expect(redactSecrets(error, [secret])).toBe(error);
    expect(error.message).toBe('nothing to hide');
  });
});
