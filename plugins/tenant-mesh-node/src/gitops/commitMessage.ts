/** Paths a commit adds, modifies and removes. */
export interface TreeChanges {
  added: string[];
  modified: string[];
  removed: string[];
}

/** Whether the changes are empty. */
export function isEmpty(changes: TreeChanges): boolean {
  return (
    changes.added.length + changes.modified.length + changes.removed.length ===
    0
  );
}

/**
 * The caller's subject line, then a body listing every path by change, so
 * `git log` answers "what did this onboarding change" without a diff.
 */
export function commitMessage(subject: string, changes: TreeChanges): string {
  const sections = (
    [
      ['Added', changes.added],
      ['Changed', changes.modified],
      ['Removed', changes.removed],
    ] as const
  )
    .filter(([, paths]) => paths.length > 0)
    .map(
      ([title, paths]) =>
        `${title}:\n${[...paths]
          .sort()
          .map(p => `  ${p}`)
          .join('\n')}`,
    );
  return `${subject.trim()}\n\n${sections.join('\n\n')}\n`;
}
