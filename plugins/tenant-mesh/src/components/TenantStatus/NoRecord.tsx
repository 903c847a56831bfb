import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { backendMessage } from './LoadError';

/**
 * The backend's message when the status route answered NotFoundError: Tenant Mesh has
 * no record of the tenant (e.g. its record was removed, or it was onboarded
 * by other means). Undefined for any other error.
 */
export function noRecordMessage(error: Error): string | undefined {
  // Only the plugin's own NotFoundError: a 404 from a proxy, or from a
  // backend without the plugin, says nothing about the tenant.
  if (
    !(error instanceof ResponseError) ||
    error.statusCode !== 404 ||
    error.body?.error?.name !== 'NotFoundError'
  ) {
    return undefined;
  }
  return backendMessage(error);
}

/**
 * An entity without a record is not broken, only unknown to Tenant Mesh: an
 * empty state, not a red error panel in each card.
 */
export function NoRecord(props: { message: string }) {
  return (
    <Box data-no-record>
      <Typography variant="subtitle1">
        Tenant Mesh has no record of this tenant
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.message}
      </Typography>
    </Box>
  );
}
