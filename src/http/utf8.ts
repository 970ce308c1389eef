import { isUtf8 } from 'node:buffer';
import type { TextProblem } from './exchange';

/** UTF-8's byte order mark, which RFC 8259 section 8.1 forbids at the start of a JSON text sent over a network. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The encodings RFC 8259 section 8.1 leaves behind (UTF-16 and UTF-32), told as RFC 4627 section 3 told
 * them: by their byte order mark, or by where the NUL bytes of ASCII characters fall in the first four
 * bytes; a JSON text holds no unescaped U+0000, so a NUL there is never UTF-8 JSON.
 */
function wideEncoding(body: Buffer): { name: string; skip: number; decode?: (bytes: Buffer) => string } | undefined {
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  const le16 = (bytes: Buffer) => bytes.toString('utf16le');
  const be16 = (bytes: Buffer) => Buffer.from(bytes).swap16().toString('utf16le');
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { name: 'UTF-32BE, with its byte order mark', skip: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { name: 'UTF-32LE, with its byte order mark', skip: 4 };
  if (a === 0xfe && b === 0xff) return { name: 'UTF-16BE, with its byte order mark', skip: 2, ...(body.length % 2 === 0 ? { decode: be16 } : {}) };
  if (a === 0xff && b === 0xfe) return { name: 'UTF-16LE, with its byte order mark', skip: 2, ...(body.length % 2 === 0 ? { decode: le16 } : {}) };
  if (body.length < 4) return undefined;
  if (a === 0 && b === 0 && c === 0 && d !== 0) return { name: 'UTF-32BE', skip: 0 };
  if (a !== 0 && b === 0 && c === 0 && d === 0) return { name: 'UTF-32LE', skip: 0 };
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return { name: 'UTF-16BE', skip: 0, ...(body.length % 2 === 0 ? { decode: be16 } : {}) };
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return { name: 'UTF-16LE', skip: 0, ...(body.length % 2 === 0 ? { decode: le16 } : {}) };
  return undefined;
}

/**
 * A body's bytes as text, and how they were no UTF-8 JSON text (RFC 8259 section 8.1), if they were not.
 * The text is read as well as it can be, so that the JSON is still judged: a leading byte order mark is
 * left out, UTF-16 is read as UTF-16, and a byte that is not UTF-8 becomes U+FFFD.
 */
export function decodeBody(body: Buffer): { text: string; problem?: TextProblem } {
  const wide = wideEncoding(body);
  if (wide) {
    const rest = body.subarray(wide.skip);
    return { text: wide.decode ? wide.decode(rest) : rest.toString('utf8'), problem: { case: 'utf-16-or-32', detail: `the body is ${wide.name} (its first bytes ${hex(body.subarray(0, 4))}), not UTF-8` } };
  }
  const bom = body.subarray(0, BOM.length).equals(BOM);
  const rest = bom ? body.subarray(BOM.length) : body;
  const text = rest.toString('utf8');
  if (bom) return { text, problem: { case: 'byte-order-mark', detail: 'the body begins with the bytes EF BB BF, a byte order mark' } };
  const nul = rest.indexOf(0);
  if (isUtf8(rest) && nul === -1) return { text };
  const at = nul !== -1 && isUtf8(rest) ? nul : firstInvalid(rest);
  const around = rest.subarray(Math.max(0, at - 24), at + 8);
  return {
    text,
    problem: {
      case: 'invalid-utf8',
      detail: `byte ${at} of the body, 0x${rest[at]!.toString(16).toUpperCase().padStart(2, '0')}, is ${rest[at] === 0 ? 'a NUL, which no JSON text holds unescaped' : 'not UTF-8'} (in ${JSON.stringify(around.toString('latin1'))}, read as ISO-8859-1)`,
    },
  };
}

const hex = (bytes: Buffer) => [...bytes].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');

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
