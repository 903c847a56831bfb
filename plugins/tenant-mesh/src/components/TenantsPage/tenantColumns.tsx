import { Fragment } from 'react';
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

/**
 * Narrower padding than the theme's (20px and 16px) keeps a state column at
 * about 100px: "Unknown" with its icon, or a header with its sort arrow.
 */
const STATE_PADDING = { paddingLeft: 12, paddingRight: 8 };

function stateColumn(title: string, field: StateField): TableColumn<TenantRow> {
  return {
    title,
    field,
    width: '108px',
    headerStyle: { ...STATE_PADDING },
    cellStyle: { ...STATE_PADDING, whiteSpace: 'nowrap' },
    render: row => <StateLabel state={row[field]} />,
    // Sorting by severity, not by the words, puts the tenants in trouble
    // together.
    customSort: (a, b) => stateRank(a[field]) - stateRank(b[field]),
  };
}

/**
 * The theme breaks words anywhere in table cells (`word-break: break-word`);
 * names and sentences wrap between words, and break inside one only when it
 * is longer than its column (a config key, a long host).
 */
const WRAP_WORDS = {
  whiteSpace: 'normal',
  wordBreak: 'normal',
  overflowWrap: 'break-word',
} as const;

/** A host that may wrap after each dot, between its labels. */
function WrappingHost(props: { host: string }) {
  const labels = props.host.split('.');
  return (
    <>
      {labels.map((label, index) => (
        // The labels of a host are its stable parts.
        // eslint-disable-next-line react/no-array-index-key
        <Fragment key={index}>
          {label}
          {index < labels.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

/**
 * The columns of the tenants table, for a table of fixed layout: the state
 * columns are compact, names take a share of the width and wrap, and the
 * reason, the sentence to read, takes what is left. The State column is the
 * one filtered on.
 */
export const tenantColumns: TableColumn<TenantRow>[] = [
  {
    title: 'Tenant',
    field: 'tenantId',
    highlight: true,
    width: '10%',
    cellStyle: { ...WRAP_WORDS },
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
  {
    title: 'Host',
    field: 'host',
    width: '14%',
    cellStyle: { ...WRAP_WORDS },
    render: row => <WrappingHost host={row.host} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    width: '10%',
    cellStyle: { ...WRAP_WORDS },
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
    // The rest of the width: a fixed layout gives it to the one auto column.
    width: 'auto',
    // The theme's line height of 1 suits one-line cells, not sentences.
    cellStyle: { ...WRAP_WORDS, lineHeight: 1.43 },
  },
];
