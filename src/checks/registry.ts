/**
 * A registry of checks: an ordered list in which an id names one check, refused twice as Schemathesis'
 * CHECKS refuses a duplicate name. Server checks and client checks are each one registry.
 */
export function registry<T extends { readonly id: string }>(kind: string, checks: readonly T[]): readonly T[] {
  const ids = new Set<string>();
  for (const check of checks) {
    if (ids.has(check.id)) throw new Error(`A ${kind} named ${check.id} is already registered`);
    ids.add(check.id);
  }
  return Object.freeze([...checks]);
}
