import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TenantHostPicker } from './TenantHostPicker';

/** A form with a plain id input and the host field, which reads the id from the form context. */
function Form() {
  const [tenantId, setTenantId] = useState('');
  const [host, setHost] = useState<string>();
  return (
    <>
      <input
        aria-label="Tenant id"
        value={tenantId}
        onChange={event => setTenantId(event.target.value)}
      />
      <TenantHostPicker
        formData={host}
        formContext={{ formData: { tenantId, host } }}
        onChange={setHost}
        schema={{ title: 'Host' }}
        uiSchema={{}}
        rawErrors={[]}
        required
        idSchema={{ $id: 'root_host' }}
        disabled={false}
      />
    </>
  );
}

describe('TenantHostPicker', () => {
  async function renderForm() {
    renderInTestApp(<Form />, {
      config: { tenantMesh: { baseDomains: ['example.com', 'example.org'] } },
    });
    return {
      user: userEvent.setup(),
      id: screen.getByRole('textbox', { name: 'Tenant id' }),
      host: screen.getByRole('textbox', { name: /host/i }),
    };
  }

  it('prefills the host from the id and the first base domain', async () => {
    const { user, id, host } = await renderForm();

    await user.type(id, 'acme');
    expect(host).toHaveValue('acme.example.com');

    await user.type(id, '-shop');
    expect(host).toHaveValue('acme-shop.example.com');
  });

  it('prefills the lowercase host of an id typed with capitals', async () => {
    const { user, id, host } = await renderForm();

    await user.type(id, 'Initech');

    expect(host).toHaveValue('initech.example.com');
  });

  it('prefills nothing for an id that cannot be one, even lowercased', async () => {
    const { user, id, host } = await renderForm();

    await user.type(id, 'init_tech');
    expect(host).toHaveValue('');

    await user.clear(id);
    await user.type(id, 'acme');
    expect(host).toHaveValue('acme.example.com');
  });

  it('keeps a host the user wrote when the id changes', async () => {
    const { user, id, host } = await renderForm();
    await user.type(id, 'acme');

    await user.clear(host);
    await user.type(host, 'shop.example.org');
    await user.type(id, 'corp');

    expect(host).toHaveValue('shop.example.org');
  });
});
