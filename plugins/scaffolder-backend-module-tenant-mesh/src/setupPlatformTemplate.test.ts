/*
 * The Set up tenant platform template (templates/setup-platform/template.yaml) against the action
 * it runs: its step names that action with inputs its schema accepts, every output the template
 * shows exists, and the catalog loads the template, so template, action and config cannot drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { validate } from 'jsonschema';
import { parse } from 'yaml';
import { actionContext } from './__testUtils__/actionContext';
import { testPlatform } from './__testUtils__/platform';
import { gitopsDelivery } from './__testUtils__/targets';
import { createTenantMeshDeliverPlatformAction } from './actions/deliverPlatform';

const repoRoot = path.resolve(__dirname, '../../..');
const TEMPLATE_PATH = 'templates/setup-platform/template.yaml';
const template = parse(
  fs.readFileSync(path.join(repoRoot, TEMPLATE_PATH), 'utf8'),
);

type Step = { id: string; action: string; input: Record<string, unknown> };
type JsonSchema = Parameters<typeof validate>[1];

const action = createTenantMeshDeliverPlatformAction({
  platform: testPlatform(),
  delivery: gitopsDelivery(),
  logger: mockServices.logger.mock(),
});
const steps: Step[] = template.spec.steps;

/** Every `${{ steps.<id>.output.<name> }}` of the template's output. */
function outputReferences(): Array<{ step: string; name: string }> {
  const text = JSON.stringify(template.spec.output);
  return [...text.matchAll(/steps\.([\w-]+)\.output\.(\w+)/g)].map(m => ({
    step: m[1],
    name: m[2],
  }));
}

describe('the Set up tenant platform template', () => {
  it('is the platform team’s template, with nothing to fill in', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { title: 'Set up tenant platform' },
      spec: { owner: 'group:default/platform-team' },
    });
    expect([template.spec.parameters ?? []].flat()).toEqual([]);
  });

  it('runs tenant-mesh:deliver-platform once, with inputs it accepts', () => {
    expect(steps.map(s => s.action)).toEqual([action.id]);
    const result = validate(
      steps[0].input ?? {},
      action.schema!.input as JsonSchema,
    );
    expect(result.errors.map(String)).toEqual([]);
  });

  it('shows only outputs the action has: the delivery, the TLS credential and the installer step', () => {
    const references = outputReferences();
    const outputs = Object.keys(
      (action.schema!.output as { properties: object }).properties,
    );

    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(reference.step).toBe(steps[0].id);
      expect(outputs).toContain(reference.name);
    }
    expect(references.map(r => r.name)).toEqual(
      expect.arrayContaining(['summary', 'tlsCredential', 'nextSteps']),
    );
  });

  it('shows the commit, the TLS credential and the installer step', async () => {
    const { ctx, outputs } = actionContext({ input: {} });

    await action.handler(ctx);

    expect(outputs.summary).toMatch(/^Committed [0-9a-f]{40} to /);
    expect(outputs.nextSteps).toContain(
      'TLS Secret istio-ingress/wildcard-example-com',
    );
    expect(outputs.nextSteps).toContain('`helm upgrade istiod istio/istiod');
  });

  it('is loaded by the catalog, next to Create Tenant', () => {
    const config = parse(
      fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const locations: Array<{
      target: string;
      rules?: Array<{ allow: string[] }>;
    }> = config.catalog.locations;
    const location = locations.find(l => l.target.endsWith(TEMPLATE_PATH));

    expect(location?.rules?.flatMap(r => r.allow)).toContain('Template');
  });
});
