import { isMap, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { segmentsOf } from './json-pointer';

/** Maps a JSON pointer into the spec to the line of the YAML file where that node is written. */
export function lineOf(document: Document, lineCounter: LineCounter, pointer: string): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of segmentsOf(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === segment);
      if (!pair) return undefined;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else {
      return undefined;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
