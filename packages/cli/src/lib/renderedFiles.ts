import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The file in the output folder that lists what render wrote there, per part. */
export const RENDERED_MANIFEST = '.tenant-mesh-rendered.json';

type Manifest = Record<string, string[]>;

/**
 * A path inside `out`. Paths come from render, from the server (plan --out)
 * or from the manifest on disk, which may sit in a shared checkout: none may
 * reach outside the folder.
 */
export function pathInside(out: string, relative: string): string {
  const target = path.resolve(out, relative);
  const rel = path.relative(path.resolve(out), target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new InputError(`${relative} is not a path inside ${out}`);
  }
  return target;
}

async function readManifest(out: string): Promise<Manifest> {
  try {
    return JSON.parse(
      await fs.readFile(path.join(out, RENDERED_MANIFEST), 'utf8'),
    ) as Manifest;
  } catch {
    return {};
  }
}

/**
 * Writes rendered files into `out` and removes the files an earlier render of the same part
 * wrote that are no longer planned (a tenant that was dropped, a shard that went empty). Files
 * that render did not write are never touched, so an output folder can live inside a GitOps
 * checkout beside other files.
 *
 * @returns the number of stale files removed
 */
export async function writeRendered(
  out: string,
  parts: Record<string, Array<{ path: string; content: string }>>,
): Promise<number> {
  const manifest = await readManifest(out);
  let removed = 0;
  for (const [part, files] of Object.entries(parts)) {
    const planned = new Set(files.map(f => f.path));
    for (const stale of (manifest[part] ?? []).filter(p => !planned.has(p))) {
      await fs.rm(pathInside(out, stale), { force: true });
      removed += 1;
    }
    for (const file of files) {
      const target = pathInside(out, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, 'utf8');
    }
    manifest[part] = [...planned].sort();
  }
  await fs.mkdir(out, { recursive: true });
  await fs.writeFile(
    path.join(out, RENDERED_MANIFEST),
    `${JSON.stringify(manifest, null, 2)}\n`,
    'utf8',
  );
  return removed;
}
