import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { readBlob, readTree } from 'isomorphic-git';

/** A committed file found by a walk, before its content is read. */
interface FoundBlob {
  path: string;
  oid: string;
}

/** Whether a folder can hold a path that starts with `prefix`. */
function mayHold(folder: string, prefix: string): boolean {
  const path = `${folder}/`;
  return path.startsWith(prefix) || prefix.startsWith(path);
}

/**
 * The blobs of a commit whose path starts with `prefix` and passes `match`,
 * in Git's tree order. Only the folders on the way to `prefix` are read,
 * and each tree object once.
 */
async function findCommittedBlobs(options: {
  dir: string;
  commit: string;
  prefix: string;
  match: (path: string) => boolean;
  /** isomorphic-git's cache of parsed pack indexes, shared within one call. */
  cache: object;
}): Promise<FoundBlob[]> {
  const { dir, commit, prefix, match, cache } = options;

  const walk = async (oid: string, folder: string): Promise<FoundBlob[]> => {
    const { tree } = await readTree({ fs, dir, oid, cache });
    const found = await Promise.all(
      tree.map(async (entry): Promise<FoundBlob[]> => {
        const path = folder ? `${folder}/${entry.path}` : entry.path;
        if (entry.type === 'tree') {
          return mayHold(path, prefix) ? walk(entry.oid, path) : [];
        }
        const wanted =
          entry.type === 'blob' && path.startsWith(prefix) && match(path);
        return wanted ? [{ path, oid: entry.oid }] : [];
      }),
    );
    return found.flat();
  };

  return walk(commit, '');
}

/**
 * The files of a commit whose path starts with `prefix` and passes `match`,
 * in Git's tree order. A file's content is read by its blob id, not by
 * walking again from the root.
 */
export async function readCommittedFiles(options: {
  dir: string;
  commit: string;
  prefix: string;
  match?: (path: string) => boolean;
}): Promise<Array<{ path: string; content: string }>> {
  const { dir, match = () => true } = options;
  const cache = {};
  const blobs = await findCommittedBlobs({ ...options, match, cache });
  return Promise.all(
    blobs.map(async ({ path, oid }) => {
      const { blob } = await readBlob({ fs, dir, oid, cache });
      return { path, content: Buffer.from(blob).toString('utf8') };
    }),
  );
}

/**
 * The paths and blob ids of a commit's files below `prefix`, without
 * reading one file: compared with the `gitBlobId` of what a file should
 * hold, they tell whether it holds it.
 */
export async function readCommittedBlobIds(options: {
  dir: string;
  commit: string;
  prefix: string;
}): Promise<Array<{ path: string; oid: string }>> {
  return findCommittedBlobs({ ...options, match: () => true, cache: {} });
}

/** The id Git gives a file of this content: the SHA-1 of its blob object. */
export function gitBlobId(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * One file of a commit, read along its path only; undefined when the
 * commit has no such file.
 */
export async function readCommittedFile(options: {
  dir: string;
  commit: string;
  path: string;
}): Promise<string | undefined> {
  const { dir, commit, path } = options;
  try {
    const { blob } = await readBlob({ fs, dir, oid: commit, filepath: path });
    return Buffer.from(blob).toString('utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A missing path, or a folder where the path wants a file.
    if (code === 'NotFoundError' || code === 'ObjectTypeError') {
      return undefined;
    }
    throw error;
  }
}
