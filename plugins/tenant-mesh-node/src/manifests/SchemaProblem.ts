/** One place where a rendered manifest does not match its schema. */
export interface SchemaProblem {
  /** The object the problem is in: `Kind namespace/name` or, for Envoy, `Type name`. */
  object: string;
  /** Where in the object, e.g. `spec.action` or `resources[0].virtual_hosts[1].domains`. */
  path: string;
  message: string;
}
