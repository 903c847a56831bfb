import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
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
  // The first load may take the backend's cached rows; a person who clicks
  // Refresh wants the cluster as it is now.
  const [refreshes, setRefreshes] = useState(0);
  const { value, loading, error } = useAsync(
    () => api.listTenants({ fresh: refreshes > 0 }),
    [api, refreshes],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  // The list reads the cluster only; the Auth column leaves Cognito out.
  const subtitle = value
    ? `Checked ${new Date(value.checkedAt).toLocaleString()}${
        value.cluster.configured ? '' : '; no cluster configured'
      }. Cognito is checked on each tenant's page.`
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
          onClick: () => setRefreshes(count => count + 1),
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
