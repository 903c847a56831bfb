import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_HOST,
  canonicalHost,
  PlatformSettings,
  TENANT_RECORD_CONFIG_MAP,
  tenantNames,
  validateTenant,
  ValidationProblem,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  ClusterProvider,
  GitRepositoryTarget,
  readClusterTenantRecords,
  readTenantRecords,
  tenantRecordPath,
  TenantRecords,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  TENANT_ENTITY,
  tenantEntityFilters,
  tenantIdOfEntity,
} from './tenantEntities';

/**
 * Whether a tenant id can be onboarded, as `GET /tenants/:id/availability`
 * answers it.
 *
 * @public
 */
export interface TenantAvailability {
  tenantId: string;
  /** True when there is no problem at all. */
  available: boolean;
  /** Every rule the id (and the host, when given) breaks, including `taken`. */
  problems: ValidationProblem[];
  /** `<id>.<first base domain>`, lowercase as hosts are compared. */
  suggestedHost: string;
}

/** The input of a check. @public */
export interface CheckAvailabilityOptions {
  tenantId: string;
  /** The host the user chose; its rules are checked too when given. */
  host?: string;
  /** The caller's, so the catalog shows only what the caller may see. */
  credentials: BackstageCredentials;
}

/** A tenant that already exists somewhere, and where. */
interface KnownTenant {
  tenantId: string;
  host: string;
  /** Where it was found, for the message: an entity ref or a record path. */
  source: string;
}

/**
 * Checks a tenant id against the rules of `validateTenant` and against the
 * tenants that already exist: in the catalog, and in the records of the
 * delivery target (a tenant being onboarded is recorded before its entity
 * appears).
 */
export class TenantAvailabilityService {
  readonly #platform: PlatformSettings;
  readonly #catalog: CatalogService;
  readonly #repository?: GitRepositoryTarget;
  readonly #cluster?: ClusterProvider;

  constructor(options: {
    platform: PlatformSettings;
    catalog: CatalogService;
    /** The GitOps repository, when delivery is `gitops`. */
    repository?: GitRepositoryTarget;
    /** The cluster whose record ConfigMaps to read, when delivery is `cluster`. */
    cluster?: ClusterProvider;
  }) {
    this.#platform = options.platform;
    this.#catalog = options.catalog;
    this.#repository = options.repository;
    this.#cluster = options.cluster;
  }

  async checkAvailability(
    options: CheckAvailabilityOptions,
  ): Promise<TenantAvailability> {
    const { tenantId, host } = options;

    const known = await this.#knownTenants(options);
    const problems = [
      ...this.#ruleProblems(tenantId, host, known),
      ...takenProblems(tenantId, known),
    ];

    return {
      tenantId,
      available: problems.length === 0,
      problems,
      suggestedHost: `${tenantId.toLowerCase()}.${
        this.#platform.baseDomains[0]
      }`,
    };
  }

  /** The problems of the id and host fields under every rule of common. */
  #ruleProblems(
    tenantId: string,
    host: string | undefined,
    known: KnownTenant[],
  ): ValidationProblem[] {
    const fields = host === undefined ? ['tenantId'] : ['tenantId', 'host'];
    const problems = validateTenant(
      host === undefined ? { tenantId } : { tenantId, host },
      this.#platform,
      { existingTenants: known },
    ).filter(p => fields.includes(p.field));

    // validateTenant stops at the format; a well-formed stand-in of the same
    // length tells whether the id is too long as well, so the user sees
    // every problem at once.
    if (problems.some(p => p.field === 'tenantId' && p.rule === 'dns-label')) {
      const standIn = 'a'.repeat(tenantId.length);
      problems.push(
        ...validateTenant({ tenantId: standIn }, this.#platform).filter(
          p => p.rule === 'max-length',
        ),
      );
    }
    return problems;
  }

  /** Tenants with this id or this host, in the catalog and the records. */
  async #knownTenants(
    options: CheckAvailabilityOptions,
  ): Promise<KnownTenant[]> {
    const [inCatalog, recorded] = await Promise.all([
      this.#catalogTenants(options),
      this.#recordedTenants(options.credentials),
    ]);
    return [...inCatalog, ...recorded];
  }

  async #catalogTenants(
    options: CheckAvailabilityOptions,
  ): Promise<KnownTenant[]> {
    const { tenantId, host, credentials } = options;
    const filter = [
      ...tenantEntityFilters(tenantId),
      ...(host
        ? [
            {
              ...TENANT_ENTITY,
              [`metadata.annotations.${ANNOTATION_HOST}`]: canonicalHost(host),
            },
          ]
        : []),
    ];

    const { items } = await this.#catalog.getEntities(
      {
        filter,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );

    return items.map(entity => {
      const annotations = entity.metadata.annotations ?? {};
      return {
        tenantId: tenantIdOfEntity(entity),
        host: annotations[ANNOTATION_HOST] ?? '',
        source: `the catalog entity ${stringifyEntityRef(entity)}`,
      };
    });
  }

  async #recordedTenants(
    credentials: BackstageCredentials,
  ): Promise<KnownTenant[]> {
    let read: TenantRecords;
    let where: string;
    let pathOf: (tenantId: string) => string;
    if (this.#repository) {
      // TODO: cache the records for a few seconds; the form asks as the user
      // types, and each read walks every file under tenants/.
      read = await readTenantRecords(this.#repository);
      where = 'GitOps record';
      pathOf = tenantRecordPath;
    } else if (this.#cluster) {
      // With the cluster's service account; the caller's credentials only
      // find a cluster entity in the catalog.
      const reader = await this.#cluster.reader({ credentials });
      read = await readClusterTenantRecords(reader);
      where = 'cluster record';
      pathOf = tenantId =>
        `ConfigMap ${
          tenantNames(tenantId, this.#platform).tenantNamespace
        }/${TENANT_RECORD_CONFIG_MAP}`;
    } else {
      return [];
    }
    const { records, problems } = read;
    return [
      ...records.map(record => ({
        tenantId: record.tenantId,
        host: record.host,
        source: `the ${where} ${pathOf(record.tenantId)}`,
      })),
      // A record that does not parse still holds its id: onboarding the id
      // again would overwrite the record someone has to fix.
      ...problems.map(problem => ({
        tenantId: problem.tenantId,
        host: '',
        source: `the ${where} ${problem.path} (which does not parse)`,
      })),
    ];
  }
}

function takenProblems(
  tenantId: string,
  known: KnownTenant[],
): ValidationProblem[] {
  const owners = known.filter(t => t.tenantId === tenantId);
  if (owners.length === 0) {
    return [];
  }
  return [
    {
      field: 'tenantId',
      rule: 'taken',
      message: `is taken by ${owners.map(owner => owner.source).join(' and ')}`,
    },
  ];
}
