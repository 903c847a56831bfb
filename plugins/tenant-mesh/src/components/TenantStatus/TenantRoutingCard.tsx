import { TenantStatus } from '@tenant-mesh/plugin-tenant-mesh-common';
import { CheckList } from './CheckList';
import { LintFindings } from './LintFindings';
import { StatusCard } from './StatusCard';

/**
 * When routing is unknown (no cluster configured, or the cluster did not
 * answer) its checks mostly share the one reason the card shows on top;
 * repeating it on each hop hides the hops' names. A failing hop always
 * keeps its reason: then the section is not unknown.
 */
function unknownReason(status: TenantStatus): string | undefined {
  return status.routing.state === 'unknown' ? status.routing.reason : undefined;
}

/**
 * Mesh routing of the entity's tenant: the request path (host → gateway →
 * VirtualService → service), the authorizer path (policies → central Envoy
 * → oauth2-proxy), hop by hop, and how what is delivered agrees with the
 * plan, with the lint's findings.
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
            sharedReason={unknownReason(status)}
          />
          <CheckList
            title="Authorizer path"
            checks={status.routing.authorizer}
            emptyText="No hop of the authorizer path was checked."
            ordered
            sharedReason={unknownReason(status)}
          />
          <CheckList
            title="Against the plan"
            checks={status.routing.plan}
            emptyText="Nothing was compared with the plan."
            sharedReason={unknownReason(status)}
          />
          <LintFindings findings={status.lint.findings} />
        </>
      )}
    </StatusCard>
  );
}
