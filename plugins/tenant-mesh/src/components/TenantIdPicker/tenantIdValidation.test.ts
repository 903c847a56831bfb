import { ApiHolder } from '@backstage/frontend-plugin-api';
import { TenantMeshApi, tenantMeshApiRef } from '../../api';
import { tenantIdValidation } from './tenantIdValidation';

describe('tenantIdValidation', () => {
  const api: jest.Mocked<TenantMeshApi> = {
    checkAvailability: jest.fn(),
    getTenantStatus: jest.fn(),
    listTenants: jest.fn(),
  };
  const apiHolder: ApiHolder = {
    get: ref => (ref.id === tenantMeshApiRef.id ? api : undefined) as never,
  };

  async function errorsOf(tenantId: string): Promise<string[]> {
    const errors: string[] = [];
    const validation: Parameters<typeof tenantIdValidation>[1] = {
      addError: message => {
        errors.push(message);
      },
    };
    await tenantIdValidation(tenantId, validation, {
      apiHolder,
      formData: { tenantId },
      schema: {},
    });
    return errors;
  }

  beforeEach(() => api.checkAvailability.mockReset());

  it('refuses a malformed id without asking the backend', async () => {
    expect(await errorsOf('Acme')).toEqual([
      expect.stringMatching(/^Acme must be a lowercase DNS label/),
    ]);
    expect(api.checkAvailability).not.toHaveBeenCalled();
  });

  it('refuses an id with problems, one error each', async () => {
    api.checkAvailability.mockResolvedValue({
      tenantId: 'acme',
      available: false,
      problems: [
        { field: 'tenantId', rule: 'taken', message: 'is taken by x' },
        { field: 'tenantId', rule: 'max-length', message: 'is too long' },
      ],
      suggestedHost: 'acme.example.com',
    });

    expect(await errorsOf('acme')).toEqual([
      'acme is taken by x.',
      'acme is too long.',
    ]);
  });

  it('accepts an available id', async () => {
    api.checkAvailability.mockResolvedValue({
      tenantId: 'initech',
      available: true,
      problems: [],
      suggestedHost: 'initech.example.com',
    });

    expect(await errorsOf('initech')).toEqual([]);
  });

  it('refuses an id it could not check', async () => {
    api.checkAvailability.mockRejectedValue(new Error('Forbidden'));

    expect(await errorsOf('initech')).toEqual([
      'Could not check whether initech is available: Forbidden',
    ]);
  });
});
