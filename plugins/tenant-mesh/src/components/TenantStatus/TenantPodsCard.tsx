import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { NamespacePods } from '@tenant-mesh/plugin-tenant-mesh-common';
import { StatusCard } from './StatusCard';

// The portal's theme keeps list text on one line; messages are sentences.
const useStyles = makeStyles({
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Ready of total and restarts; undefined when the pods were not read (no
 * cluster, or the cluster did not answer), which a 0 must never stand for.
 */
function countsOf(pods: NamespacePods): string | undefined {
  const { ready, total, restarts } = pods;
  if (total === undefined) {
    return undefined;
  }
  // The backend sets the three counts together.
  return `${ready ?? 0}/${total} ready, ${plural(restarts ?? 0, 'restart')}`;
}

/**
 * One namespace: ready pods, restarts, then the pods in trouble, worst first.
 * Unread counts say only "Not read": why is on top of the card.
 */
function NamespaceSummary(props: { pods: NamespacePods }) {
  const { namespace, troubled } = props.pods;
  const counts = countsOf(props.pods);
  const classes = useStyles();
  return (
    <Box mt={1} data-namespace={namespace}>
      <Typography variant="subtitle2">{namespace}</Typography>
      <Typography variant="body2" color={counts ? 'initial' : 'textSecondary'}>
        {counts ?? 'Not read'}
      </Typography>
      {troubled.length > 0 && (
        <List dense aria-label={`Pods in trouble in ${namespace}`}>
          {troubled.map(pod => (
            <ListItem key={pod.name} alignItems="flex-start">
              <ListItemText
                className={classes.text}
                primary={`${pod.name}: ${pod.reason}`}
                secondary={`${pod.phase}, ${plural(pod.restarts, 'restart')}. ${
                  pod.message
                }`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

/**
 * Pods of the entity's tenant, per namespace: ready of total, restarts, and
 * the pods in trouble with their reason and message.
 *
 * @public
 */
export function TenantPodsCard() {
  return (
    <StatusCard
      title="Pod health"
      testId="tenant-mesh-pods-card"
      section={status => status.pods}
    >
      {status =>
        status.pods.namespaces.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No pods to show.
          </Typography>
        ) : (
          status.pods.namespaces.map(pods => (
            <NamespaceSummary key={pods.namespace} pods={pods} />
          ))
        )
      }
    </StatusCard>
  );
}
