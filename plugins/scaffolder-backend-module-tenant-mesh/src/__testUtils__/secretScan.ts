import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { isError } from '@backstage/errors';

/** Every text an error carries: message, stack and its causes. */
export function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let e: unknown = error; e; ) {
    if (!isError(e)) {
      texts.push(String(e));
      break;
    }
    texts.push(e.message, e.stack ?? '', JSON.stringify(e));
    e = (e as { cause?: unknown }).cause;
  }
  return texts;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Every file of a Git repository as text, working tree and all loose objects
 * of its history inflated, so a secret in any commit is found.
 */
export function gitRepositoryTexts(dir: string): string[] {
  return walk(dir).map(path => {
    const bytes = readFileSync(path);
    if (path.includes(`${join('.git', 'objects')}`)) {
      try {
        return inflateSync(bytes).toString('latin1');
      } catch {
        return bytes.toString('latin1');
      }
    }
    return bytes.toString('latin1');
  });
}

/** The places among `texts` where one of the secrets shows, plain or base64. */
export function findSecrets(texts: string[], secrets: string[]): string[] {
  const forms = secrets.flatMap(s => [s, Buffer.from(s).toString('base64')]);
  return texts.filter(text => forms.some(form => text.includes(form)));
}
