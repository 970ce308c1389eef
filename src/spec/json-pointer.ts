/** RFC 6901 JSON pointers in URI-fragment form (`#/a/b~1c`), as ajv and OpenAPI `$ref`s write them. */

export function pointerOf(segments: readonly (string | number)[]): string {
  return '#' + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function segmentsOf(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return body
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + pointerOf(segments).slice(1);
}

/** The value at `pointer`, or undefined; `$ref`s on the way are not followed. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const segment of segmentsOf(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Follows local `$ref`s until a node without one, returning the node and where it really is. */
export function resolveRef(doc: unknown, pointer: string): { node: unknown; pointer: string } {
  const seen = new Set<string>();
  let at = pointer;
  let node = valueAt(doc, at);
  while (node && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string') {
    if (seen.has(at)) throw new Error(`circular $ref at ${at}`);
    seen.add(at);
    at = (node as { $ref: string }).$ref;
    node = valueAt(doc, at);
  }
  return { node, pointer: at };
}
