import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  StatusCheck,
  StatusSection,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { StateLabel } from './StateLabel';

// The portal's theme keeps list text on one line; reasons are sentences.
const useStyles = makeStyles({
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

/** The longest lead of a reason the short form keeps, e.g. "No cluster configured". */
const LEAD_LIMIT = 60;

/**
 * A reason the card already shows above, in a few words: its lead (the part
 * before the first colon, e.g. "No cluster configured") when it has a short
 * one, and where to read the rest.
 */
function shortReason(reason: string): string {
  const colon = reason.indexOf(': ');
  return colon > 0 && colon <= LEAD_LIMIT
    ? `${reason.slice(0, colon)} (see above)`
    : 'Same as above';
}

/**
 * The reasons a card shows above a list: its section's, then those of the
 * lists before it.
 */
export function reasonsAbove(
  section: StatusSection,
  ...lists: StatusCheck[][]
): string[] {
  return [section.reason, ...lists.flat().map(check => check.reason)];
}

/** The reason, then the object checked and the links a person can follow. */
function CheckDetails(props: { check: StatusCheck; repeated: boolean }) {
  const { check, repeated } = props;
  return (
    <>
      <Typography component="span" variant="body2" display="block">
        {repeated ? shortReason(check.reason) : check.reason}
      </Typography>
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
 * Whether each check repeats a reason shown above it in the card. A failing
 * check keeps its reason in full: it says what to fix, beside what to fix.
 */
function repeatedReasons(
  checks: StatusCheck[],
  shownAbove: readonly string[],
): boolean[] {
  const shown = new Set(shownAbove);
  return checks.map(check => {
    const repeated =
      shown.has(check.reason) &&
      check.state !== 'error' &&
      check.state !== 'warning';
    shown.add(check.reason);
    return repeated;
  });
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
   * Reasons the card already shows above the list (see {@link reasonsAbove}),
   * e.g. "No cluster configured: …"; checks with one of them, or with the
   * reason of a check before them, say it in a few words.
   */
  shownAbove?: readonly string[];
}) {
  const { title, checks, emptyText, ordered, shownAbove = [] } = props;
  const classes = useStyles();
  const repeated = repeatedReasons(checks, shownAbove);
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
      {checks.map((check, index) => (
        <ListItem key={check.id} alignItems="flex-start" data-check={check.id}>
          <Box minWidth={96} pt={0.75}>
            <StateLabel state={check.state} />
          </Box>
          <ListItemText
            className={classes.text}
            primary={check.title}
            secondary={
              <CheckDetails check={check} repeated={repeated[index]} />
            }
            secondaryTypographyProps={{ component: 'div' }}
          />
        </ListItem>
      ))}
    </List>
  );
}
