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
 * One namespace: ready pods, restarts, then the pods in trouble, worst first.
 * Without a cluster the counts were never read, so only the name is shown.
 */
function NamespaceSummary(props: { pods: NamespacePods; counted: boolean }) {
  const { namespace, ready, total, restarts, troubled } = props.pods;
  const classes = useStyles();
  return (
    <Box mt={1} data-namespace={namespace}>
      <Typography variant="subtitle2">{namespace}</Typography>
      <Typography
        variant="body2"
        color={props.counted ? 'initial' : 'textSecondary'}
      >
        {props.counted
          ? `${ready}/${total} ready, ${plural(restarts, 'restart')}`
          : 'Not read: no cluster configured'}
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
            <NamespaceSummary
              key={pods.namespace}
              pods={pods}
              counted={status.cluster.configured}
            />
          ))
        )
      }
    </StatusCard>
  );
}
