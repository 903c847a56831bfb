/** Joins messages of several sources as sentences, so they do not run together. */
export function sentences(parts: Array<string | undefined>): string {
  return parts
    .map(p => p?.trim())
    .filter((p): p is string => Boolean(p))
    .map(p => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}
