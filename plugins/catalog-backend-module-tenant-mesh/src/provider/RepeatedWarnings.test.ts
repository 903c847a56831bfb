import { mockServices } from '@backstage/backend-test-utils';
import { RepeatedWarnings } from './RepeatedWarnings';

describe('RepeatedWarnings', () => {
  it('warns once while a problem lasts, and again when it comes back', () => {
    const logger = mockServices.logger.mock();
    const warnings = new RepeatedWarnings(logger);
    const run = (keys: string[]) => {
      keys.forEach(key => warnings.warn(key, 'Broken', { key }));
      warnings.endRun();
    };

    run(['a']);
    run(['a', 'b']);
    run(['b']);
    run(['a']);

    expect(logger.warn.mock.calls).toEqual([
      ['Broken', { key: 'a' }],
      ['Broken', { key: 'b' }],
      ['Broken', { key: 'a' }],
    ]);
  });
});
