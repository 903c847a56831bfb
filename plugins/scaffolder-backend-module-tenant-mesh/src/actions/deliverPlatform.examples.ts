import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Set up the tenant platform on the configured target, with the shared objects of every recorded tenant',
    example: stringify({
      steps: [
        {
          id: 'platform',
          action: 'tenant-mesh:deliver-platform',
          name: 'Set up the tenant platform',
          input: {},
        },
      ],
    }),
  },
];
