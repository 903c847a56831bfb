import {
  CheckState,
  KubernetesObject,
  planTenant,
  readPlatformSettings,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { crashLoopingPod, readyPod } from '../../__fixtures__/liveObjects';
import {
  createdAt,
  runningContainer,
  waitingContainer,
  waitingPod,
  withStatus,
} from '../../__fixtures__/podStates';
import { platformConfig } from '../../__fixtures__/tenants';
import { podHealth, rateTrouble, troubleOf, troublesOf } from './podHealth';

/** The time of the checks; the fixtures' pods started an hour before. */
const NOW = Date.parse('2026-01-01T01:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW - minutes * 60_000).toISOString();

const plan = planTenant({
  spec: {
    tenantId: 'acme',
    displayName: 'Acme',
    owner: 'group:default/customer-success',
    host: 'acme.example.com',
    identity: {
      userPoolId: 'us-east-1_Example12',
      clientId: '1example23456789',
    },
  },
  platform: readPlatformSettings(platformConfig),
});

function deployment(name: string): KubernetesObject {
  const found = plan.objects.find(
    o => o.kind === 'Deployment' && o.metadata.name === name,
  );
  if (!found) {
    throw new Error(`acme's plan has no Deployment ${name}`);
  }
  return found;
}

const productpage = readyPod(deployment('productpage'));
const oauth2Proxy = readyPod(deployment('oauth2-proxy-acme'));

const COOKIE_SECRET_REFUSED =
  'cookie_secret must be 16, 24, or 32 bytes to create an AES cipher, but is 44 bytes';

/** productpage, its main container waiting behind a crash-looping init container. */
const initCrashLooping = withStatus(productpage, {
  phase: 'Pending',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Initialized', status: 'False' },
  ],
  initContainerStatuses: [
    waitingContainer(
      'istio-validation',
      {
        reason: 'CrashLoopBackOff',
        message: 'back-off 2m40s restarting failed container',
      },
      {
        restartCount: 4,
        lastState: {
          terminated: {
            reason: 'Error',
            exitCode: 126,
            message: 'iptables validation failed; workload is not ready',
          },
        },
      },
    ),
  ],
  containerStatuses: [
    waitingContainer('productpage', { reason: 'PodInitializing' }),
  ],
});

const unschedulable = withStatus(productpage, {
  phase: 'Pending',
  conditions: [
    {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: '0/3 nodes are available: insufficient cpu',
    },
  ],
});

const notReady = withStatus(productpage, {
  phase: 'Running',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'False' },
  ],
  containerStatuses: [runningContainer('productpage', { ready: false })],
});

const oomKilledBefore = withStatus(productpage, {
  phase: 'Running',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'True' },
  ],
  containerStatuses: [
    runningContainer('productpage', {
      restartCount: 2,
      lastState: {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          finishedAt: minutesAgo(3),
        },
      },
    }),
  ],
});

/** Running between two back-offs of a crash loop: not waiting, not ready. */
const crashLoopRunning = withStatus(oauth2Proxy, {
  phase: 'Running',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'False' },
  ],
  containerStatuses: [
    runningContainer('oauth2-proxy', {
      ready: false,
      restartCount: 5,
      lastState: {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          message: `invalid configuration: ${COOKIE_SECRET_REFUSED}`,
          finishedAt: minutesAgo(1),
        },
      },
    }),
  ],
});

const evicted = withStatus(productpage, {
  phase: 'Failed',
  reason: 'Evicted',
  message:
    'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi.',
});

const failed = withStatus(productpage, {
  phase: 'Failed',
  conditions: [{ type: 'Ready', status: 'False' }],
  containerStatuses: [
    {
      name: 'productpage',
      ready: false,
      restartCount: 0,
      state: { terminated: { reason: 'Error', exitCode: 1 } },
    },
  ],
});

describe('troubleOf', () => {
  it.each<{
    title: string;
    pod: KubernetesObject;
    reason: string;
    phase: string;
    state: CheckState;
    fragments: string[];
  }>([
    {
      title: 'oauth2-proxy crash-looping on a refused cookie secret (B02)',
      pod: crashLoopingPod(oauth2Proxy),
      reason: 'CrashLoopBackOff',
      phase: 'Running',
      state: 'error',
      fragments: ['container oauth2-proxy:', COOKIE_SECRET_REFUSED],
    },
    {
      title: 'an image that cannot be pulled',
      pod: waitingPod(productpage, {
        reason: 'ImagePullBackOff',
        message:
          'Back-off pulling image "docker.io/istio/examples-bookinfo-productpage-v1:9.9.9"',
      }),
      reason: 'ImagePullBackOff',
      phase: 'Pending',
      state: 'error',
      fragments: [
        'container productpage:',
        'examples-bookinfo-productpage-v1:9.9.9',
      ],
    },
    {
      title: 'a Secret key that does not exist',
      pod: waitingPod(oauth2Proxy, {
        reason: 'CreateContainerConfigError',
        message:
          "couldn't find key cookie-secret in Secret tenant-acme-auth/oauth2-proxy-acme",
      }),
      reason: 'CreateContainerConfigError',
      phase: 'Pending',
      state: 'error',
      fragments: [
        'container oauth2-proxy:',
        "couldn't find key cookie-secret in Secret",
      ],
    },
    {
      title: 'a pod no node can take',
      pod: unschedulable,
      reason: 'Unschedulable',
      phase: 'Pending',
      state: 'error',
      fragments: ['0/3 nodes are available: insufficient cpu'],
    },
    {
      title: 'a running pod whose container is not ready',
      pod: notReady,
      reason: 'NotReady',
      phase: 'Running',
      state: 'warning',
      fragments: [],
    },
    {
      title: 'a crash loop of a container that runs out of memory',
      pod: withStatus(productpage, {
        phase: 'Running',
        containerStatuses: [
          waitingContainer(
            'productpage',
            {
              reason: 'CrashLoopBackOff',
              message: 'back-off 5m0s restarting failed container',
            },
            {
              restartCount: 6,
              // Out-of-memory kills leave no termination message.
              lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
          ),
        ],
      }),
      reason: 'CrashLoopBackOff',
      phase: 'Running',
      state: 'error',
      fragments: ['It last ended OOMKilled (exit code 137).'],
    },
    {
      title: 'a ready pod that was OOM-killed before',
      pod: oomKilledBefore,
      reason: 'OOMKilled',
      phase: 'Running',
      state: 'warning',
      fragments: ['container productpage', 'memory'],
    },
    {
      title: 'a failed pod, which its Deployment has replaced',
      pod: failed,
      reason: 'Failed',
      phase: 'Failed',
      state: 'warning',
      fragments: ['delete it once the cause is understood'],
    },
    {
      title: 'a crash-looping init container, the main one waiting on it',
      pod: initCrashLooping,
      reason: 'CrashLoopBackOff',
      phase: 'Pending',
      state: 'error',
      fragments: [
        'init container istio-validation:',
        'iptables validation failed',
      ],
    },
    {
      title: 'a crash loop caught running between back-offs',
      pod: crashLoopRunning,
      reason: 'CrashLoopBackOff',
      phase: 'Running',
      state: 'error',
      fragments: [
        'container oauth2-proxy: restarted 5 times, the last 1 minute ago.',
        COOKIE_SECRET_REFUSED,
      ],
    },
    {
      title: 'a crash loop caught running and ready between back-offs',
      pod: withStatus(crashLoopRunning, {
        ...(crashLoopRunning.status as { phase: string }),
        containerStatuses: [
          runningContainer('oauth2-proxy', {
            restartCount: 3,
            lastState: {
              terminated: {
                reason: 'Error',
                exitCode: 1,
                finishedAt: minutesAgo(8),
              },
            },
          }),
        ],
      }),
      reason: 'CrashLoopBackOff',
      phase: 'Running',
      state: 'error',
      fragments: ['It last ended Error (exit code 1).'],
    },
    {
      title: 'an evicted pod',
      pod: evicted,
      reason: 'Evicted',
      phase: 'Failed',
      state: 'warning',
      fragments: [
        'The node was low on resource: memory.',
        'Its Deployment has replaced it',
      ],
    },
    {
      title: 'a pod stuck creating its containers past the grace period',
      pod: createdAt(
        waitingPod(productpage, { reason: 'ContainerCreating' }),
        NOW - 12 * 60_000,
      ),
      reason: 'ContainerCreating',
      phase: 'Pending',
      state: 'error',
      fragments: [
        'container productpage: ContainerCreating.',
        'It has not been ready for 12 minutes, longer than the 5 minutes a start may take.',
      ],
    },
    {
      title: 'a pod waiting for its init containers past the grace period',
      pod: createdAt(
        withStatus(productpage, {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          containerStatuses: [
            waitingContainer('productpage', {
              reason: 'PodInitializing',
              message: 'waiting for istio-init',
            }),
          ],
        }),
        NOW - 30 * 60_000,
      ),
      reason: 'PodInitializing',
      phase: 'Pending',
      state: 'error',
      fragments: ['container productpage: waiting for istio-init.'],
    },
    {
      title: 'a scheduled pod with no container started past the grace period',
      pod: createdAt(
        withStatus(productpage, {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
        }),
        NOW - 6 * 60_000,
      ),
      reason: 'Pending',
      phase: 'Pending',
      state: 'error',
      fragments: ['It has not been ready for 6 minutes'],
    },
    {
      title: 'a running pod not ready since long after its start',
      pod: createdAt(
        withStatus(notReady, {
          ...(notReady.status as { phase: string }),
          conditions: [
            { type: 'PodScheduled', status: 'True' },
            {
              type: 'Ready',
              status: 'False',
              lastTransitionTime: minutesAgo(20),
            },
          ],
        }),
        NOW - 50 * 60_000,
      ),
      reason: 'NotReady',
      phase: 'Running',
      state: 'error',
      fragments: ['It has not been ready for 20 minutes'],
    },
  ])('$title: $reason, $state', ({ pod, reason, phase, state, fragments }) => {
    const rated = rateTrouble(pod, NOW);

    expect(rated?.trouble).toMatchObject({
      name: pod.metadata.name,
      reason,
      phase,
    });
    expect(rated?.state).toBe(state);
    for (const fragment of fragments) {
      expect(rated!.trouble.message).toContain(fragment);
    }
  });

  it('keeps the last termination message of a crash-looping container (B02)', () => {
    const trouble = troubleOf(crashLoopingPod(oauth2Proxy));

    expect(trouble?.restarts).toBe(7);
    // The waiting message first, then why the container exited.
    expect(trouble?.message).toMatch(
      /^container oauth2-proxy: back-off 5m0s restarting failed container\. invalid configuration: cookie_secret must be/,
    );
  });

  it('counts the restarts of init containers', () => {
    expect(troubleOf(initCrashLooping)?.restarts).toBe(4);
  });

  it.each<{ title: string; pod: KubernetesObject }>([
    { title: 'a running, ready pod', pod: productpage },
    {
      title: 'a pod whose containers are being created, for a minute',
      pod: createdAt(
        waitingPod(productpage, { reason: 'ContainerCreating' }),
        NOW - 60_000,
      ),
    },
    {
      title: 'a pod waiting for its init containers, for 4 minutes',
      pod: createdAt(
        withStatus(productpage, {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          initContainerStatuses: [
            runningContainer('istio-init', { ready: false }),
          ],
          containerStatuses: [
            waitingContainer('productpage', { reason: 'PodInitializing' }),
          ],
        }),
        NOW - 4 * 60_000,
      ),
    },
    {
      title: 'a ready pod whose last restart was two hours ago',
      pod: withStatus(oomKilledBefore, {
        phase: 'Running',
        containerStatuses: [
          runningContainer('productpage', {
            restartCount: 9,
            lastState: {
              terminated: {
                reason: 'OOMKilled',
                exitCode: 137,
                finishedAt: minutesAgo(120),
              },
            },
          }),
        ],
      }),
    },
  ])('is undefined for $title', ({ pod }) => {
    expect(troubleOf(pod, NOW)).toBeUndefined();
  });

  it('reads a pod whose statuses name a container its spec lacks', () => {
    // Backstage's detectErrors throws on such a pod; it must cost the pod's
    // proposed fix only, not the status of every tenant.
    const malformed = withStatus(productpage, {
      phase: 'Running',
      containerStatuses: [
        waitingContainer(
          'renamed',
          {
            reason: 'CrashLoopBackOff',
            message: 'back-off 10s restarting failed container',
          },
          { restartCount: 1 },
        ),
      ],
    });

    expect(() => troubleOf(malformed)).not.toThrow();
    expect(troubleOf(malformed)).toMatchObject({
      reason: 'CrashLoopBackOff',
      message: expect.stringContaining('container renamed:'),
    });
  });
});

describe('troublesOf', () => {
  it('leaves out healthy pods and puts errors before warnings', () => {
    const crashing = crashLoopingPod(oauth2Proxy);

    const troubles = troublesOf([notReady, productpage, crashing]);

    expect(troubles.map(t => [t.name, t.reason])).toEqual([
      [crashing.metadata.name, 'CrashLoopBackOff'],
      [notReady.metadata.name, 'NotReady'],
    ]);
  });
});

describe('podHealth', () => {
  const namespaces = [
    { namespace: 'tenant-acme', expectsPods: true },
    { namespace: 'tenant-acme-auth', expectsPods: true },
  ];

  it('is ok with every pod ready, and counts them per namespace', () => {
    const health = podHealth({ pods: [productpage, oauth2Proxy], namespaces });

    expect(health.state).toBe('ok');
    expect(health.reason).toBe(
      'tenant-acme: 1/1 ready, tenant-acme-auth: 1/1 ready',
    );
    expect(health.namespaces).toEqual([
      {
        namespace: 'tenant-acme',
        ready: 1,
        total: 1,
        restarts: 0,
        troubled: [],
      },
      {
        namespace: 'tenant-acme-auth',
        ready: 1,
        total: 1,
        restarts: 0,
        troubled: [],
      },
    ]);
  });

  it('sums the restarts of init and main containers', () => {
    const restartedInit = withStatus(productpage, {
      phase: 'Running',
      initContainerStatuses: [
        {
          name: 'istio-init',
          ready: false,
          restartCount: 2,
          state: { terminated: { reason: 'Completed', exitCode: 0 } },
        },
      ],
      containerStatuses: [runningContainer('productpage', { restartCount: 1 })],
    });

    const health = podHealth({
      pods: [restartedInit],
      namespaces: [namespaces[0]],
    });

    expect(health.namespaces[0]).toMatchObject({
      ready: 1,
      total: 1,
      restarts: 3,
    });
  });

  it('names the worst pod first, across namespaces', () => {
    const crashing = crashLoopingPod(oauth2Proxy);

    const health = podHealth({ pods: [notReady, crashing], namespaces });

    expect(health.state).toBe('error');
    expect(health.reason).toMatch(
      new RegExp(
        `^Pod tenant-acme-auth/${crashing.metadata.name}: CrashLoopBackOff: `,
      ),
    );
    expect(health.namespaces[0]).toMatchObject({ ready: 0, total: 1 });
    expect(health.namespaces[0].troubled.map(t => t.reason)).toEqual([
      'NotReady',
    ]);
  });

  it('sorts the troubles of a namespace worst first', () => {
    const pulling = waitingPod(
      { ...productpage, metadata: { ...productpage.metadata, name: 'b' } },
      { reason: 'ErrImagePull', message: 'manifest unknown' },
    );
    const unready = {
      ...notReady,
      metadata: { ...notReady.metadata, name: 'a' },
    };

    const health = podHealth({
      pods: [unready, pulling],
      namespaces: [namespaces[0]],
    });

    expect(health.namespaces[0].troubled.map(t => t.name)).toEqual(['b', 'a']);
    expect(health.reason).toContain('Pod tenant-acme/b: ErrImagePull:');
  });

  it('is a warning when the only trouble heals by waiting', () => {
    const health = podHealth({
      pods: [notReady, oauth2Proxy],
      namespaces,
    });

    expect(health.state).toBe('warning');
    expect(health.reason).toMatch(/^Pod tenant-acme\/.*: NotReady/);
  });

  it('is a warning while a pod is starting, naming how many are not ready', () => {
    const creating = createdAt(
      waitingPod(productpage, { reason: 'ContainerCreating' }),
      NOW - 60_000,
    );

    const health = podHealth({
      pods: [creating, oauth2Proxy],
      namespaces,
      now: NOW,
    });

    expect(health.state).toBe('warning');
    expect(health.reason).toMatch(/^1 of 1 pods in tenant-acme not ready; /);
    expect(health.namespaces[0]).toMatchObject({
      ready: 0,
      total: 1,
      troubled: [],
    });
  });

  it('is an error once a pod has been starting longer than the grace period', () => {
    const creating = createdAt(
      waitingPod(productpage, { reason: 'ContainerCreating' }),
      NOW - 10 * 60_000,
    );

    const health = podHealth({
      pods: [creating, oauth2Proxy],
      namespaces,
      now: NOW,
    });

    expect(health.state).toBe('error');
    expect(health.reason).toMatch(
      /^Pod tenant-acme\/productpage-.*: ContainerCreating: /,
    );
  });

  it('reports old restarts as information, not a warning', () => {
    const restartedLongAgo = withStatus(productpage, {
      phase: 'Running',
      containerStatuses: [
        runningContainer('productpage', {
          restartCount: 3,
          lastState: {
            terminated: {
              reason: 'OOMKilled',
              exitCode: 137,
              finishedAt: minutesAgo(45),
            },
          },
        }),
      ],
    });

    const health = podHealth({
      pods: [restartedLongAgo, oauth2Proxy],
      namespaces,
      now: NOW,
    });

    expect(health.state).toBe('ok');
    expect(health.reason).toBe(
      'tenant-acme: 1/1 ready (3 restarts, none in the last 10 minutes), tenant-acme-auth: 1/1 ready',
    );
  });

  it('is an error when a namespace with Deployments has no pods', () => {
    const health = podHealth({ pods: [productpage], namespaces });

    expect(health.state).toBe('error');
    expect(health.reason).toMatch(/^No pods in tenant-acme-auth\b/);
    expect(health.namespaces[1]).toMatchObject({
      ready: 0,
      total: 0,
      restarts: 0,
    });
  });

  it('expects no pods where no Deployment is planned', () => {
    const health = podHealth({
      pods: [productpage],
      namespaces: [
        namespaces[0],
        { namespace: 'tenant-acme-auth', expectsPods: false },
      ],
    });

    expect(health.state).toBe('ok');
    expect(health.reason).toBe(
      'tenant-acme: 1/1 ready, tenant-acme-auth: 0/0 ready',
    );
  });
});
