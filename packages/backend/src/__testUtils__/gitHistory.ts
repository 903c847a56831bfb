import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** The commits of the repository's main branch, oldest first. */
export async function commits(dir: string): Promise<string[]> {
  const out = await git(dir, ['rev-list', '--reverse', 'main']);
  return out.split('\n').filter(Boolean);
}

/**
 * The whole history as text: every commit's message and full patch, and the
 * content of every file of every commit, so a secret in any version of any
 * file is found.
 */
export async function historyText(dir: string): Promise<string> {
  const texts = [await git(dir, ['log', '-p', '--binary', '--all'])];
  for (const commit of await commits(dir)) {
    const files = (await git(dir, ['ls-tree', '-r', '--name-only', commit]))
      .split('\n')
      .filter(Boolean);
    for (const file of files) {
      texts.push(await git(dir, ['show', `${commit}:${file}`]));
    }
  }
  return texts.join('\n');
}
