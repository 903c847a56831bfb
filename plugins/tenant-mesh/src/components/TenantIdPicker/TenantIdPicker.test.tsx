import { useState } from 'react';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TenantAvailability, TenantMeshApi, tenantMeshApiRef } from '../../api';
import { problemSentence } from './problemSentence';
import { tenantIdFormatProblem } from './tenantIdFormat';
import { TenantIdPicker } from './TenantIdPicker';
import { AVAILABILITY_DEBOUNCE_MS } from './useTenantAvailability';

function availability(
  tenantId: string,
  problems: TenantAvailability['problems'] = [],
): TenantAvailability {
  return {
    tenantId,
    available: problems.length === 0,
    problems,
    suggestedHost: `${tenantId}.example.com`,
  };
}

/** The field as the scaffolder form holds it: the value lives outside. */
function Form(props: { rawErrors?: string[] }) {
  const [tenantId, setTenantId] = useState<string>();
  return (
    <TenantIdPicker
      formData={tenantId}
      onChange={setTenantId}
      schema={{ title: 'Tenant id', description: 'e.g. acme' }}
      uiSchema={{}}
      rawErrors={props.rawErrors ?? []}
      required
      idSchema={{ $id: 'root_tenantId' }}
      disabled={false}
    />
  );
}

describe('TenantIdPicker', () => {
  let api: jest.Mocked<TenantMeshApi>;

  beforeEach(() => {
    jest.useFakeTimers();
    api = {
      checkAvailability: jest.fn(),
      getTenantStatus: jest.fn(),
      listTenants: jest.fn(),
    };
  });

  afterEach(() => jest.useRealTimers());

  async function typeId(text: string, rawErrors?: string[]) {
    renderInTestApp(<Form rawErrors={rawErrors} />, {
      apis: [[tenantMeshApiRef, api]],
    });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.type(screen.getByRole('textbox', { name: /tenant id/i }), text);
    await act(async () => {
      jest.advanceTimersByTime(AVAILABILITY_DEBOUNCE_MS);
    });
  }

  it('shows a format problem at once, without asking the backend', async () => {
    await typeId('Acme');

    expect(
      screen.getByText(/^Acme must be a lowercase DNS label/),
    ).toBeInTheDocument();
    expect(api.checkAvailability).not.toHaveBeenCalled();
  });

  it('asks once the user pauses, and shows why a taken id is taken', async () => {
    api.checkAvailability.mockResolvedValue(
      availability('acme', [
        {
          field: 'tenantId',
          rule: 'taken',
          message: 'is taken by the catalog entity resource:default/acme',
        },
      ]),
    );

    await typeId('acme');

    expect(
      await screen.findByText(
        'acme is taken by the catalog entity resource:default/acme.',
      ),
    ).toBeInTheDocument();
    expect(api.checkAvailability.mock.calls).toEqual([['acme']]);
  });

  it('says an available id is available', async () => {
    api.checkAvailability.mockResolvedValue(availability('initech'));

    await typeId('initech');

    expect(
      await screen.findByText('initech is available.'),
    ).toBeInTheDocument();
  });

  it('says so when the check fails', async () => {
    api.checkAvailability.mockRejectedValue(new Error('Service Unavailable'));

    await typeId('initech');

    expect(
      await screen.findByText(
        'Could not check whether initech is available: Service Unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('does not repeat a problem the form already lists under the field', async () => {
    const sentence = problemSentence('ACME', tenantIdFormatProblem('ACME')!);
    await typeId('ACME', [sentence]);

    const field = screen.getByRole('textbox', { name: /tenant id/i });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(sentence)).toBeNull();
  });

  it('still says what the form does not, such as a new id being checked', async () => {
    api.checkAvailability.mockReturnValue(new Promise(() => {}));
    await typeId('initech', ['ACME must be a lowercase DNS label.']);

    expect(
      screen.getByText('Checking whether initech is available…'),
    ).toBeInTheDocument();
  });
});
