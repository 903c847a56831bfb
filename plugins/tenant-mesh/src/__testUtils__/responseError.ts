import { ResponseError } from '@backstage/errors';

/**
 * The error the client throws for an error answer of the backend, built the
 * way the client builds it, from a JSON error body as Backstage's error
 * handler writes it.
 */
export function responseError(options: {
  status: number;
  statusText: string;
  name: string;
  message: string;
}): Promise<ResponseError> {
  const { status, statusText, name, message } = options;
  const body = { error: { name, message }, response: { statusCode: status } };
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status,
      statusText,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    }),
  );
}
