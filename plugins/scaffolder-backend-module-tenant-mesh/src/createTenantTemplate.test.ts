/*
 * The Create Tenant template (templates/create-tenant/template.yaml) against the actions it runs:
 * every step names a registered action, and the inputs it renders from a real tenant file pass
 * that action's input schema, so the template and the actions cannot drift apart.
 */
import {
  DOMAIN_PREFIX_FORM_PATTERN,
  TENANT_ID_PATTERN,
  maxTenantIdLength,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import {
  TenantCognito,
  createCognitoClient,
} from '@tenant-mesh/plugin-tenant-mesh-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'jsonschema';
import { parse } from 'yaml';
import { createTenantMeshCognitoAction } from './actions/cognito';
import { createTenantMeshDeliverAction } from './actions/deliver';
import { createTenantMeshPlanAction } from './actions/plan';
import { createTenantMeshRegisterAction } from './actions/register';
import { testPlatform } from './__testUtils__/platform';
import { gitopsDelivery } from './__testUtils__/targets';

const repoRoot = path.resolve(__dirname, '../../..');
const template = parse(
  fs.readFileSync(
    path.join(repoRoot, 'templates/create-tenant/template.yaml'),
    'utf8',
  ),
);
const tenantFile = (name: string) =>
  parse(fs.readFileSync(path.join(repoRoot, 'examples/tenants', name), 'utf8'));

type Step = { id: string; action: string; input: Record<string, unknown> };
type JsonSchema = Parameters<typeof validate>[1];

const platform = testPlatform();
const catalog = catalogServiceMock();
const cognito = new TenantCognito({
  // Never called: only the actions' schemas are used here.
  client: createCognitoClient({ region: 'us-east-1' }),
  logger: mockServices.logger.mock(),
});
const actions = [
  createTenantMeshPlanAction({ platform, catalog }),
  createTenantMeshCognitoAction({
    platform,
    catalog,
    cognito,
    logger: mockServices.logger.mock(),
  }),
  createTenantMeshDeliverAction({
    platform,
    catalog,
    cognito,
    delivery: gitopsDelivery(),
    logger: mockServices.logger.mock(),
  }),
  createTenantMeshRegisterAction({ catalog }),
];

/** Renders `${{ parameters.x }}` and `${{ steps.s.output.y }}` the way the scaffolder would. */
function render(value: unknown, parameters: Record<string, unknown>): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const match = /^\$\{\{\s*(parameters|steps)\.([\w.]+)\s*\}\}$/.exec(value);
  if (!match) {
    return value;
  }
  if (match[1] === 'parameters') {
    return parameters[match[2]];
  }
  const outputs: Record<string, string> = {
    'cognito.output.userPoolId': 'us-east-1_AbCdEf123',
    'cognito.output.clientId': '1example23456789',
  };
  return outputs[match[2]];
}

const parameterSchema = {
  type: 'object',
  required: template.spec.parameters.flatMap(
    (page: { required?: string[] }) => page.required ?? [],
  ),
  properties: Object.assign(
    {},
    ...template.spec.parameters.map(
      (page: { properties: object }) => page.properties,
    ),
  ),
};

describe('the Create Tenant template', () => {
  it('uses the tenant id rule of the actions (B22)', () => {
    const tenantId = parameterSchema.properties.tenantId;
    expect(tenantId.pattern).toBe(TENANT_ID_PATTERN);
    expect(tenantId.maxLength).toBe(maxTenantIdLength(platform));
  });

  it('refuses a domain prefix in the form that Cognito would refuse (B16)', () => {
    const { domainPrefix } = parameterSchema.properties;
    expect(domainPrefix.pattern).toBe(DOMAIN_PREFIX_FORM_PATTERN);
    const values = (prefix: string) => ({
      ...tenantFile('acme.yaml'),
      domainPrefix: prefix,
    });
    for (const refused of [
      'aws-acme',
      'acme-amazon',
      'mycognitoapp',
      '-acme',
    ]) {
      expect(validate(values(refused), parameterSchema).valid).toBe(false);
    }
    expect(validate(values('acme-login'), parameterSchema).valid).toBe(true);
  });

  it.each(['acme.yaml', 'globex.yaml'])(
    'accepts %s as its parameters, as tenant-mesh create sends it',
    name => {
      const { identity: _identity, ...values } = tenantFile(name);
      expect(validate(values, parameterSchema).errors).toEqual([]);
    },
  );

  it('passes a chosen hosted-UI domain prefix to every step (B17)', () => {
    const steps: Step[] = template.spec.steps;
    const withPrefix = steps.filter(
      s => s.input.domainPrefix === '${{ parameters.domainPrefix }}',
    );
    expect(withPrefix.map(s => s.id)).toEqual(['plan', 'cognito', 'deliver']);
    const values = { ...tenantFile('acme.yaml'), domainPrefix: 'acme-login' };
    expect(validate(values, parameterSchema).errors).toEqual([]);
  });

  it.each(['acme.yaml', 'globex.yaml'])(
    'renders inputs that every action accepts, for %s',
    name => {
      const { identity: _identity, ...values } = tenantFile(name);
      const steps: Step[] = template.spec.steps;
      expect(steps.map(s => s.action)).toEqual([
        'tenant-mesh:plan',
        'tenant-mesh:cognito',
        'tenant-mesh:deliver',
        'tenant-mesh:register',
      ]);
      for (const step of steps) {
        const action = actions.find(a => a.id === step.action);
        expect(action).toBeDefined();
        const input = Object.fromEntries(
          Object.entries(step.input)
            .map(([key, value]) => [key, render(value, values)])
            .filter(([, value]) => value !== undefined),
        );
        const result = validate(input, action!.schema!.input as JsonSchema);
        expect({ step: step.id, errors: result.errors.map(String) }).toEqual({
          step: step.id,
          errors: [],
        });
      }
    },
  );
});
