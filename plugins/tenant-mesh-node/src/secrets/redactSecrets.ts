import { isError } from '@backstage/errors';

const REDACTED = '[redacted]';
/** Deep enough for ForwardedError around a client error around a fetch error. */
const MAX_CAUSES = 10;

function scrub(text: string, forms: string[]): string {
  return forms.reduce((t, form) => t.split(form).join(REDACTED), text);
}

/**
 * Removes secret values, plain and base64-encoded (as a Kubernetes Secret's
 * data holds them), from an error's message and stack and from every error in
 * its `cause` chain, which is what loggers and the scaffolder print. Returns
 * the same error, for `throw redactSecrets(error, [...])`.
 */
export function redactSecrets(error: unknown, secrets: string[]): unknown {
  const forms = secrets
    .filter(s => s.length > 0)
    .flatMap(s => [s, Buffer.from(s).toString('base64')]);
  if (typeof error === 'string') {
    return scrub(error, forms);
  }
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && isError(current); depth++) {
    current.message = scrub(current.message, forms);
    if (current.stack) {
      current.stack = scrub(current.stack, forms);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return error;
}
