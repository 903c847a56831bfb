/*
 * Backstage plugins of two releases in one backend fail at startup (for example
 * "httpRouter.addWebSocketHandler is not a function"). This keeps the lock on the release that
 * backstage.json names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'backstage.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('backstage.json not found');
    dir = parent;
  }
  return dir;
}

const root = findRepoRoot(__dirname);

/** Packages whose major or minor moves with every Backstage release. */
const RELEASE_LINE: Record<string, Record<string, RegExp>> = {
  '1.55.0': {
    '@backstage/backend-plugin-api': /^1\.10\./,
    '@backstage/backend-defaults': /^0\.18\./,
    '@backstage/backend-test-utils': /^1\.11\./,
    '@backstage/cli': /^0\.36\.[67]$/,
    '@backstage/core-plugin-api': /^1\.12\./,
    '@backstage/frontend-plugin-api': /^0\.18\./,
    '@backstage/plugin-catalog-react': /^3\.2\./,
    '@backstage/plugin-scaffolder-backend': /^4\.2\./,
    '@backstage/plugin-scaffolder-node': /^0\.13\./,
    '@backstage/plugin-scaffolder-react': /^2\.1\./,
    '@backstage/ui': /^0\.18\./,
  },
};

function lockedVersions(): Map<string, Set<string>> {
  const lock = parseSyml(fs.readFileSync(path.join(root, 'yarn.lock'), 'utf8'));
  const versions = new Map<string, Set<string>>();
  for (const [descriptors, entry] of Object.entries(lock)) {
    const name = descriptors
      .split(',')[0]
      .trim()
      .replace(/@npm:.*$/, '');
    if (!name.startsWith('@backstage/') || typeof entry !== 'object') continue;
    const set = versions.get(name) ?? new Set<string>();
    set.add((entry as { version: string }).version);
    versions.set(name, set);
  }
  return versions;
}

function workspaceManifests(): string[] {
  return ['packages', 'plugins'].flatMap(dir =>
    fs
      .readdirSync(path.join(root, dir))
      .map(name => path.join(root, dir, name, 'package.json'))
      .filter(file => fs.existsSync(file)),
  );
}

describe('Backstage release line', () => {
  const release: string = JSON.parse(
    fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
  ).version;
  const locked = lockedVersions();

  it('knows the release that backstage.json names', () => {
    expect(Object.keys(RELEASE_LINE)).toContain(release);
  });

  it.each(Object.entries(RELEASE_LINE[release] ?? {}))(
    'resolves %s only to the release line',
    (name, line) => {
      const versions = [...(locked.get(name) ?? [])];
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatch(line);
    },
  );

  it('pins every direct @backstage/* dependency to an exact version', () => {
    const ranged = workspaceManifests()
      .concat(path.join(root, 'package.json'))
      .flatMap(file => {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
        return Object.entries({
          ...pkg.dependencies,
          ...pkg.devDependencies,
        })
          .filter(([name]) => name.startsWith('@backstage/'))
          .filter(([, range]) => !/^\d+\.\d+\.\d+$/.test(String(range)))
          .map(
            ([name, range]) => `${path.relative(root, file)}: ${name}@${range}`,
          );
      });
    expect(ranged).toEqual([]);
  });
});
