import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LintFinding } from '@tenant-mesh/plugin-tenant-mesh-common';
import { StateLabel } from './StateLabel';

// The portal's theme keeps list text on one line; messages are sentences.
const useStyles = makeStyles({
  text: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

/**
 * The lint's findings, in the backend's order: each with its level, the
 * object it is about, what is wrong and, when known, the setting to change.
 * Nothing at all when the lint found nothing: its check already says so.
 */
export function LintFindings(props: { findings: LintFinding[] }) {
  const classes = useStyles();
  if (props.findings.length === 0) {
    return null;
  }
  return (
    <List dense aria-label="Lint findings">
      {props.findings.map((finding, index) => (
        <ListItem
          // Two findings may share object and message; the order is stable.
          key={`${index}:${finding.object}`}
          alignItems="flex-start"
          data-finding={finding.object}
        >
          <Box minWidth={96} pt={0.75}>
            <StateLabel state={finding.level} />
          </Box>
          <ListItemText
            className={classes.text}
            primary={finding.object}
            secondary={
              <>
                <Typography component="span" variant="body2" display="block">
                  {finding.message}
                </Typography>
                {finding.fix && (
                  <Typography
                    component="span"
                    variant="caption"
                    display="block"
                  >
                    Fix: {finding.fix}
                  </Typography>
                )}
              </>
            }
            secondaryTypographyProps={{ component: 'div' }}
          />
        </ListItem>
      ))}
    </List>
  );
}
