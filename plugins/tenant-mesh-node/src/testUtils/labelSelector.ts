/** Whether an object's labels match a parsed selector. */
export type LabelMatcher = (
  labels: Record<string, string> | undefined,
) => boolean;

/**
 * Parses an equality-based label selector (`a=b`, `a==b`, `a!=b`, `a`,
 * `!a`, comma-separated) once, so a list tests each object without parsing
 * again. Set-based terms (`in`, `notin`) are refused up front, as the API
 * server refuses a bad selector whether or not any object exists.
 *
 * @throws Error for a set-based term, which the fake does not implement.
 */
export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  const terms = (selector ?? '')
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .map(termMatcher);
  return labels => {
    const actual = labels ?? {};
    return terms.every(matches => matches(actual));
  };
}

function termMatcher(
  term: string,
): (labels: Record<string, string>) => boolean {
  if (/\s(in|notin)\s/.test(term)) {
    throw new Error(`set-based selector not supported: ${term}`);
  }
  const unequal = term.split('!=');
  if (unequal.length === 2) {
    const [key, value] = unequal.map(s => s.trim());
    return labels => labels[key] !== value;
  }
  const equal = term.split(/==?/);
  if (equal.length === 2) {
    const [key, value] = equal.map(s => s.trim());
    return labels => labels[key] === value;
  }
  if (term.startsWith('!')) {
    const key = term.slice(1);
    return labels => !(key in labels);
  }
  return labels => term in labels;
}
