import { NotFoundError } from '@backstage/errors';
import {
  PlatformSettings,
  planTenant,
  TenantPlan,
  TenantSpec,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  GitRepositoryTarget,
  readTenantRecord,
  readTenantRecords,
  tenantRecordPath,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { problemText } from './deadline';

/** A tenant whose record cannot be read or planned, and why. */
export interface BrokenRecord {
  tenantId: string;
  path: string;
  /** A sentence naming the file, the problem and the fix. */
  reason: string;
}

function brokenRecord(path: string, problem: string): BrokenRecord {
  return {
    tenantId: path.split('/')[1] ?? path,
    path,
    reason: `The record ${path} cannot be used: ${problem.replace(
      /\s*\n\s*/g,
      ' ',
    )}. Fix the file in the GitOps repository; until then nothing of this tenant is checked.`,
  };
}

const rulesBroken = (error: unknown) =>
  `it breaks the platform's rules (${problemText(error)})`;

/**
 * The tenants recorded in the GitOps repository, planned. A record that does
 * not parse or breaks the platform's rules is kept as a BrokenRecord, so its
 * tenant is shown in error instead of vanishing.
 */
export class RecordedTenants {
  readonly #platform: PlatformSettings;
  readonly #repository?: GitRepositoryTarget;
  #recorded?: { commit: string; plans: TenantPlan[]; broken: BrokenRecord[] };

  constructor(options: {
    platform: PlatformSettings;
    repository?: GitRepositoryTarget;
  }) {
    this.#platform = options.platform;
    this.#repository = options.repository;
  }

  /**
   * The plans of every recorded tenant, read and planned once per commit of
   * main: a commit's files never change, so another replica at the same
   * commit has the same plans, and a new commit is read again.
   */
  async all(): Promise<{ plans: TenantPlan[]; broken: BrokenRecord[] }> {
    const commit = await this.#repository?.head();
    if (!this.#repository || !commit) {
      // TODO: list the tenants of the cluster target from the shared Gateway.
      return { plans: [], broken: [] };
    }
    if (this.#recorded?.commit !== commit) {
      const { records, problems } = await readTenantRecords(this.#repository, {
        commit,
      });
      const broken = problems.map(p => brokenRecord(p.path, p.message));
      const plans = records.flatMap(spec => {
        try {
          return [this.#plan(spec)];
        } catch (error) {
          broken.push(
            brokenRecord(tenantRecordPath(spec.tenantId), rulesBroken(error)),
          );
          return [];
        }
      });
      this.#recorded = { commit, plans, broken };
    }
    return this.#recorded;
  }

  /**
   * One tenant's plan, reading only its record; or why its record cannot be
   * used.
   *
   * @throws NotFoundError when the tenant has no record.
   */
  async one(
    tenantId: string,
  ): Promise<{ plan: TenantPlan } | { broken: BrokenRecord; host: string }> {
    if (!this.#repository) {
      // TODO: find a tenant of the cluster target on the shared Gateway.
      throw new NotFoundError(
        `Tenant ${tenantId} is not recorded: only tenantMesh.delivery.target gitops keeps records the status can read`,
      );
    }
    const path = tenantRecordPath(tenantId);
    const read = await readTenantRecord(this.#repository, tenantId);
    if (!read) {
      throw new NotFoundError(`Tenant ${tenantId} has no record ${path}`);
    }
    if (!('spec' in read)) {
      return { broken: brokenRecord(read.path, read.message), host: '' };
    }
    try {
      return { plan: this.#plan(read.spec) };
    } catch (error) {
      return {
        broken: brokenRecord(path, rulesBroken(error)),
        host: read.spec.host,
      };
    }
  }

  #plan(spec: TenantSpec): TenantPlan {
    return planTenant({ spec, platform: this.#platform });
  }
}
