import { isMap, isSeq, LineCounter, type Document, type Node } from 'yaml';

/**
 * The line of the YAML file where each node of the spec is written (a mapping's entry by its key, a
 * sequence's item by its start), keyed by `lineKey` of the node's JSON-pointer segments; a node without
 * a place of its own takes its parent's line. Computed once, so that a line is found without the YAML.
 */
export function linesOf(document: Document, lineCounter: LineCounter): Record<string, number> {
  const lines: Record<string, number> = {};
  const visit = (node: unknown, segments: readonly string[], offset: number | undefined): void => {
    if (offset !== undefined) lines[lineKey(segments)] = lineCounter.linePos(offset).line;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
        // The first entry of a key is the one a reader finds (uniqueKeys keeps them single anyway).
        if (lineKey([...segments, key]) in lines) continue;
        visit(pair.value, [...segments, key], (pair.key as Node | null)?.range?.[0] ?? offset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...segments, String(index)], (item as Node | null)?.range?.[0] ?? offset));
    }
  };
  visit(document.contents, [], (document.contents as Node | null)?.range?.[0]);
  return lines;
}

/** The key of a node in `linesOf`: its JSON-pointer segments. */
export function lineKey(segments: readonly string[]): string {
  return JSON.stringify(segments);
}
