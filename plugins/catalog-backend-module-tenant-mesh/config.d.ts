import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  tenantMesh?: {
    /** The catalog entities of the onboarded tenants. */
    catalog?: {
      /**
       * How often the tenant records are read into the catalog. Default:
       * every 10 seconds, timeout 30 seconds, on one backend replica at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
