/**
 * A problem as a sentence about the id: the messages of the validation rules
 * are predicates ("is taken by …", "must be a lowercase DNS label …").
 */
export function problemSentence(tenantId: string, message: string): string {
  return `${tenantId} ${message}.`;
}
