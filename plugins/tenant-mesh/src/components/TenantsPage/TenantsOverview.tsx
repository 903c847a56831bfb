import { Content } from '@backstage/core-components';
import { TenantsTable } from './TenantsTable';

/** The tenants page's content under the header the app draws (new system). */
export function TenantsOverview() {
  return (
    <Content>
      <TenantsTable />
    </Content>
  );
}
