import { IncomingMessage } from 'node:http';
import { FakeApiError } from './fakeKubernetesStatus';

/** One request the fake received, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The media type of the body, without parameters such as charset. */
  contentType?: string;
}

/** A failure to inject: the matching requests are answered with a Status. */
export interface FaultRule {
  method?: string;
  /** An exact path, or a pattern. */
  path?: string | RegExp;
  /** Fail from the nth matching request on (1-based); default the first. */
  nth?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  code: number;
  reason?: string;
  message?: string;
}

/** A fault rule with its counters. */
export interface ActiveFault {
  rule: FaultRule;
  seen: number;
  left: number;
}

/** The record of one incoming request. */
export function recordOf(req: IncomingMessage): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://fake');
  const contentType = req.headers['content-type']
    ?.split(';')[0]
    .trim()
    .toLowerCase();
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(contentType ? { contentType } : {}),
  };
}

/** Throws the Status of the first fault rule the request triggers. */
export function takeFault(faults: ActiveFault[], request: RecordedRequest) {
  for (const fault of faults) {
    const { rule } = fault;
    const matches =
      fault.left > 0 &&
      (!rule.method || rule.method === request.method) &&
      (!rule.path ||
        (typeof rule.path === 'string'
          ? rule.path === request.path
          : rule.path.test(request.path)));
    if (matches) {
      fault.seen += 1;
      if (fault.seen >= (rule.nth ?? 1)) {
        fault.left -= 1;
        throw new FakeApiError(
          rule.code,
          rule.reason ?? 'InternalError',
          rule.message ?? `injected failure ${rule.code}`,
        );
      }
    }
  }
}
