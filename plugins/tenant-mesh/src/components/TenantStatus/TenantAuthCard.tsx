import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { CheckList, reasonsAbove } from './CheckList';
import { StatusCard } from './StatusCard';

/** The check the backend leaves out when no login probe is configured. */
const LOGIN_PROBE = 'login-probe';

/**
 * Auth of the entity's tenant: user pool, app client, hosted-UI domain, the
 * issuer's discovery, the login probe, the extension provider, oauth2-proxy
 * and its Secret, in the backend's order.
 *
 * @public
 */
export function TenantAuthCard() {
  return (
    <StatusCard
      title="Auth status"
      testId="tenant-mesh-auth-card"
      section={status => status.auth}
      deepLink={status =>
        status.auth.hostedUiUrl
          ? { title: 'Open the hosted UI', link: status.auth.hostedUiUrl }
          : undefined
      }
    >
      {status => (
        <>
          <CheckList
            title="Login"
            checks={status.auth.checks}
            emptyText="Nothing of the tenant's login was checked."
            shownAbove={reasonsAbove(status.auth)}
          />
          {!status.auth.checks.some(c => c.id === LOGIN_PROBE) && (
            <List dense>
              <ListItem data-check={LOGIN_PROBE}>
                <ListItemText secondary="Login probe: not configured" />
              </ListItem>
            </List>
          )}
        </>
      )}
    </StatusCard>
  );
}
