/*
 * Create Tenant, end to end: the portal backend with the Tenant Mesh modules, a real cognito-local
 * and a local GitOps repository, driven only through the REST API with the static token, as the
 * tenant-mesh CLI and other tools drive it (issue 5, "Tests, in CI").
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ANNOTATION_CLIENT_ID,
  ANNOTATION_HOST,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_REGION,
  ANNOTATION_TENANT_ID,
  ANNOTATION_USER_POOL_ID,
  COGNITO_TENANT_TAG,
  PlatformSettings,
  planFiles,
  planTenant,
  planTenants,
  readPlatformSettings,
  TenantSpec,
  tenantNames,
} from '@tenant-mesh/plugin-tenant-mesh-common';
import { GitRepositoryTarget } from '@tenant-mesh/plugin-tenant-mesh-node';
import {
  CognitoLocal,
  startCognitoLocal,
} from '@tenant-mesh/plugin-tenant-mesh-node/testUtils';
import { parse } from 'yaml';
import { CognitoLocalState } from './__testUtils__/cognitoLocalState';
import { commits, historyText } from './__testUtils__/gitHistory';
import { FinishedTask, PortalApi } from './__testUtils__/portalApi';
import {
  PortalBackend,
  REPO_ROOT,
  startPortalBackend,
} from './__testUtils__/startPortalBackend';

// Startup ~3 s, the first Create Tenant ~10-15 s (the register step waits for the tenant entity
// provider's 10 s schedule), every later task ~2 s; the limits only stop a hung run.
jest.setTimeout(60_000);
const TASK_TIMEOUT_MS = 40_000;
const CATALOG_TIMEOUT_MS = 20_000;
const TEMPLATE_REF = 'template:default/create-tenant';

describe('Create Tenant through the REST API, on the embedded default', () => {
  let cognitoLocal: CognitoLocal;
  let portal: PortalBackend;
  let repoDir: string;
  let api: PortalApi;
  let cognito: CognitoLocalState;
  let repository: GitRepositoryTarget;
  let platform: PlatformSettings;
  let acme: TenantSpec;
  const tasks: FinishedTask[] = [];

  /** acme's pool and client in cognito-local, found by the tenant tag as Tenant Mesh finds them. */
  async function acmeInCognito() {
    const pools = (await cognito.userPools()).filter(
      pool => pool.UserPoolTags?.[COGNITO_TENANT_TAG] === 'acme',
    );
    expect(pools).toHaveLength(1);
    const clients = await cognito.clients(pools[0].Id);
    expect(clients).toHaveLength(1);
    return { pool: pools[0], client: clients[0] };
  }

  beforeAll(async () => {
    cognitoLocal = await startCognitoLocal();
    repoDir = await mkdtemp(path.join(tmpdir(), 'tenant-mesh-gitops-'));
    portal = await startPortalBackend({
      cognitoEndpoint: cognitoLocal.endpoint,
      gitopsRepository: repoDir,
    });
    api = new PortalApi(portal);
    cognito = new CognitoLocalState(cognitoLocal.endpoint);
    repository = new GitRepositoryTarget({ dir: repoDir });

    const { delivery: _delivery, ...settings } = portal.tenantMesh;
    platform = readPlatformSettings(settings);
    acme = parse(
      await readFile(
        path.join(REPO_ROOT, 'examples/tenants/acme.yaml'),
        'utf8',
      ),
    );

    // The template comes from a catalog location, read once the catalog has started.
    await api.waitFor(
      'the Create Tenant template in the catalog',
      () => api.findEntity('template', 'create-tenant'),
      CATALOG_TIMEOUT_MS,
    );
    tasks.push(await api.runTask(TEMPLATE_REF, { ...acme }, TASK_TIMEOUT_MS));
  });

  afterAll(async () => {
    await portal?.stop();
    await cognitoLocal?.stop();
    if (repoDir) {
      await rm(repoDir, { recursive: true, force: true });
    }
  });

  it('refuses a request without the static token', async () => {
    const response = await fetch(`${portal.baseUrl}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer not-the-token',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ templateRef: TEMPLATE_REF, values: acme }),
    });
    expect(response.status).toBe(401);
  });

  it('runs every step of Create Tenant for acme', () => {
    const [first] = tasks;
    const failures = first.events
      .filter(e => e.body.status === 'failed')
      .map(e => e.body.message);
    expect({ status: first.status, failures }).toEqual({
      status: 'completed',
      failures: [],
    });
    const finished = first.events
      .filter(e => e.body.status === 'completed' && e.body.stepId)
      .map(e => e.body.stepId);
    expect(finished).toEqual(['plan', 'cognito', 'deliver', 'register']);
  });

  it('(a) provisions the user pool and app client the plan describes', async () => {
    const plan = planTenant({ spec: acme, platform }).cognito;
    const { pool, client } = await acmeInCognito();

    expect(pool.Name).toBe(plan.userPool.PoolName);
    expect(pool.UserPoolTags).toEqual(plan.tags);
    expect(pool.UsernameAttributes).toEqual(plan.userPool.UsernameAttributes);
    expect(pool.AutoVerifiedAttributes).toEqual(
      plan.userPool.AutoVerifiedAttributes,
    );
    expect(pool.Policies).toEqual(plan.userPool.Policies);
    expect(pool.AdminCreateUserConfig).toEqual(
      expect.objectContaining(plan.userPool.AdminCreateUserConfig),
    );
    expect(pool.SchemaAttributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'custom:tenant_id', Mutable: false }),
      ]),
    );
    // acme.yaml asks for optional MFA; the next test checks that it was set.
    expect(plan.mfa).toEqual({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });

    const planned = plan.userPoolClient;
    expect(client).toMatchObject({
      ClientName: planned.ClientName,
      CallbackURLs: ['https://acme.example.com/oauth2/callback'],
      DefaultRedirectURI: 'https://acme.example.com/oauth2/callback',
      LogoutURLs: planned.LogoutURLs,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: planned.AllowedOAuthScopes,
      ExplicitAuthFlows: planned.ExplicitAuthFlows,
      SupportedIdentityProviders: ['COGNITO'],
      ReadAttributes: planned.ReadAttributes,
      WriteAttributes: ['email'],
      // acme.yaml: 1h, 1h and 1d, in the plan's units (minutes).
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 1440,
      TokenValidityUnits: planned.TokenValidityUnits,
    });
    expect(client.CallbackURLs).toEqual(planned.CallbackURLs);
    expect(client.ClientSecret).toEqual(expect.any(String));
  });

  it('(a) sets the MFA configuration the plan describes', async () => {
    const plan = planTenant({ spec: acme, platform }).cognito;
    const { pool } = await acmeInCognito();
    const mfa = await cognito.mfaConfig(pool.Id);
    expect(mfa).toMatchObject(plan.mfa!);
  });

  it('(b) commits exactly the files tenant-mesh render writes for acme', async () => {
    const { pool, client } = await acmeInCognito();
    const identity = { userPoolId: pool.Id, clientId: client.ClientId };

    const [record] = await repository.readFiles('tenants/acme/tenant.yaml');
    const recorded: TenantSpec = parse(record.content);
    expect(recorded).toEqual({ ...acme, identity });

    // What `tenant-mesh render tenants/acme/tenant.yaml` does: planTenants, then planFiles.
    const expected = planFiles(planTenants([recorded], platform));

    const committed = [
      ...(await repository.readFiles('tenants/')),
      ...(await repository.readFiles('shared/')),
    ].filter(file => file.path !== record.path);
    const byPath = (files: { path: string; content: string }[]) =>
      Object.fromEntries(files.map(f => [f.path, f.content]));
    expect(Object.keys(byPath(committed)).sort()).toEqual(
      expected.map(f => f.path).sort(),
    );
    expect(byPath(committed)).toEqual(byPath(expected));
  });

  it('(c) registers resource:default/acme with its annotations', async () => {
    const { pool, client } = await acmeInCognito();
    const names = tenantNames('acme', platform);
    const entity = await api.findEntity('resource', 'acme');

    expect(entity?.spec).toMatchObject({
      type: 'tenant',
      owner: acme.owner,
      system: 'tenant-platform',
    });
    expect(entity?.metadata.annotations).toMatchObject({
      [ANNOTATION_TENANT_ID]: 'acme',
      [ANNOTATION_HOST]: 'acme.example.com',
      [ANNOTATION_USER_POOL_ID]: pool.Id,
      [ANNOTATION_CLIENT_ID]: client.ClientId,
      [ANNOTATION_REGION]: 'us-east-1',
      [ANNOTATION_KUBERNETES_ID]: 'acme',
      [ANNOTATION_KUBERNETES_NAMESPACE]: names.tenantNamespace,
    });
    // cognito-local has no hosted UI: no link to one, and no link without a target.
    expect(tasks[0].output.links).toEqual([
      expect.objectContaining({ entityRef: 'resource:default/acme' }),
    ]);
  });

  it('(e) converges when Create Tenant runs again for acme', async () => {
    const before = await acmeInCognito();
    const history = await commits(repoDir);

    const again = await api.runTask(TEMPLATE_REF, { ...acme }, TASK_TIMEOUT_MS);
    tasks.push(again);

    expect(again.status).toBe('completed');
    const after = await acmeInCognito();
    expect(after.pool.Id).toBe(before.pool.Id);
    expect(after.client.ClientId).toBe(before.client.ClientId);
    expect(await commits(repoDir)).toEqual(history);
    expect(
      (await cognito.userPools()).filter(
        pool => pool.UserPoolTags?.[COGNITO_TENANT_TAG] === 'acme',
      ),
    ).toHaveLength(1);
  });

  describe('(f) an invalid tenant creates nothing', () => {
    it('refuses tenant id Bad_Id when the task is created, naming tenantId', async () => {
      const pools = (await cognito.userPools()).length;
      const history = await commits(repoDir);

      const response = await api.startTask(TEMPLATE_REF, {
        ...acme,
        tenantId: 'Bad_Id',
        host: 'bad.example.com',
      });

      expect(response.status).toBe(400);
      expect(response.text).toContain('tenantId');
      expect((await cognito.userPools()).length).toBe(pools);
      expect(await commits(repoDir)).toEqual(history);
    });

    it('fails initech at the plan step when its host is acme.example.com, naming host', async () => {
      const pools = (await cognito.userPools()).length;
      const history = await commits(repoDir);

      const initech = await api.runTask(
        TEMPLATE_REF,
        {
          ...acme,
          tenantId: 'initech',
          displayName: 'Initech',
          host: 'acme.example.com',
        },
        TASK_TIMEOUT_MS,
      );
      tasks.push(initech);

      expect(initech.status).toBe('failed');
      const failed = initech.events.filter(e => e.body.status === 'failed');
      expect(failed.map(e => e.body.stepId)).toEqual(['plan']);
      const ran = initech.events
        .filter(e => e.body.stepId && e.body.status !== 'skipped')
        .map(e => e.body.stepId);
      expect(new Set(ran)).toEqual(new Set(['plan']));
      const completion = initech.events.find(e => e.type === 'completion');
      expect(completion?.body.error?.message).toMatch(
        /^host: acme\.example\.com already belongs to tenant acme$/m,
      );

      expect((await cognito.userPools()).length).toBe(pools);
      expect(await commits(repoDir)).toEqual(history);
      expect(await api.findEntity('resource', 'initech')).toBeUndefined();
    });
  });

  it('(d) shows the client secret in no task log, output, entity or commit', async () => {
    const { client } = await acmeInCognito();
    const secret: string = client.ClientSecret;
    const forms = [secret, Buffer.from(secret).toString('base64')];

    const places: Record<string, string> = {
      entity: JSON.stringify(await api.findEntity('resource', 'acme')),
      'git history': await historyText(repoDir),
    };
    for (const task of tasks) {
      // The task as GET /v2/tasks/:id shows it (spec, status, checkpoints), its log, its outputs.
      places[`task ${task.id}`] = JSON.stringify(task.task);
      places[`task ${task.id} events`] = JSON.stringify(task.events);
      places[`task ${task.id} output`] = JSON.stringify(task.output);
    }
    expect(places['git history']).toContain('Onboard tenant acme');
    expect(tasks.length).toBeGreaterThanOrEqual(3);

    const leaks = Object.entries(places)
      .filter(([, text]) => forms.some(form => text.includes(form)))
      .map(([place]) => place);
    expect(leaks).toEqual([]);
  });
});
