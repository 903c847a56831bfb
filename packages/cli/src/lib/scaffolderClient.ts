import {
  AuthenticationError,
  InputError,
  isError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** One event of a scaffolder task, as its event stream sends it. */
export interface TaskEvent {
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message: string;
    stepId?: string;
    status?: 'open' | 'processing' | 'completed' | 'failed' | 'skipped';
    output?: Record<string, unknown>;
    error?: { name: string; message: string };
  };
}

/** The steps of a task, for printing names instead of ids. */
export interface TaskSpec {
  steps: Array<{ id: string; name: string }>;
  output?: Record<string, unknown>;
}

/** The answer of the dry-run endpoint. */
export interface DryRunResult {
  log: Array<{ body: TaskEvent['body'] }>;
  directoryContents: Array<{ path: string; base64Content: string }>;
  output: Record<string, unknown>;
  steps: Array<{ id: string; name: string }>;
}

/**
 * A small client of the scaffolder's REST API (`/api/scaffolder/v2`), the contract other tools
 * use to drive Tenant Mesh: start a task, follow its event stream, dry-run a template.
 */
export class ScaffolderClient {
  private readonly baseUrl: string;
  private readonly token: string;

  constructor(options: { baseUrl: string; token: string }) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
  }

  /** `POST /api/scaffolder/v2/tasks`; returns the task id. */
  async createTask(templateRef: string, values: object): Promise<string> {
    const body = await this.json<{ id: string }>('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({ templateRef, values }),
    });
    return body.id;
  }

  /** `GET /api/scaffolder/v2/tasks/:id`: the task's steps. */
  async getTaskSpec(taskId: string): Promise<TaskSpec> {
    const task = await this.json<{ spec: TaskSpec }>(
      `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}`,
    );
    return task.spec;
  }

  /**
   * Follows `GET /api/scaffolder/v2/tasks/:id/eventstream` (server-sent events) and yields each
   * event until the task completes or is cancelled.
   */
  async *events(taskId: string): AsyncGenerator<TaskEvent> {
    const response = await this.fetch(
      `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/eventstream`,
      { headers: { accept: 'text/event-stream' } },
    );
    if (!response.body) {
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const event = parseServerSentEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!event) {
          continue;
        }
        yield event;
        if (event.type === 'completion' || event.type === 'cancelled') {
          return;
        }
      }
    }
  }

  /** Reads a template entity from the catalog, for a dry run. */
  async getTemplate(templateRef: string): Promise<object> {
    const [kind, rest] = templateRef.split(':');
    const [namespace, name] = rest.split('/');
    return this.json(
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
  }

  /** `POST /api/scaffolder/v2/dry-run` with a template entity and values. */
  async dryRun(template: object, values: object): Promise<DryRunResult> {
    return this.json<DryRunResult>('/api/scaffolder/v2/dry-run', {
      method: 'POST',
      body: JSON.stringify({
        template,
        values,
        secrets: {},
        directoryContents: [],
      }),
    });
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.fetch(path, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });
    return (await response.json()) as T;
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${this.token}`, ...init.headers },
      });
    } catch (error) {
      // fetch says only "fetch failed"; the cause says why, and the URL where.
      const cause =
        isError(error) && isError(error.cause) ? error.cause : error;
      throw new ServiceUnavailableError(
        `The backend at ${this.baseUrl} could not be reached (${
          isError(cause) ? cause.message : String(cause)
        }): is the portal running there? Set --url or TENANT_MESH_URL to its backend`,
      );
    }
    if (response.ok) {
      return response;
    }
    if (response.status === 401) {
      throw new AuthenticationError(
        `${this.baseUrl} refused the token (401): set TENANT_MESH_API_TOKEN or --token to the backend's static token`,
      );
    }
    if (response.status === 404) {
      throw new NotFoundError(`${path} was not found on ${this.baseUrl}`);
    }
    if (response.status === 400) {
      throw new InputError(await badRequestMessage(response));
    }
    throw await ResponseError.fromResponse(response);
  }
}

/**
 * The scaffolder answers 400 either with Backstage's error body or, when the values do not match
 * the template's parameters, with JSON Schema errors; both become lines naming the field.
 */
async function badRequestMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as {
      errors?: Array<{ path?: Array<string | number>; message: string }>;
      error?: { message: string };
    };
    if (body.errors?.length) {
      return body.errors
        .map(e => `${(e.path ?? []).join('.') || 'values'}: ${e.message}`)
        .join('\n');
    }
    if (body.error?.message) {
      return body.error.message;
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return `${response.status} ${response.statusText}: ${text}`;
}

/**
 * The message of a log event without colour codes and without the stack trace the scaffolder
 * appends to a failed step's message.
 */
export function plainMessage(message: string): string {
  const lines = message
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n');
  const stack = lines.findIndex(line => /^\s+at /.test(line));
  return (stack >= 0 ? lines.slice(0, stack) : lines).join('\n').trimEnd();
}

/** Parses one `event:`/`data:` block; comments and keep-alives give undefined. */
export function parseServerSentEvent(block: string): TaskEvent | undefined {
  const data = block
    .split('\n')
    .filter(line => line.startsWith('data:'))
    .map(line => line.slice(5).trimStart())
    .join('\n');
  if (!data) {
    return undefined;
  }
  return JSON.parse(data) as TaskEvent;
}
