import { commitMessage } from './commitMessage';

describe('commitMessage', () => {
  it('lists the paths of each kind of change, sorted', () => {
    expect(
      commitMessage('Update tenant acme ', {
        added: ['b', 'a'],
        modified: [],
        removed: ['c'],
      }),
    ).toBe('Update tenant acme\n\nAdded:\n  a\n  b\n\nRemoved:\n  c\n');
  });
});
