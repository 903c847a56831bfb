/**
 * Matches labels against an equality-based label selector (`a=b`, `a==b`,
 * `a!=b`, `a`, `!a`, comma-separated). Set-based terms (`in`, `notin`) are
 * refused, because the fake does not implement them.
 */
export function matchesLabelSelector(
  selector: string | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) {
    return true;
  }
  const actual = labels ?? {};
  return selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .every(term => {
      if (/\s(in|notin)\s/.test(term)) {
        throw new Error(`set-based selector not supported: ${term}`);
      }
      const unequal = term.split('!=');
      if (unequal.length === 2) {
        return actual[unequal[0].trim()] !== unequal[1].trim();
      }
      const equal = term.split(/==?/);
      if (equal.length === 2) {
        return actual[equal[0].trim()] === equal[1].trim();
      }
      if (term.startsWith('!')) {
        return !(term.slice(1) in actual);
      }
      return term in actual;
    });
}
