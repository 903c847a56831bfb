import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { tenantMeshApiRef } from '../../api';
import { tenantColumns, tenantRows } from './tenantColumns';

/** Room for the names, four state columns and a readable reason. */
const TABLE_MIN_WIDTH = 1000;

/**
 * Every recorded tenant with its state and the state of its routing, auth
 * and pods, searchable, sortable and filterable by state; above it, why
 * tenants may be missing, when the backend says so.
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

  // A new array on every render would make the table redo its rows.
  const rows = useMemo(() => tenantRows(value?.items ?? []), [value]);

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
    <>
      {value?.incomplete && (
        <Box mb={2}>
          <WarningPanel
            severity="info"
            title="Some tenants may be missing"
            message={value.incomplete}
            defaultExpanded
          />
        </Box>
      )}
      {/* Below its minimum width the table scrolls sideways, rather than
          squeezing the reason to a few letters a line. */}
      <Box overflow="auto">
        <Box minWidth={TABLE_MIN_WIDTH}>
          <Table
            title="Tenants"
            subtitle={subtitle}
            columns={tenantColumns}
            data={rows}
            isLoading={loading}
            options={{
              search: true,
              sorting: true,
              paging: false,
              // The columns' widths, not their longest words, set the layout,
              // so the table fits its card and the reason gets the rest.
              tableLayout: 'fixed',
            }}
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
        </Box>
      </Box>
    </>
  );
}
