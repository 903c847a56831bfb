import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  stateRank,
  TenantSummary,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { STATE_WORDS, StateLabel } from '../TenantStatus/StateLabel';

/**
 * A row of the tenants table. The table's filter offers the distinct values
 * of the filtered column's field, so the State column filters on the word
 * the cells show, not on the raw `error`.
 */
export interface TenantRow extends TenantSummary {
  stateWord: string;
}

/** The rows of the tenants table, in the backend's order. */
export function tenantRows(items: TenantSummary[]): TenantRow[] {
  return items.map(item => ({ ...item, stateWord: STATE_WORDS[item.state] }));
}

type StateField = 'state' | 'routing' | 'auth' | 'pods';

function stateColumn(title: string, field: StateField): TableColumn<TenantRow> {
  return {
    title,
    field,
    // Wide enough for "Unknown" and its icon on one line.
    width: '120px',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <StateLabel state={row[field]} />,
    // Sorting by severity, not by the words, puts the tenants in trouble
    // together.
    customSort: (a, b) => stateRank(a[field]) - stateRank(b[field]),
  };
}

/**
 * The columns of the tenants table; the State column is the one filtered on.
 * Names and states stay on one line; the reason, a sentence, comes last and
 * takes the room that is left.
 */
export const tenantColumns: TableColumn<TenantRow>[] = [
  {
    title: 'Tenant',
    field: 'tenantId',
    highlight: true,
    cellStyle: { whiteSpace: 'nowrap' },
    render: row =>
      row.entityRef ? (
        <EntityRefLink entityRef={row.entityRef} hideIcon>
          {row.tenantId}
        </EntityRefLink>
      ) : (
        row.tenantId
      ),
  },
  {
    ...stateColumn('State', 'state'),
    field: 'stateWord',
    defaultSort: 'desc',
  },
  { title: 'Host', field: 'host', cellStyle: { whiteSpace: 'nowrap' } },
  {
    title: 'Owner',
    field: 'owner',
    cellStyle: { whiteSpace: 'nowrap' },
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
  {
    title: 'Reason',
    field: 'reason',
    // material-table shares widths out unevenly; a floor keeps it readable.
    cellStyle: { minWidth: 240 },
  },
];
