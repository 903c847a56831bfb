import { parseServerSentEvent, plainMessage } from './scaffolderClient';

describe('plainMessage', () => {
  it('drops colour codes and the stack trace of a failed step', () => {
    const esc = String.fromCharCode(27);
    const message = [
      `${esc}[32minfo${esc}[39m: InputError: Invalid tenant:`,
      'host: acme.example.com already belongs to tenant acme',
      '    at assertValidTenant (/x/validation.ts:229:11)',
      '    at async Object.handler (/x/plan.ts:91:31)',
    ].join('\n');

    expect(plainMessage(message)).toBe(
      'info: InputError: Invalid tenant:\nhost: acme.example.com already belongs to tenant acme',
    );
  });
});

describe('parseServerSentEvent', () => {
  it('reads the data lines of one event', () => {
    expect(
      parseServerSentEvent(
        'event: log\ndata: {"type":"log","body":{"message":"hi","stepId":"plan"}}',
      ),
    ).toEqual({ type: 'log', body: { message: 'hi', stepId: 'plan' } });
  });

  it('ignores a block without data, such as a comment', () => {
    expect(parseServerSentEvent(': keep-alive')).toBeUndefined();
  });
});
