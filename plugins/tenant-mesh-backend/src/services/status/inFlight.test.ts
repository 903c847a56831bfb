import { InFlight } from './inFlight';

describe('InFlight', () => {
  it('runs one read for callers that ask while it is out', async () => {
    const inFlight = new InFlight();
    let release!: (value: string) => void;
    const read = jest.fn(
      () => new Promise<string>(resolve => (release = resolve)),
    );

    const first = inFlight.run('list', read);
    const second = inFlight.run('list', read);
    release('rows');

    await expect(Promise.all([first, second])).resolves.toEqual([
      'rows',
      'rows',
    ]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the read is over, even after a failure', async () => {
    const inFlight = new InFlight();
    const read = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('cluster down'))
      .mockResolvedValueOnce('rows');

    await expect(inFlight.run('list', read)).rejects.toThrow('cluster down');
    await expect(inFlight.run('list', read)).resolves.toBe('rows');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart', async () => {
    const inFlight = new InFlight();
    const read = jest.fn(async () => 'x');

    await Promise.all([inFlight.run('a', read), inFlight.run('b', read)]);

    expect(read).toHaveBeenCalledTimes(2);
  });
});
