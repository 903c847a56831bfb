import { InputError } from '@backstage/errors';
import { testPlatform } from './__fixtures__/platform';
import { planGateway } from './gateway';

const acme = {
  tenantId: 'acme',
  host: 'acme.example.com',
  namespace: 'tenant-acme',
};
const globex = {
  tenantId: 'globex',
  host: 'globex.example.com',
  namespace: 'tenant-globex',
};

describe('planGateway', () => {
  it('binds every tenant host in one server of one Gateway (B14, W10)', () => {
    const gateway = planGateway([globex, acme], testPlatform)!;
    expect(gateway.metadata).toMatchObject({
      name: 'tenant-gateway',
      namespace: 'istio-ingress',
    });
    expect(gateway.spec).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: [
            'tenant-acme/acme.example.com',
            'tenant-globex/globex.example.com',
          ],
          tls: {
            mode: 'SIMPLE',
            credentialName: 'wildcard-example-com',
            minProtocolVersion: 'TLSV1_2',
          },
        },
        {
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: [
            'tenant-acme/acme.example.com',
            'tenant-globex/globex.example.com',
          ],
          tls: { httpsRedirect: true },
        },
      ],
    });
  });

  it('is the same for any order of tenants', () => {
    expect(planGateway([globex, acme], testPlatform)).toEqual(
      planGateway([acme, globex], testPlatform),
    );
  });

  it('is absent without tenants', () => {
    expect(planGateway([], testPlatform)).toBeUndefined();
  });

  it('refuses two tenants on one host, naming both', () => {
    const plan = () =>
      planGateway(
        [
          { ...acme, host: 'ab-c.example.com' },
          { ...globex, host: 'AB-C.example.com.' },
        ],
        testPlatform,
      );

    expect(plan).toThrow(InputError);
    expect(plan).toThrow(
      /^Tenants acme and globex both claim host ab-c\.example\.com;/,
    );
  });
});
