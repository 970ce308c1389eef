import { expect, test } from '@playwright/test';
import { decodeBody } from '../../src/http/utf8';

const json = '{"count":1,"items":[{"server_name":"应用服务器-1 🚀"}]}';

test.describe('a JSON body read as a JSON text of RFC 8259 section 8.1 (src/http/utf8.ts)', () => {
  test('UTF-8, Chinese and an emoji included, is read as it is, with no problem', () => {
    expect(decodeBody(Buffer.from(json, 'utf8'))).toEqual({ text: json });
  });

  for (const [what, bytes, ruleCase, detail] of [
    ['a UTF-8 byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), 'byte-order-mark', /EF BB BF/],
    ['an ISO-8859-1 byte', Buffer.from('{"n":"Café"}', 'latin1'), 'invalid-utf8', /byte 9 of the body, 0xE9, is not UTF-8/],
    ['a sequence cut short at the end', Buffer.concat([Buffer.from('{"n":"'), Buffer.from('应', 'utf8').subarray(0, 2)]), 'invalid-utf8', /byte 6 of the body, 0xE5/],
    ['an overlong encoding of "/"', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), 'invalid-utf8', /byte 2 of the body, 0xC0/],
    ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]), 'invalid-utf8', /byte 1 of the body, 0xED/],
    ['a NUL byte', Buffer.from('{"n":"a\u0000"}', 'utf8'), 'invalid-utf8', /byte 7 of the body, 0x00, is a NUL/],
    ['UTF-16LE without a byte order mark', Buffer.from(json, 'utf16le'), 'utf-16-or-32', /UTF-16LE \(its first bytes 7B 00 22 00\)/],
    ['UTF-16BE with its byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]), 'utf-16-or-32', /UTF-16BE, with its byte order mark/],
    ['UTF-32LE with its byte order mark', Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x7b, 0x00, 0x00, 0x00]), 'utf-16-or-32', /UTF-32LE, with its byte order mark/],
  ] as const) {
    test(`${what}: case ${ruleCase}, naming what the bytes were`, () => {
      const { problem } = decodeBody(bytes);

      expect(problem?.case).toBe(ruleCase);
      expect(problem?.detail).toMatch(detail);
    });
  }

  test('the JSON is still read behind a byte order mark and in UTF-16, so that its schema is judged too', () => {
    expect(JSON.parse(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])).text)).toEqual(JSON.parse(json));
    expect(JSON.parse(decodeBody(Buffer.from(json, 'utf16le')).text)).toEqual(JSON.parse(json));
    expect(JSON.parse(decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()])).text)).toEqual(JSON.parse(json));
  });
});
