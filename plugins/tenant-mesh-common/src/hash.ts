/*
 * A small pure hash for derived ids and content checksums. It is not a
 * security primitive: it only has to be stable across runtimes (browser and
 * Node) and spread its input well, which FNV-1a does.
 */

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * FNV-1a (64 bit) of the UTF-8 bytes of `text`, as 16 lowercase hex digits.
 *
 * @public
 */
export function fnv1a64(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV64_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, '0');
}
