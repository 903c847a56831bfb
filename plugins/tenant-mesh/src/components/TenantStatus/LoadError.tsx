import { StatusError } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/**
 * What the backend said, for a person: the message of its error body (e.g.
 * "Not allowed: tenant-mesh.tenant.read"), not the client's "Request failed
 * with 403 Forbidden"; the error's own message when there is no body (the
 * request never reached the backend).
 */
export function backendMessage(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body.error.message || error.message;
  }
  return error.message;
}

/** The HTTP status of an error answer, e.g. `403 Forbidden`. */
function answerOf(error: Error): string | undefined {
  if (!(error instanceof ResponseError)) {
    return undefined;
  }
  const { statusCode, statusText } = error;
  return statusText ? `${statusCode} ${statusText}` : String(statusCode);
}

/**
 * A status that could not be loaded: the backend's message in a few lines,
 * not an error panel with the message folded away, since each of the cards
 * shows it. The card's Refresh tries again.
 */
export function LoadError(props: { error: Error }) {
  const { error } = props;
  const answer = answerOf(error);
  return (
    <Box data-load-error>
      {/* The core Status icon hides itself from screen readers: the words sit beside it. */}
      <Box display="flex" alignItems="baseline">
        <StatusError />
        <Typography variant="subtitle1">Could not load the status</Typography>
      </Box>
      <Typography variant="body2">{backendMessage(error)}</Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {answer ? `The backend answered ${answer}. ` : ''}Refresh to try again.
      </Typography>
    </Box>
  );
}
