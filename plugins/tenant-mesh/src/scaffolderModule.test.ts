import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import alphaFeature from './alpha';
import plugin from './index';
import { tenantHostPickerField, tenantIdPickerField } from './scaffolderModule';

describe('the features the app discovers', () => {
  it('are the tenant-mesh plugin and a module of the scaffolder', () => {
    expect(plugin).toMatchObject({
      $$type: '@backstage/FrontendPlugin',
      pluginId: 'tenant-mesh',
    });
    expect(alphaFeature).toMatchObject({
      $$type: '@backstage/FrontendModule',
      pluginId: 'scaffolder',
    });
  });

  it('give the scaffolder the form fields that template.yaml names', async () => {
    const idField = createExtensionTester(tenantIdPickerField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const hostField = createExtensionTester(tenantHostPickerField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );

    // The name is what `ui:field` refers to.
    expect(await idField()).toMatchObject({ name: 'TenantIdPicker' });
    expect(await hostField()).toMatchObject({ name: 'TenantHostPicker' });
  });
});
