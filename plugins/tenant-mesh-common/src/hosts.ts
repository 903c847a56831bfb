/*
 * One place for the textual form of hosts, so that validation, planning and
 * lint compare hosts the same way.
 */

/**
 * A host without its port, as Istio and Envoy may write it (`host:443`,
 * `host:*`, or a bare `host:`).
 *
 * @public
 */
export function stripPort(host: string): string {
  return host.replace(/:(\*|\d*)$/, '');
}

/**
 * The canonical form of a host: trimmed, lowercase, without a trailing dot.
 * Hosts are compared only in this form. A port is dropped too, so records
 * written before `host` refused ports still name the same host.
 *
 * @public
 */
export function canonicalHost(host: string): string {
  return stripPort(host.trim().toLowerCase()).replace(/\.$/, '');
}
