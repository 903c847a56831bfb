import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import { CheckList } from './CheckList';
import { StatusCard } from './StatusCard';

/**
 * Without a cluster every hop is unknown for the one reason the card shows
 * on top; repeating it on each hop hides the hops' names.
 */
function noClusterReason(status: TenantStatus): string | undefined {
  return status.cluster.configured ? undefined : status.routing.reason;
}

/**
 * Mesh routing of the entity's tenant: the request path (host → gateway →
 * VirtualService → service) and the authorizer path (policy → central Envoy
 * → oauth2-proxy), hop by hop.
 *
 * @public
 */
export function TenantRoutingCard() {
  return (
    <StatusCard
      title="Mesh routing"
      testId="tenant-mesh-routing-card"
      section={status => status.routing}
    >
      {status => (
        <>
          <CheckList
            title="Request path"
            checks={status.routing.path}
            emptyText="No hop of the request path was checked."
            ordered
            sharedReason={noClusterReason(status)}
          />
          <CheckList
            title="Authorizer path"
            checks={status.routing.authorizer}
            emptyText="No hop of the authorizer path was checked."
            ordered
            sharedReason={noClusterReason(status)}
          />
        </>
      )}
    </StatusCard>
  );
}
