import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { KubernetesObject } from '@tenant-mesh/plugin-tenant-mesh-common';
import { stringify as stringifyYaml } from 'yaml';
import { FakeObjectStore } from './fakeObjectStore';
import { FAKE_RESOURCE_TYPES, groupVersionOf } from './fakeKubernetesResources';
import { handle, parseBody } from './fakeKubernetesRoutes';
import { FakeApiError } from './fakeKubernetesStatus';
import {
  ActiveFault,
  recordOf,
  FaultRule,
  RecordedRequest,
  takeFault,
} from './fakeRequestLog';

export type { FaultRule, RecordedRequest } from './fakeRequestLog';

/** Which object to look up in the fake. */
export interface FakeObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A running fake of the Kubernetes API server. */
export interface FakeKubernetesApi {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The bearer token the fake requires. */
  token: string;
  /** A kubeconfig (YAML) whose current context points at the fake. */
  kubeConfig(): string;
  /** Every request so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every stored object, with `managedFields`. */
  objects(): KubernetesObject[];
  getObject(ref: FakeObjectRef): KubernetesObject | undefined;
  /** Stores objects as if `manager` (default `kubectl`) had created them. */
  seed(objects: KubernetesObject[], options?: { manager?: string }): void;
  inject(rule: FaultRule): void;
  /** Makes the next PUT fail with 409 Conflict, as a stale read would. */
  conflictNextPut(): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP fake of the Kubernetes API server on a random port of
 * 127.0.0.1. It serves discovery and the object verbs that Tenant Mesh uses
 * with the answers, status codes and `Status` bodies of a real API server;
 * see FakeObjectStore for what is simplified.
 */
export async function startFakeKubernetesApi(
  options: { token?: string } = {},
): Promise<FakeKubernetesApi> {
  const token = options.token ?? 'fake-service-account-token';
  const store = new FakeObjectStore();
  const requests: RecordedRequest[] = [];
  const faults: ActiveFault[] = [];

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then(raw => {
        const request = recordOf(req);
        requests.push(request);
        if (req.headers.authorization !== `Bearer ${token}`) {
          throw new FakeApiError(401, 'Unauthorized', 'Unauthorized');
        }
        takeFault(faults, request);
        return handle(store, { ...request, body: parseBody(request, raw) });
      })
      .then(
        ({ code, body }) => send(res, code, body),
        error => {
          const status =
            error instanceof FakeApiError
              ? error.status
              : new FakeApiError(500, 'InternalError', String(error)).status;
          send(res, status.code, status);
        },
      );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    requests,
    kubeConfig: () =>
      stringifyYaml({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node refuses plain HTTP unless TLS verification is off.
        clusters: [
          {
            name: 'fake',
            cluster: { server: url, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'fake', user: { token } }],
        contexts: [
          { name: 'fake', context: { cluster: 'fake', user: 'fake' } },
        ],
        'current-context': 'fake',
      }),
    objects: () => store.all(),
    getObject: ref => {
      const type = typeOf(ref);
      return store.get({ type, namespace: ref.namespace, name: ref.name });
    },
    seed: (objects, { manager = 'kubectl' } = {}) => {
      for (const object of objects) {
        const type = typeOf(object);
        const { name, namespace } = object.metadata;
        store.seed({ type, name, namespace }, object, manager);
      }
    },
    inject: rule => {
      faults.push({ rule, seen: 0, left: rule.times ?? 1 });
    },
    conflictNextPut: () => {
      faults.push({
        rule: { method: 'PUT', code: 409, reason: 'Conflict' },
        seen: 0,
        left: 1,
      });
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function typeOf(ref: { apiVersion: string; kind: string }) {
  const type = FAKE_RESOURCE_TYPES.find(
    t => groupVersionOf(t) === ref.apiVersion && t.kind === ref.kind,
  );
  if (!type) {
    throw new Error(`The fake does not serve ${ref.apiVersion} ${ref.kind}`);
  }
  return type;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
