import { ReactNode } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  StatusSection,
  TenantStatus,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { LoadError } from './LoadError';
import { NoRecord, noRecordMessage } from './NoRecord';
import { StateLabel } from './StateLabel';
import { tenantIdOf } from './tenantEntity';
import { useTenantStatus } from './useTenantStatus';

/** What one status card shows of the tenant's status. */
export interface StatusCardProps {
  title: string;
  /** Stable hook for browser tests. */
  testId: string;
  /** The part of the status the card is about; its state and reason head the card. */
  section: (status: TenantStatus) => StatusSection;
  children: (status: TenantStatus) => ReactNode;
  /** A link under the card, once the status is known. */
  deepLink?: (
    status: TenantStatus,
  ) => { title: string; link: string } | undefined;
}

function CheckedAt(props: { checkedAt: string }) {
  // One element: the card's subheader is a flex box and would drop the space.
  return (
    <span>
      Checked{' '}
      <time dateTime={props.checkedAt}>
        {new Date(props.checkedAt).toLocaleString()}
      </time>
    </span>
  );
}

/**
 * The frame the routing, auth and pods cards share: the entity's tenant
 * status, a Refresh action, the time of the reads, loading and error states,
 * and the section's state and reason above the card's own content.
 */
export function StatusCard(props: StatusCardProps) {
  const { title, testId, section, children, deepLink } = props;
  const { entity } = useEntity();
  const { loading, status, error, refresh } = useTenantStatus(
    tenantIdOf(entity),
  );

  const refreshButton = (
    <IconButton
      aria-label="Refresh"
      title="Check again"
      onClick={refresh}
      disabled={loading}
    >
      <RefreshIcon />
    </IconButton>
  );

  const noRecord = error ? noRecordMessage(error) : undefined;
  let body: ReactNode = null;
  if (noRecord !== undefined) {
    body = <NoRecord message={noRecord} />;
  } else if (error && !status) {
    body = <LoadError error={error} />;
  } else if (status) {
    const { state, reason } = section(status);
    body = (
      <>
        {/* A failed refresh: the error, then the last answer, whose time the header shows. */}
        {error && (
          <Box mb={2}>
            <LoadError error={error} />
          </Box>
        )}
        <Box display="flex" alignItems="baseline" mb={1} data-section-state>
          <Box minWidth={96}>
            <StateLabel state={state} />
          </Box>
          <Typography variant="body2">{reason}</Typography>
        </Box>
        {children(status)}
      </>
    );
  }

  return (
    <Box data-testid={testId} height="100%">
      <InfoCard
        title={title}
        subheader={status && <CheckedAt checkedAt={status.checkedAt} />}
        action={refreshButton}
        deepLink={status && deepLink?.(status)}
        variant="gridItem"
      >
        {loading && <Progress />}
        {body}
      </InfoCard>
    </Box>
  );
}
