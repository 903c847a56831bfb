import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  TenantHostPicker,
  tenantHostValidation,
} from './components/TenantHostPicker';
import {
  TenantIdPicker,
  tenantIdValidation,
} from './components/TenantIdPicker';

const stringField = makeFieldSchema({ output: z => z.string() });

/** `ui:field: TenantIdPicker`: the tenant id, checked as the user types. */
export const tenantIdPickerField = FormFieldBlueprint.make({
  name: 'tenant-id-picker',
  params: {
    field: async () =>
      createFormField({
        name: 'TenantIdPicker',
        component: TenantIdPicker,
        validation: tenantIdValidation,
        schema: stringField,
      }),
  },
});

/** `ui:field: TenantHostPicker`: the host, prefilled from the tenant id. */
export const tenantHostPickerField = FormFieldBlueprint.make({
  name: 'tenant-host-picker',
  params: {
    field: async () =>
      createFormField({
        name: 'TenantHostPicker',
        component: TenantHostPicker,
        validation: tenantHostValidation,
        schema: stringField,
      }),
  },
});

/**
 * The form fields of Create Tenant, added to the scaffolder (new frontend
 * system).
 *
 * @alpha
 */
export const tenantMeshScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [tenantIdPickerField, tenantHostPickerField],
});
