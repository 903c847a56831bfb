import {
  CheckState,
  KubernetesObject,
  planTenant,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { platformConfig } from '../../__fixtures__/tenants';
import {
  deploymentCheck,
  describeObject,
  firstDifference,
  istioAcceptance,
  LiveObjects,
  plannedObjectCheck,
} from './liveObjects';

const plan = planTenant({
  spec: {
    tenantId: 'acme',
    displayName: 'Acme',
    owner: 'group:default/customer-success',
    host: 'acme.example.com',
    // Onboarded in Cognito, so its oauth2-proxy config is planned.
    identity: {
      userPoolId: 'us-east-1_Example12',
      clientId: '1example23456789',
    },
  },
  platform: readPlatformSettings(platformConfig),
});

function planned(kind: string): KubernetesObject {
  const found = plan.objects.find(o => o.kind === kind);
  if (!found) {
    throw new Error(`acme's plan has no ${kind}`);
  }
  return found;
}

const virtualService = planned('VirtualService');
const CONVERGE = 'apply the plan again';

interface VirtualServiceSpec {
  hosts: string[];
  http: Array<{
    name: string;
    route?: Array<{
      destination: { host: string; port: { number: number } };
    }>;
  }>;
}

/** The VirtualService as the API server returns it, spec changed by `edit`. */
function liveVirtualService(
  edit: (spec: VirtualServiceSpec) => VirtualServiceSpec = s => s,
  status?: Record<string, unknown>,
): KubernetesObject {
  const copy = structuredClone(virtualService);
  return {
    ...copy,
    metadata: { ...copy.metadata, resourceVersion: '4711' },
    spec: edit(copy.spec as VirtualServiceSpec),
    ...(status ? { status } : {}),
  };
}

describe('describeObject', () => {
  it.each<{ object: KubernetesObject; described: string }>([
    {
      object: virtualService,
      described: 'VirtualService tenant-acme/tenant-acme',
    },
    { object: planned('Namespace'), described: 'Namespace tenant-acme' },
  ])('is $described', ({ object, described }) => {
    expect(describeObject(object)).toBe(described);
  });
});

describe('LiveObjects', () => {
  it('finds a live object by the kind, namespace and name of the planned one', () => {
    const live = liveVirtualService();
    const objects = new LiveObjects([planned('Namespace'), live]);

    expect(objects.find(virtualService)).toBe(live);
    expect(
      objects.find({ ...virtualService, kind: 'Gateway' }),
    ).toBeUndefined();
  });
});

describe('istioAcceptance', () => {
  it.each<{
    title: string;
    status: Record<string, unknown> | undefined;
    state: CheckState;
    fragment: string;
  }>([
    {
      title: 'no status',
      status: undefined,
      state: 'ok',
      fragment: 'PILOT_ENABLE_STATUS',
    },
    {
      title: 'an empty status',
      status: {},
      state: 'ok',
      fragment: 'PILOT_ENABLE_STATUS',
    },
    {
      title: 'an error validation message',
      status: {
        validationMessages: [
          {
            level: 'ERROR',
            type: { code: 'IST0101' },
            description:
              'Referenced gateway not found: "istio-ingress/tenant-gateway"',
          },
        ],
      },
      state: 'error',
      fragment:
        'Istio rejects it: IST0101: Referenced gateway not found: "istio-ingress/tenant-gateway"',
    },
    {
      title: 'a warning validation message',
      status: {
        validationMessages: [
          {
            level: 'WARNING',
            type: { code: 'IST0132' },
            description:
              'one or more host acme.example.com defined in VirtualService not found in Gateway',
          },
        ],
      },
      state: 'warning',
      fragment: 'Istio warns: IST0132: one or more host',
    },
    {
      title: 'a condition Reconciled False',
      status: {
        conditions: [
          {
            type: 'Reconciled',
            status: 'False',
            message: '1/2 proxies up to date',
          },
        ],
      },
      state: 'warning',
      fragment: 'not reconciled: 1/2 proxies up to date',
    },
    {
      title: 'an info message and a condition Reconciled True',
      status: {
        validationMessages: [
          {
            level: 'INFO',
            type: { code: 'IST0118' },
            description: 'port name',
          },
        ],
        conditions: [{ type: 'Reconciled', status: 'True' }],
      },
      state: 'ok',
      fragment: 'accepted by Istio',
    },
  ])('$title: $state', ({ status, state, fragment }) => {
    const verdict = istioAcceptance(liveVirtualService(s => s, status));

    expect(verdict.state).toBe(state);
    expect(verdict.reason).toContain(fragment);
  });

  it('is an error when errors and warnings are both reported', () => {
    const verdict = istioAcceptance(
      liveVirtualService(s => s, {
        validationMessages: [
          { level: 'WARNING', type: { code: 'IST0132' }, description: 'w' },
          { level: 'ERROR', type: { code: 'IST0101' }, description: 'e' },
        ],
      }),
    );

    expect(verdict).toEqual({
      state: 'error',
      reason: 'Istio rejects it: IST0101: e',
    });
  });
});

describe('firstDifference', () => {
  it.each<{
    title: string;
    planned: unknown;
    live: unknown;
    path: string | undefined;
  }>([
    {
      title: 'equal objects',
      planned: { a: 1, b: ['x', { c: true }] },
      live: { a: 1, b: ['x', { c: true }] },
      path: undefined,
    },
    {
      title: 'keys only the live object has',
      planned: { a: 1, b: [{ c: 1 }] },
      live: { a: 1, b: [{ c: 1, d: 2 }], uid: 'u' },
      path: undefined,
    },
    {
      title: 'nothing planned',
      planned: undefined,
      live: { a: 1 },
      path: undefined,
    },
    {
      title: 'a key the live object lacks',
      planned: { a: { b: { c: 1 } } },
      live: { a: { b: {} } },
      path: 'spec.a.b.c',
    },
    {
      title: 'a scalar that differs',
      planned: { replicas: 2 },
      live: { replicas: '2' },
      path: 'spec.replicas',
    },
    {
      title: 'an array of another length',
      planned: { hosts: ['a', 'b'] },
      live: { hosts: ['a'] },
      path: 'spec.hosts',
    },
    {
      title: 'a scalar where an array is planned',
      planned: { hosts: ['a'] },
      live: { hosts: 'a' },
      path: 'spec.hosts',
    },
    {
      title: 'an object the live value is not',
      planned: { selector: { app: 'x' } },
      live: { selector: null },
      path: 'spec.selector',
    },
    {
      title: 'a planned null the live object lacks',
      planned: { value: null },
      live: {},
      path: 'spec.value',
    },
  ])('$title: $path', ({ planned: plannedValue, live, path }) => {
    expect(firstDifference(plannedValue, live, 'spec')).toBe(path);
  });

  it.each<{ planned: string; live: string; path: string | undefined }>([
    { planned: '0.5', live: '500m', path: undefined },
    { planned: '1024Mi', live: '1Gi', path: undefined },
    { planned: '1e3', live: '1k', path: undefined },
    { planned: '50m', live: '50m', path: undefined },
    { planned: '500m', live: '400m', path: 'spec.resources.requests.cpu' },
    { planned: '64Mi', live: '64M', path: 'spec.resources.requests.cpu' },
  ])(
    'compares the quantity $planned with the canonical $live by amount',
    ({ planned: quantity, live, path }) => {
      expect(
        firstDifference(
          { resources: { requests: { cpu: quantity } } },
          { resources: { requests: { cpu: live } } },
          'spec',
        ),
      ).toBe(path);
    },
  );

  it('compares quantities by amount only under resources', () => {
    expect(firstDifference({ value: '0.5' }, { value: '500m' }, 'spec')).toBe(
      'spec.value',
    );
  });

  it('names an item nested in arrays of the VirtualService', () => {
    const live = liveVirtualService(spec => {
      spec.http[1].route![0].destination.port.number = 9081;
      return spec;
    });

    expect(firstDifference(virtualService.spec, live.spec, 'spec')).toBe(
      'spec.http[1].route[0].destination.port.number',
    );
  });

  it('names the first difference in the order the plan lists its keys', () => {
    const live = liveVirtualService(spec => ({
      ...spec,
      hosts: ['globex.example.com'],
      http: [],
    }));

    expect(firstDifference(virtualService.spec, live.spec, 'spec')).toBe(
      'spec.hosts[0]',
    );
  });
});

describe('plannedObjectCheck', () => {
  const check = (live: KubernetesObject | undefined, istio?: boolean) =>
    plannedObjectCheck({
      id: 'virtual-service',
      planned: virtualService,
      live,
      istio,
      converge: CONVERGE,
    });

  it('is an error when the object is missing', () => {
    expect(check(undefined)).toEqual({
      id: 'virtual-service',
      title: 'VirtualService tenant-acme/tenant-acme',
      object: 'VirtualService tenant-acme/tenant-acme',
      state: 'error',
      reason: `VirtualService tenant-acme/tenant-acme is missing; ${CONVERGE} to create it.`,
    });
  });

  it('is an error naming the path where the spec differs', () => {
    const live = liveVirtualService(spec => {
      spec.http[1].route![0].destination.host =
        'productpage.tenant-globex.svc.cluster.local';
      return spec;
    });

    const result = check(live, true);

    expect(result.state).toBe('error');
    expect(result.reason).toBe(
      `VirtualService tenant-acme/tenant-acme differs from the plan at spec.http[1].route[0].destination.host; ${CONVERGE} to converge it.`,
    );
  });

  it("takes Istio's verdict on a matching Istio object", () => {
    const result = check(
      liveVirtualService(s => s, {
        validationMessages: [
          { level: 'ERROR', type: { code: 'IST0101' }, description: 'gone' },
        ],
      }),
      true,
    );

    expect(result.state).toBe('error');
    expect(result.reason).toMatch(
      /^VirtualService tenant-acme\/tenant-acme matches the plan; Istio rejects it: IST0101: gone\.$/,
    );
  });

  it('is ok for a matching Istio object without status', () => {
    const result = check(liveVirtualService(), true);

    expect(result.state).toBe('ok');
    expect(result.reason).toMatch(
      /^VirtualService tenant-acme\/tenant-acme matches the plan; .*PILOT_ENABLE_STATUS/,
    );
  });

  it("compares a ConfigMap's data with the plan", () => {
    const configMap = planned('ConfigMap');
    const [key] = Object.keys(configMap.data as object);

    const result = plannedObjectCheck({
      id: 'oauth2-proxy',
      planned: configMap,
      live: { ...configMap, data: { [key]: 'edited by hand' } },
      converge: CONVERGE,
    });

    expect(result).toMatchObject({
      state: 'error',
      reason: `${describeObject(
        configMap,
      )} differs from the plan at data.${key}; ${CONVERGE} to converge it.`,
    });
  });

  it('is ok for a Deployment with the defaults the API server adds', () => {
    const planned_ = planned('Deployment');
    const live = structuredClone(planned_) as KubernetesObject & {
      spec: {
        template: {
          spec: {
            containers: Array<Record<string, unknown>>;
            volumes?: Array<{ configMap?: Record<string, unknown> }>;
          };
        };
      };
    };
    Object.assign(live.spec, {
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate' },
    });
    for (const container of live.spec.template.spec.containers) {
      container.terminationMessagePath = '/dev/termination-log';
      container.imagePullPolicy = 'IfNotPresent';
    }
    for (const volume of live.spec.template.spec.volumes ?? []) {
      if (volume.configMap) {
        volume.configMap.defaultMode = 420;
      }
    }

    expect(
      plannedObjectCheck({
        id: 'deployment',
        planned: planned_,
        live: { ...live, status: { readyReplicas: 1 } },
        converge: CONVERGE,
      }).state,
    ).toBe('ok');
  });

  it('is ok for a matching object Istio does not report on', () => {
    expect(check(liveVirtualService())).toMatchObject({
      state: 'ok',
      reason:
        'VirtualService tenant-acme/tenant-acme exists and matches the plan.',
    });
  });
});

describe('deploymentCheck', () => {
  const REF = 'Deployment tenant-acme-auth/oauth2-proxy-acme';

  /** As the API server returns it: generation 2 observed, all updated. */
  function deployment(
    replicas: number,
    readyReplicas: number | undefined,
    conditions: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }> = [],
    rollout: { observedGeneration?: number; updatedReplicas?: number } = {},
  ): KubernetesObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'oauth2-proxy-acme',
        namespace: 'tenant-acme-auth',
        generation: 2,
      },
      spec: { replicas },
      status: {
        observedGeneration: 2,
        replicas,
        updatedReplicas: replicas,
        ...(readyReplicas === undefined ? {} : { readyReplicas }),
        conditions,
        ...rollout,
      },
    };
  }

  const check = (live: KubernetesObject | undefined) =>
    deploymentCheck({
      id: 'oauth2-proxy',
      title: 'oauth2-proxy',
      ref: REF,
      live,
      missing: `${REF} is missing.`,
    });

  const unavailable = {
    type: 'Available',
    status: 'False',
    message: 'Deployment does not have minimum availability.',
  };

  it.each<{
    title: string;
    live: KubernetesObject | undefined;
    state: CheckState;
    reason: string;
  }>([
    {
      title: 'all replicas ready',
      live: deployment(2, 2, [{ type: 'Available', status: 'True' }]),
      state: 'ok',
      reason: `${REF}: 2/2 ready.`,
    },
    {
      title: 'none ready',
      live: deployment(2, undefined, [unavailable]),
      state: 'error',
      reason: `${REF}: 0/2 ready. Deployment does not have minimum availability. See the pods section.`,
    },
    {
      title: 'pods refused by a quota',
      live: deployment(2, undefined, [
        unavailable,
        {
          type: 'ReplicaFailure',
          status: 'True',
          message:
            'pods "oauth2-proxy-acme-7d9f8-abcde" is forbidden: exceeded quota: tenant-acme-auth',
        },
      ]),
      state: 'error',
      reason: `${REF}: 0/2 ready. pods "oauth2-proxy-acme-7d9f8-abcde" is forbidden: exceeded quota: tenant-acme-auth. See the pods section.`,
    },
    {
      title: 'some ready',
      live: deployment(2, 1),
      state: 'warning',
      reason: `${REF}: 1/2 ready. See the pods section.`,
    },
    {
      title: 'no Deployment',
      live: undefined,
      state: 'error',
      reason: `${REF} is missing.`,
    },
    {
      title: 'a rollout under way, the old pods still ready',
      live: deployment(2, 2, [], { updatedReplicas: 1 }),
      state: 'warning',
      reason: `${REF}: 2/2 ready, but a rollout is in progress: 1 of 2 replicas run the latest template.`,
    },
    {
      title: 'a change the controller has not acted on yet',
      live: deployment(2, 2, [], { observedGeneration: 1 }),
      state: 'warning',
      reason: `${REF}: 2/2 ready, but the Deployment controller has not yet acted on its latest change (generation 2, observed 1); check that kube-controller-manager is running if this lasts.`,
    },
    {
      title: 'a rollout past its deadline, the old pods still ready',
      live: deployment(
        2,
        2,
        [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message:
              'ReplicaSet "oauth2-proxy-acme-5c6d7" has timed out progressing.',
          },
        ],
        { updatedReplicas: 1 },
      ),
      state: 'error',
      reason: `${REF}: 2/2 ready; its rollout is stuck (ProgressDeadlineExceeded). ReplicaSet "oauth2-proxy-acme-5c6d7" has timed out progressing. Look at the new pods in the pods section, or roll back with kubectl rollout undo.`,
    },
  ])('$title: $state', ({ live, state, reason }) => {
    expect(check(live)).toEqual({
      id: 'oauth2-proxy',
      title: 'oauth2-proxy',
      object: REF,
      state,
      reason,
    });
  });

  it('takes one replica when the spec sets none', () => {
    const live: KubernetesObject = {
      ...deployment(1, 1),
      spec: {},
    };

    expect(check(live)).toMatchObject({
      state: 'ok',
      reason: `${REF}: 1/1 ready.`,
    });
  });
});
