/** One event of a scaffolder task, as `GET /v2/tasks/:id/events` lists it. */
export interface TaskEvent {
  type: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: Record<string, unknown>;
    error?: { name?: string; message?: string };
  };
}

/** A finished scaffolder task, with everything the REST API shows of it. */
export interface FinishedTask {
  id: string;
  status: string;
  /** `GET /v2/tasks/:id` as returned: spec, status, state (checkpoints). */
  task: Record<string, unknown>;
  events: TaskEvent[];
  /** The template's output, from the completion event. */
  output: Record<string, unknown>;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const POLL_INTERVAL_MS = 200;

/** A response that was not what the caller expected, with its body. */
export class UnexpectedResponse extends Error {
  constructor(readonly status: number, readonly body: string, request: string) {
    super(`${request} answered ${status}: ${body}`);
  }
}

/**
 * The portal's REST API as other tools reach it: every request carries the
 * static token, and nothing else of the backend is touched.
 */
export class PortalApi {
  constructor(private readonly options: { baseUrl: string; token: string }) {}

  /** Sends one request; returns the status and the parsed JSON body. */
  async request(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: any; text: string }> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${this.options.token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON; the text is still returned.
    }
    return { status: response.status, body, text };
  }

  /** GET that must answer 200. */
  async get(path: string): Promise<any> {
    const { status, body, text } = await this.request(path);
    if (status !== 200) {
      throw new UnexpectedResponse(status, text, `GET ${path}`);
    }
    return body;
  }

  /** Polls `check` until it returns a value, or throws after `timeoutMs`. */
  async waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(`Gave up waiting for ${what} after ${timeoutMs} ms`);
      }
      await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** The catalog entity, or undefined while the catalog does not hold it. */
  async findEntity(
    kind: string,
    name: string,
  ): Promise<Record<string, any> | undefined> {
    const path = `/api/catalog/entities/by-name/${kind}/default/${name}`;
    const { status, body, text } = await this.request(path);
    if (status === 404) {
      return undefined;
    }
    if (status !== 200) {
      throw new UnexpectedResponse(status, text, `GET ${path}`);
    }
    return body;
  }

  /** `POST /api/scaffolder/v2/tasks`: the status and body, unchecked. */
  startTask(templateRef: string, values: Record<string, unknown>) {
    return this.request('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: { templateRef, values },
    });
  }

  /** Starts a task (201 expected) and polls it until it has finished. */
  async runTask(
    templateRef: string,
    values: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<FinishedTask> {
    const started = await this.startTask(templateRef, values);
    if (started.status !== 201) {
      throw new UnexpectedResponse(
        started.status,
        started.text,
        'POST /api/scaffolder/v2/tasks',
      );
    }
    const id: string = started.body.id;
    const path = `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}`;
    const task = await this.waitFor(
      `task ${id} to finish`,
      async () => {
        const current = await this.get(path);
        return FINISHED.has(current.status) ? current : undefined;
      },
      timeoutMs,
    );
    const events: TaskEvent[] = await this.get(`${path}/events`);
    const completion = events.find(e => e.type === 'completion');
    return {
      id,
      status: task.status,
      task,
      events,
      output: completion?.body.output ?? {},
    };
  }
}
