import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { CheckState } from '@tenant-mesh/plugin-tenant-mesh-common';

const ICONS: Record<CheckState, () => JSX.Element> = {
  ok: () => <StatusOK />,
  warning: () => <StatusWarning />,
  error: () => <StatusError />,
  // Grey, not red: unknown means "could not be checked", never "broken".
  unknown: () => <StatusAborted />,
};

/** The word shown for a state, in every card and table. */
export const STATE_WORDS: Record<CheckState, string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  unknown: 'Unknown',
};

/**
 * A state as icon and word. The core Status components hide themselves from
 * screen readers, so the word sits beside the icon, not inside it.
 */
export function StateLabel(props: { state: CheckState }) {
  const Icon = ICONS[props.state];
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="baseline"
      data-state={props.state}
    >
      <Icon />
      <span>{STATE_WORDS[props.state]}</span>
    </Box>
  );
}
