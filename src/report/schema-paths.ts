import type { Contract } from '../contract';
import { appendPointer, resolveRef } from '../spec/json-pointer';

/** The documented shape of a body: every property path (`items[].end_time`) and the enums along them. */
export interface DocumentedShape {
  readonly properties: readonly string[];
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

/** Reads the shape of the schema at `pointer`, following `$ref`s. */
export function documentedShape(contract: Contract, pointer: string): DocumentedShape {
  const properties: string[] = [];
  const enums = new Map<string, string[]>();
  const visit = (at: string, path: string, depth: number) => {
    const { node, pointer: resolved } = resolveRef(contract.spec.doc, at);
    const schema = (node ?? {}) as { enum?: unknown[]; properties?: Record<string, unknown>; items?: unknown };
    if (depth > 8) return;
    if (Array.isArray(schema.enum) && path) enums.set(path, schema.enum.map(String));
    for (const name of Object.keys(schema.properties ?? {})) {
      const child = path ? `${path}.${name}` : name;
      properties.push(child);
      visit(appendPointer(resolved, 'properties', name), child, depth + 1);
    }
    if (schema.items) visit(appendPointer(resolved, 'items'), `${path}[]`, depth + 1);
  };
  visit(pointer, '', 0);
  return { properties, enums };
}

/** What a body showed of the shape: the documented paths it had, values of enum paths, paths not documented. */
export function observeBody(shape: DocumentedShape, body: unknown, into: { properties: Set<string>; enumValues: Map<string, Map<string, number>>; unknown: Map<string, number> }): void {
  const documented = new Set(shape.properties);
  const visit = (value: unknown, path: string) => {
    if (shape.enums.has(path) && (typeof value === 'string' || typeof value === 'number')) {
      const counts = into.enumValues.get(path) ?? new Map<string, number>();
      counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
      into.enumValues.set(path, counts);
    }
    if (Array.isArray(value)) return value.forEach((item) => visit(item, `${path}[]`));
    if (!value || typeof value !== 'object') return;
    for (const [name, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${name}` : name;
      if (documented.has(childPath)) {
        into.properties.add(childPath);
        visit(child, childPath);
      } else {
        into.unknown.set(childPath, (into.unknown.get(childPath) ?? 0) + 1);
      }
    }
  };
  visit(body, '');
}
