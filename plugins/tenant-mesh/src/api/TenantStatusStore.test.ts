import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import { healthyStatus } from '../__fixtures__/tenantStatus';
import { TenantStatusStore } from './TenantStatusStore';

/** A request the test answers when it chooses. */
function deferred() {
  let resolve!: (status: TenantStatus) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<TenantStatus>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function settled() {
  await new Promise(resolve => setTimeout(resolve, 0));
}

describe('TenantStatusStore', () => {
  const getTenantStatus = jest.fn<
    Promise<TenantStatus>,
    [string, { fresh?: boolean }?]
  >();
  let store: TenantStatusStore;

  beforeEach(() => {
    getTenantStatus.mockReset();
    store = new TenantStatusStore({ tenantMeshApi: { getTenantStatus } });
  });

  it('asks once for watchers that arrive together, and tells all of them', async () => {
    getTenantStatus.mockResolvedValue(healthyStatus());
    const listeners = [jest.fn(), jest.fn(), jest.fn()];

    listeners.forEach(l => store.subscribe('acme', l));
    await settled();

    expect(getTenantStatus).toHaveBeenCalledTimes(1);
    expect(getTenantStatus).toHaveBeenCalledWith('acme', { fresh: false });
    listeners.forEach(l => expect(l).toHaveBeenCalled());
    expect(store.getSnapshot('acme')).toEqual({
      loading: false,
      status: healthyStatus(),
    });
  });

  it('refreshes once past the cache, however many cards ask', async () => {
    getTenantStatus.mockResolvedValue(healthyStatus());
    store.subscribe('acme', jest.fn());
    await settled();

    store.refresh('acme');
    store.refresh('acme');
    store.refresh('acme');
    expect(store.getSnapshot('acme')).toMatchObject({
      loading: true,
      status: healthyStatus(),
    });
    await settled();

    expect(getTenantStatus).toHaveBeenCalledTimes(2);
    expect(getTenantStatus).toHaveBeenLastCalledWith('acme', { fresh: true });
    expect(store.getSnapshot('acme').loading).toBe(false);
  });

  it('drops the answer of a request overtaken by a refresh', async () => {
    const first = deferred();
    const second = deferred();
    getTenantStatus
      .mockReturnValueOnce(first.promise)
      .mockReturnValueOnce(second.promise);
    store.subscribe('acme', jest.fn());
    store.refresh('acme');

    second.resolve({ ...healthyStatus(), reason: 'newer' });
    first.resolve({ ...healthyStatus(), reason: 'older' });
    await settled();

    expect(store.getSnapshot('acme').status?.reason).toBe('newer');
  });

  it('keeps the error of a failed request for the cards to show', async () => {
    getTenantStatus.mockRejectedValue(new Error('backend down'));

    store.subscribe('acme', jest.fn());
    await settled();

    expect(store.getSnapshot('acme')).toMatchObject({
      loading: false,
      error: { message: 'backend down' },
    });
  });

  it('keeps the last status beside the error of a failed refresh', async () => {
    const status = healthyStatus();
    getTenantStatus.mockResolvedValueOnce(status);
    getTenantStatus.mockRejectedValueOnce(new Error('backend down'));

    store.subscribe('acme', jest.fn());
    await settled();
    store.refresh('acme');
    await settled();

    expect(store.getSnapshot('acme')).toEqual({
      loading: false,
      status,
      error: expect.objectContaining({ message: 'backend down' }),
    });
  });

  it('asks again when a page opens after every card had gone', async () => {
    getTenantStatus.mockResolvedValue(healthyStatus());
    const unsubscribe = store.subscribe('acme', jest.fn());
    await settled();

    unsubscribe();
    store.subscribe('acme', jest.fn());
    await settled();

    expect(getTenantStatus).toHaveBeenCalledTimes(2);
  });

  it('keeps tenants apart', async () => {
    getTenantStatus.mockImplementation(async tenantId => ({
      ...healthyStatus(),
      tenantId,
    }));

    store.subscribe('acme', jest.fn());
    store.subscribe('globex', jest.fn());
    await settled();

    expect(store.getSnapshot('globex').status?.tenantId).toBe('globex');
    expect(store.getSnapshot('acme').status?.tenantId).toBe('acme');
  });
});
