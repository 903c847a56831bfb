import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Plan a tenant with the platform defaults',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'tenant-mesh:plan',
          name: 'Plan tenant acme',
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
    description:
      'Plan a tenant with MFA required, shorter sessions and no demo workload',
    example: stringify({
      steps: [
        {
          id: 'plan',
          action: 'tenant-mesh:plan',
          name: 'Plan tenant globex',
          input: {
            tenantId: 'globex',
            displayName: 'Globex',
            host: 'globex.example.com',
            owner: 'group:default/platform-team',
            mfa: 'on',
            tokenValidity: { accessToken: '30m', refreshToken: '7d' },
            session: { cookieExpire: '8h', cookieRefresh: '15m' },
            workload: 'none',
          },
        },
      ],
    }),
  },
];
