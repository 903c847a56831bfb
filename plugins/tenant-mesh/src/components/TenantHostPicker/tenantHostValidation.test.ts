import { TestApiRegistry } from '@backstage/test-utils';
import { tenantMeshApiRef } from '../../api';
import { tenantHostValidation } from './tenantHostValidation';

describe('tenantHostValidation', () => {
  const api = { checkAvailability: jest.fn() };
  const apiHolder = TestApiRegistry.from([tenantMeshApiRef, api]);

  async function errorsOf(host: string, tenantId = 'initech') {
    const errors: string[] = [];
    await tenantHostValidation(
      host,
      { addError: message => errors.push(message) },
      { apiHolder, formData: { tenantId, host }, schema: {} },
    );
    return errors;
  }

  beforeEach(() => api.checkAvailability.mockReset());

  it('refuses a host another tenant owns, checking it with the id', async () => {
    api.checkAvailability.mockResolvedValue({
      tenantId: 'initech',
      available: true,
      problems: [
        {
          field: 'host',
          rule: 'host-taken',
          message: 'acme.example.com already belongs to tenant acme',
        },
      ],
      suggestedHost: 'initech.example.com',
    });

    expect(await errorsOf('acme.example.com')).toEqual([
      'The host acme.example.com already belongs to tenant acme.',
    ]);
    expect(api.checkAvailability).toHaveBeenCalledWith(
      'initech',
      'acme.example.com',
    );
  });

  it('leaves problems of the id to the id field', async () => {
    api.checkAvailability.mockResolvedValue({
      tenantId: 'initech',
      available: false,
      problems: [{ field: 'tenantId', rule: 'taken', message: 'is taken' }],
      suggestedHost: 'initech.example.com',
    });

    expect(await errorsOf('initech.example.com')).toEqual([]);
  });

  it('asks nothing while the id is malformed', async () => {
    expect(await errorsOf('x.example.com', 'Bad_Id')).toEqual([]);
    expect(api.checkAvailability).not.toHaveBeenCalled();
  });
});
