import * as fs from 'node:fs';
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  add,
  commit as gitCommit,
  init,
  listFiles,
  log as gitLog,
  remove as gitRemove,
  resolveRef,
} from 'isomorphic-git';
import { commitMessage, isEmpty, TreeChanges } from './commitMessage';
import {
  readCommittedBlobIds,
  readCommittedFile,
  readCommittedFiles,
} from './committedFiles';
import { FileLockOptions, withFileLock } from './fileLock';
import { repositoryPath, tenantFolder } from './repositoryPaths';

/** One file to write, its path relative to where it is written. */
export interface GitFile {
  path: string;
  content: string;
}

/** What a write did. */
export interface GitWriteResult extends TreeChanges {
  /** The new commit; undefined when the tree was already as asked. */
  commit?: string;
  changed: boolean;
}

/** A change to commit: folders or files to remove, files to write. */
export interface GitChange {
  /** Folders or files removed, except the files listed in `files`. */
  remove?: string[];
  /** Files written, paths relative to the repository root. */
  files: GitFile[];
  /** One-line subject; the body listing the paths is added. */
  message: string;
}

/** One commit of the log. */
export interface GitLogEntry {
  commit: string;
  message: string;
  author: { name: string; email: string };
}

/** Options of a GitRepositoryTarget. */
export interface GitRepositoryTargetOptions {
  /** The working directory of the repository. */
  dir: string;
  lock?: FileLockOptions;
}

const AUTHOR = { name: 'Tenant Mesh', email: 'tenant-mesh@localhost' };
const BRANCH = 'main';

/**
 * Delivers tenants' manifests as files in a local Git repository, from which
 * a GitOps controller (Argo CD, Flux) syncs the cluster. Each write is one
 * commit, made only when the tree changes, and writes are serialised across
 * processes by a lock file in `.git`.
 *
 * TODO: remote repository through a pull request. A remote target would
 * clone, write through the same commitChange, push a branch and open a pull
 * request instead of committing to main.
 */
export class GitRepositoryTarget {
  readonly #dir: string;
  readonly #lockPath: string;
  readonly #lockOptions: FileLockOptions;

  constructor(options: GitRepositoryTargetOptions) {
    this.#dir = options.dir;
    this.#lockPath = join(options.dir, '.git', 'tenant-mesh.lock');
    this.#lockOptions = options.lock ?? {};
  }

  /** Creates the repository with branch main, unless it exists. */
  async init(): Promise<void> {
    // The lock lives in .git, so that folder must exist before the lock.
    await mkdir(dirname(this.#lockPath), { recursive: true });
    await this.#locked(() =>
      init({ fs, dir: this.#dir, defaultBranch: BRANCH }),
    );
  }

  /**
   * Replaces the folder `tenants/<tenantId>/` with exactly these files
   * (paths relative to that folder): files not listed are removed.
   */
  async writeTenant(options: {
    tenantId: string;
    files: GitFile[];
    message: string;
  }): Promise<GitWriteResult> {
    const folder = tenantFolder(options.tenantId);
    const change = {
      remove: [folder],
      files: options.files.map(file => ({
        path: repositoryPath(this.#dir, folder, file.path),
        content: file.content,
      })),
      message: options.message,
    };
    return this.#locked(() => this.#commitUnlocked(change));
  }

  /** Writes shared files (paths relative to the repository root). */
  async writeShared(files: GitFile[], message: string) {
    return this.commitChange({ files, message });
  }

  /**
   * Removes the files below the `remove` folders (or the files themselves)
   * except those listed, writes the listed files, and commits when the tree
   * changed. Paths are relative to the repository root.
   */
  async commitChange(options: GitChange): Promise<GitWriteResult> {
    const change = this.#checked(options);
    return this.#locked(() => this.#commitUnlocked(change));
  }

  /**
   * Read, compute and commit as one step: `compute` reads the repository
   * (e.g. every tenant record) and returns the change to commit, or
   * undefined for none, while the repository's lock is held. Another
   * process or replica delivering to the same repository waits, so a change
   * derived from what was read never overwrites one committed meanwhile.
   */
  async update(
    compute: () => Promise<GitChange | undefined>,
  ): Promise<GitWriteResult> {
    return this.#locked(async () => {
      const change = await compute();
      if (!change) {
        return { added: [], modified: [], removed: [], changed: false };
      }
      return this.#commitUnlocked(this.#checked(change));
    });
  }

  #checked(options: GitChange) {
    return {
      remove: (options.remove ?? []).map(p =>
        repositoryPath(this.#dir, '.', p),
      ),
      files: options.files.map(file => ({
        path: repositoryPath(this.#dir, '.', file.path),
        content: file.content,
      })),
      message: options.message,
    };
  }

  /**
   * Committed files whose path starts with `prefix`, from HEAD or from
   * `commit`; with `match`, only the files whose path it accepts are read.
   */
  async readFiles(
    prefix: string,
    options: { commit?: string; match?: (path: string) => boolean } = {},
  ): Promise<GitFile[]> {
    const commit = options.commit ?? (await this.head());
    if (!commit) {
      return [];
    }
    return readCommittedFiles({
      dir: this.#dir,
      commit,
      prefix,
      match: options.match,
    });
  }

  /**
   * Paths and blob ids of the committed files below `prefix`, from HEAD or
   * from `commit`, without reading their contents (see `gitBlobId`).
   */
  async listFiles(
    prefix: string,
    options: { commit?: string } = {},
  ): Promise<Array<{ path: string; oid: string }>> {
    const commit = options.commit ?? (await this.head());
    if (!commit) {
      return [];
    }
    return readCommittedBlobIds({ dir: this.#dir, commit, prefix });
  }

  /**
   * One committed file, from HEAD or from `commit`; undefined when there is
   * no such file. Reads only the folders on its path.
   */
  async readFile(
    path: string,
    options: { commit?: string } = {},
  ): Promise<GitFile | undefined> {
    const commit = options.commit ?? (await this.head());
    const content =
      commit && (await readCommittedFile({ dir: this.#dir, commit, path }));
    return typeof content === 'string' ? { path, content } : undefined;
  }

  /**
   * The commit main points at; undefined before the first commit or when
   * the repository does not exist. A commit's files never change, so what
   * is read at a commit may be kept as long as main stays there.
   */
  async head(): Promise<string | undefined> {
    try {
      return await resolveRef({ fs, dir: this.#dir, ref: 'HEAD' });
    } catch (error) {
      // No commit yet on main.
      if ((error as { code?: unknown }).code === 'NotFoundError') {
        return undefined;
      }
      throw error;
    }
  }

  /** The last `depth` commits of main, newest first. */
  async log(depth: number): Promise<GitLogEntry[]> {
    if (!(await this.head())) {
      return [];
    }
    const entries = await gitLog({ fs, dir: this.#dir, ref: BRANCH, depth });
    return entries.map(entry => ({
      commit: entry.oid,
      message: entry.commit.message,
      author: {
        name: entry.commit.author.name,
        email: entry.commit.author.email,
      },
    }));
  }

  /** Paths here are already checked and repository-relative; the caller holds the lock. */
  async #commitUnlocked(change: {
    remove: string[];
    files: GitFile[];
    message: string;
  }): Promise<GitWriteResult> {
    const subject = change.message.trim();
    if (!subject || subject.includes('\n')) {
      throw new InputError('A commit message must be one non-empty line');
    }
    const wanted = new Map(change.files.map(f => [f.path, f.content]));
    if (wanted.size !== change.files.length) {
      throw new InputError('The same file path is given more than once');
    }

    if (!fs.existsSync(join(this.#dir, '.git', 'config'))) {
      throw new NotFoundError(
        `No Git repository in ${this.#dir}; call init() first`,
      );
    }

    {
      const head = await this.head();
      const committed = new Set(
        head ? await listFiles({ fs, dir: this.#dir, ref: head }) : [],
      );
      const changes: TreeChanges = { added: [], modified: [], removed: [] };
      for (const path of committed) {
        const inRemoved = change.remove.some(
          r => path === r || path.startsWith(`${r}/`),
        );
        if (inRemoved && !wanted.has(path)) {
          changes.removed.push(path);
        }
      }
      for (const [path, content] of wanted) {
        if (!head || !committed.has(path)) {
          changes.added.push(path);
        } else if (
          (await readCommittedFile({ dir: this.#dir, commit: head, path })) !==
          content
        ) {
          changes.modified.push(path);
        }
      }
      if (isEmpty(changes)) {
        return { ...changes, changed: false };
      }

      for (const path of changes.removed) {
        await rm(join(this.#dir, path), { force: true });
        await gitRemove({ fs, dir: this.#dir, filepath: path });
        await this.#removeEmptyFolders(dirname(path));
      }
      const written = [...changes.added, ...changes.modified];
      for (const path of written) {
        const absolute = join(this.#dir, path);
        await mkdir(dirname(absolute), { recursive: true });
        await writeFile(absolute, wanted.get(path)!);
      }
      if (written.length > 0) {
        // One call, so the index is rewritten once: one add per file
        // rewrote the whole index each time, quadratic in a large commit.
        await add({ fs, dir: this.#dir, filepath: written });
      }
      const oid = await gitCommit({
        fs,
        dir: this.#dir,
        author: AUTHOR,
        message: commitMessage(subject, changes),
      });
      return { ...changes, commit: oid, changed: true };
    }
  }

  /** Git does not track folders; leave none behind empty. */
  async #removeEmptyFolders(folder: string): Promise<void> {
    for (let f = folder; f !== '.' && f !== ''; f = dirname(f)) {
      try {
        await rmdir(join(this.#dir, f));
      } catch {
        return; // not empty
      }
    }
  }

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(this.#lockPath, fn, this.#lockOptions);
  }
}
