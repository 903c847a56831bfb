import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { StatusCheck } from '@tenant-mesh/plugin-tenant-mesh-common';
import { StateLabel } from './StateLabel';

// The portal's theme keeps list text on one line; reasons are sentences.
const useStyles = makeStyles({
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

/** The reason, then the object checked and the links a person can follow. */
function CheckDetails(props: { check: StatusCheck; sharedReason?: string }) {
  const { check, sharedReason } = props;
  return (
    <>
      {check.reason !== sharedReason && (
        <Typography component="span" variant="body2" display="block">
          {check.reason}
        </Typography>
      )}
      {/* Often the title already names the object. */}
      {check.object && !check.title.includes(check.object) && (
        <Typography component="span" variant="caption" display="block">
          {check.object}
        </Typography>
      )}
      {check.links?.map(link => (
        <Box component="span" display="block" key={link.url}>
          <Link to={link.url}>{link.title}</Link>
        </Box>
      ))}
    </>
  );
}

/**
 * Checks in the order the backend gives them (for routing, the order of the
 * hops), each with its state, title and reason.
 */
export function CheckList(props: {
  title: string;
  checks: StatusCheck[];
  /** Shown when the backend checked nothing in this list. */
  emptyText: string;
  /** Numbered, for a path whose order matters. */
  ordered?: boolean;
  /**
   * A reason the card already shows at its top (e.g. no cluster
   * configured); checks with that reason do not repeat it.
   */
  sharedReason?: string;
}) {
  const { title, checks, emptyText, ordered, sharedReason } = props;
  const classes = useStyles();
  return (
    <List
      dense
      component={ordered ? 'ol' : 'ul'}
      aria-label={title}
      subheader={<ListSubheader disableSticky>{title}</ListSubheader>}
    >
      {checks.length === 0 && (
        <ListItem>
          <ListItemText secondary={emptyText} />
        </ListItem>
      )}
      {checks.map(check => (
        <ListItem key={check.id} alignItems="flex-start" data-check={check.id}>
          <Box minWidth={96} pt={0.75}>
            <StateLabel state={check.state} />
          </Box>
          <ListItemText
            className={classes.text}
            primary={check.title}
            secondary={
              <CheckDetails check={check} sharedReason={sharedReason} />
            }
            secondaryTypographyProps={{ component: 'div' }}
          />
        </ListItem>
      ))}
    </List>
  );
}
