import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Create or adopt a tenant's user pool, app client and domain",
    example: stringify({
      steps: [
        {
          id: 'cognito',
          action: 'tenant-mesh:cognito',
          name: 'Cognito for tenant acme',
          input: {
            tenantId: 'acme',
            displayName: 'Acme Corporation',
            host: 'acme.example.com',
            owner: 'group:default/platform-team',
          },
        },
      ],
    }),
  },
  {
    description: 'Use a chosen hosted UI domain prefix and require MFA',
    example: stringify({
      steps: [
        {
          id: 'cognito',
          action: 'tenant-mesh:cognito',
          name: 'Cognito for tenant globex',
          input: {
            tenantId: 'globex',
            displayName: 'Globex',
            host: 'globex.example.com',
            owner: 'group:default/platform-team',
            domainPrefix: 'globex-login',
            mfa: 'on',
          },
        },
      ],
    }),
  },
];
