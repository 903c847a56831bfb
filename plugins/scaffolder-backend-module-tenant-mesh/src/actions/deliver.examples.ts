import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deliver a tenant with the ids from the tenant-mesh:cognito step',
    example: stringify({
      steps: [
        {
          id: 'deliver',
          action: 'tenant-mesh:deliver',
          name: 'Deliver tenant acme',
          input: {
            tenantId: 'acme',
            displayName: 'Acme Corporation',
            host: 'acme.example.com',
            owner: 'group:default/platform-team',
            userPoolId: '${{ steps.cognito.output.userPoolId }}',
            clientId: '${{ steps.cognito.output.clientId }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Deliver a tenant without the demo workload',
    example: stringify({
      steps: [
        {
          id: 'deliver',
          action: 'tenant-mesh:deliver',
          name: 'Deliver tenant globex',
          input: {
            tenantId: 'globex',
            displayName: 'Globex',
            host: 'globex.example.com',
            owner: 'group:default/platform-team',
            workload: 'none',
            userPoolId: 'us-east-1_AbCdEf123',
            clientId: '2other987654321',
          },
        },
      ],
    }),
  },
];
