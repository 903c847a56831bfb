import { Content, Header, Page } from '@backstage/core-components';
import { TenantsTable } from './TenantsTable';

/**
 * The tenants overview as a page of its own, with a header, for the legacy
 * frontend system; the new system's page header comes from the app.
 *
 * @public
 */
export function TenantsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Tenants"
        subtitle="Every tenant of the mesh and its state"
      />
      <Content>
        <TenantsTable />
      </Content>
    </Page>
  );
}
