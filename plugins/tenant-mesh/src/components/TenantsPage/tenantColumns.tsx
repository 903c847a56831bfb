import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CheckState,
  TenantSummary,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { StateLabel } from '../TenantStatus/StateLabel';

// Sorting by severity, not by the words, puts the tenants in trouble together.
const SEVERITY: Record<CheckState, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

function stateColumn(
  title: string,
  field: 'state' | 'routing' | 'auth' | 'pods',
): TableColumn<TenantSummary> {
  return {
    title,
    field,
    // Wide enough for "Unknown" and its icon on one line; the Reason column
    // takes the room that is left.
    width: '130px',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <StateLabel state={row[field]} />,
    customSort: (a, b) => SEVERITY[a[field]] - SEVERITY[b[field]],
  };
}

/** The columns of the tenants table; the State column is the one filtered on. */
export const tenantColumns: TableColumn<TenantSummary>[] = [
  {
    title: 'Tenant',
    field: 'tenantId',
    highlight: true,
    render: row =>
      row.entityRef ? (
        <EntityRefLink entityRef={row.entityRef} hideIcon>
          {row.tenantId}
        </EntityRefLink>
      ) : (
        row.tenantId
      ),
  },
  { ...stateColumn('State', 'state'), defaultSort: 'desc' },
  // Reasons are sentences; the state columns need little room.
  {
    title: 'Reason',
    field: 'reason',
    width: '35%',
    // material-table shares out widths unevenly; a floor keeps it readable.
    cellStyle: { minWidth: 320 },
  },
  { title: 'Host', field: 'host' },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  stateColumn('Routing', 'routing'),
  stateColumn('Auth', 'auth'),
  stateColumn('Pods', 'pods'),
];
