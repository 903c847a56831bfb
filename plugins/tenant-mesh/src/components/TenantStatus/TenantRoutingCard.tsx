import { CheckList, reasonsAbove } from './CheckList';
import { LintFindings } from './LintFindings';
import { StatusCard } from './StatusCard';

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
      {({ routing, lint }) => (
        <>
          <CheckList
            title="Request path"
            checks={routing.path}
            emptyText="No hop of the request path was checked."
            ordered
            shownAbove={reasonsAbove(routing)}
          />
          <CheckList
            title="Authorizer path"
            checks={routing.authorizer}
            emptyText="No hop of the authorizer path was checked."
            ordered
            shownAbove={reasonsAbove(routing, routing.path)}
          />
          <CheckList
            title="Against the plan"
            checks={routing.plan}
            emptyText="Nothing was compared with the plan."
            shownAbove={reasonsAbove(routing, routing.path, routing.authorizer)}
          />
          <LintFindings findings={lint.findings} />
        </>
      )}
    </StatusCard>
  );
}
