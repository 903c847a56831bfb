import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { tenantMeshApiRef } from '../../api';
import { tenantColumns } from './tenantColumns';

/**
 * Every recorded tenant with its state and the state of its routing, auth
 * and pods, searchable, sortable and filterable by state.
 *
 * @public
 */
export function TenantsTable() {
  const api = useApi(tenantMeshApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listTenants(),
    [api],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const subtitle = value
    ? `Checked ${new Date(value.checkedAt).toLocaleString()}${
        value.cluster.configured ? '' : '; no cluster configured'
      }`
    : undefined;

  return (
    <Table
      title="Tenants"
      subtitle={subtitle}
      columns={tenantColumns}
      data={value?.items ?? []}
      isLoading={loading}
      options={{ search: true, sorting: true, paging: false }}
      filters={[{ column: 'State', type: 'multiple-select' }]}
      actions={[
        {
          icon: () => <RefreshIcon />,
          tooltip: 'Refresh',
          isFreeAction: true,
          onClick: () => retry(),
        },
      ]}
      emptyContent={
        <EmptyState
          missing="data"
          title="No tenants yet"
          description="Tenants appear here once they are onboarded with the Create Tenant template."
        />
      }
    />
  );
}
