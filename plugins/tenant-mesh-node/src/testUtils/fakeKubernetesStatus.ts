/** A `metav1.Status` body as the API server sends it with an error. */
export interface KubernetesStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  code: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason: string; message: string; field?: string }>;
  };
}

/** An error of the fake API server that becomes a `Status` answer. */
export class FakeApiError extends Error {
  readonly status: KubernetesStatus;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: KubernetesStatus['details'],
  ) {
    super(message);
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
      ...(details ? { details } : {}),
    };
  }
}

/** Status of a successful delete. */
export function successStatus(
  name: string,
  group: string,
  plural: string,
): KubernetesStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    code: 200,
    details: { name, group, kind: plural },
  };
}
