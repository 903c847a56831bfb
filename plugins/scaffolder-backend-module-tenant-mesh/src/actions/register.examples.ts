import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Wait for the entity of a delivered tenant',
    example: stringify({
      steps: [
        {
          id: 'register',
          action: 'tenant-mesh:register',
          name: 'Register the tenant in the catalog',
          input: { tenantId: 'acme' },
        },
      ],
    }),
  },
];
