import { isUtf8 } from 'node:buffer';
import type { TextProblem } from './exchange';

/** UTF-8's byte order mark, which RFC 8259 section 8.1 forbids at the start of a JSON text sent over a network. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A body's bytes as text: UTF-8 (RFC 3629) read leniently (a byte that is not UTF-8 becomes U+FFFD, a
 * leading byte order mark is left out, so that the JSON is still judged), and how they were no UTF-8
 * text, if they were not.
 */
export function decodeBody(body: Buffer): { text: string; problem?: TextProblem } {
  const bom = body.subarray(0, BOM.length).equals(BOM);
  const rest = bom ? body.subarray(BOM.length) : body;
  const text = rest.toString('utf8');
  if (bom) return { text, problem: { case: 'byte-order-mark', detail: 'the body begins with the bytes EF BB BF, a byte order mark' } };
  if (isUtf8(rest)) return { text };
  const at = firstInvalid(rest);
  const around = rest.subarray(Math.max(0, at - 24), at + 8);
  return {
    text,
    problem: {
      case: 'invalid-utf8',
      detail: `byte ${at} of the body, 0x${rest[at]!.toString(16).toUpperCase().padStart(2, '0')}, is not UTF-8 (in ${JSON.stringify(around.toString('latin1'))}, read as ISO-8859-1)`,
    },
  };
}

/** The offset of the first byte that does not continue a well-formed UTF-8 sequence (RFC 3629 section 4). */
function firstInvalid(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1 && !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}
