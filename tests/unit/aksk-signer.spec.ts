import { createHash, createHmac } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';
import type { SignableRequest } from '../../src/http/exchange';
import { formatSdkDate, signCanonical, signRequest } from '../../src/auth/aksk-signer';

// Every expectation below comes from a published vector, the official Huawei Cloud Node.js SDK,
// or a canonical request written out by hand and hashed here with node:crypto.

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const KEYS = { ak: 'AccessKey', sk: 'SecretKey' };
const NOW = new Date(Date.UTC(2019, 10, 15, 3, 36, 55));
const NOW_SDK_DATE = '20191115T033655Z';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');
/** The Authorization header for a hand-written canonical request, computed without the code under test. */
const authorizationFor = (canonicalRequest: string, signedHeaders: string): string =>
  `SDK-HMAC-SHA256 Access=${KEYS.ak}, SignedHeaders=${signedHeaders}, Signature=` +
  hmac(KEYS.sk, `SDK-HMAC-SHA256\n${NOW_SDK_DATE}\n${sha256(canonicalRequest)}`);

test.describe('known vectors', () => {
  test('signCanonical reproduces the Go SDK signer_test.go signature', () => {
    const canonicalRequest = `GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_SHA256}`;
    expect(signCanonical(canonicalRequest, '20060102T150405Z', 'SecretKey')).toBe(
      '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  test('the documented VPC list request has the documented signed headers and canonical-request hash', () => {
    const signature = signRequest(
      {
        method: 'GET',
        url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        headers: { 'Content-Type': 'application/json' },
      },
      KEYS,
      NOW,
    );
    expect(signature.signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(sha256(signature.canonicalRequest)).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(signature.stringToSign).toBe(
      `SDK-HMAC-SHA256\n${NOW_SDK_DATE}\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a`,
    );
    expect(Object.keys(signature.headers).sort()).toEqual(['Authorization', 'X-Sdk-Date']);
    expect(signature.headers['X-Sdk-Date']).toBe(NOW_SDK_DATE);
  });
});

test.describe('agreement with the official Huawei Cloud Node.js SDK (@huaweicloud/huaweicloud-sdk-core)', () => {
  /** The SDK's request shape: path in `endpoint`, query as an object; an X-Sdk-Date header pins its clock. */
  const sdkRequest = (method: string, endpoint: string, queryParams: Record<string, string>, headers: Record<string, string>, data?: unknown): IHttpRequest =>
    ({ method, endpoint, queryParams, headers: { ...headers, 'X-Sdk-Date': NOW_SDK_DATE }, data });
  const credential = new BasicCredentials().withAk(KEYS.ak).withSk(KEYS.sk);
  const officialAuthorization = (request: IHttpRequest): string | undefined =>
    (AKSKSigner.sign(request, credential) as Record<string, string>)['Authorization'];

  const cases: { title: string; ours: SignableRequest; sdk: IHttpRequest }[] = [
    {
      title: 'a query whose values need encoding',
      ours: {
        method: 'GET',
        url: 'https://workspace-app.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef/schedule-task/abc/execute-detail?limit=10&offset=0&name=a b/c',
        headers: { 'Content-Type': 'application/json' },
      },
      sdk: sdkRequest(
        'GET',
        'https://workspace-app.cn-north-4.myhuaweicloud.com/v1/0123456789abcdef/schedule-task/abc/execute-detail',
        { limit: '10', offset: '0', name: 'a b/c' },
        { 'Content-Type': 'application/json' },
      ),
    },
    {
      title: 'a path segment whose characters need encoding',
      ours: {
        method: 'GET',
        url: 'https://workspace-app.cn-north-4.myhuaweicloud.com/v1/p1/tasks/n:a@b,c(1)!*$;=é中',
        headers: {},
      },
      sdk: sdkRequest('GET', 'https://workspace-app.cn-north-4.myhuaweicloud.com/v1/p1/tasks/n:a@b,c(1)!*$;=é中', {}, {}),
    },
    {
      title: 'an X-Project-Id header, a non-default port and a JSON body',
      ours: {
        method: 'POST',
        url: 'https://127.0.0.1:8443/v1/p1/tasks?marker=x',
        headers: { 'Content-Type': 'application/json', 'X-Project-Id': '0123456789abcdef' },
        body: '{"name":"nightly","ids":[1,2]}',
      },
      // The SDK hashes JSON.stringify(data), so it gets the parsed body.
      sdk: sdkRequest(
        'POST',
        'https://127.0.0.1:8443/v1/p1/tasks',
        { marker: 'x' },
        { 'Content-Type': 'application/json', 'X-Project-Id': '0123456789abcdef' },
        { name: 'nightly', ids: [1, 2] },
      ),
    },
  ];

  for (const { title, ours, sdk } of cases) {
    test(`the Authorization header matches the SDK's for ${title}`, () => {
      const signature = signRequest(ours, KEYS, NOW);
      expect(signature.headers['Authorization']).toBe(officialAuthorization(sdk));
      expect(signature.headers['X-Sdk-Date']).toBe(NOW_SDK_DATE);
    });
  }
});

test.describe('canonical form', () => {
  test('the canonical URI gets a trailing slash while the wire URL is unchanged', () => {
    const request: SignableRequest = Object.freeze({ method: 'get', url: 'https://h.example.com/v1/items', headers: {} });
    const signature = signRequest(request, KEYS, NOW);
    expect(request.url).toBe('https://h.example.com/v1/items');
    const canonicalRequest = `GET\n/v1/items/\n\nhost:h.example.com\nx-sdk-date:${NOW_SDK_DATE}\n\nhost;x-sdk-date\n${EMPTY_SHA256}`;
    expect(signature.canonicalRequest).toBe(canonicalRequest);
    expect(signature.headers['Authorization']).toBe(authorizationFor(canonicalRequest, 'host;x-sdk-date'));
  });

  test('repeated query keys sort by value after the keys sort', () => {
    const signature = signRequest({ method: 'GET', url: 'https://h.example.com/v1/?b=2&a=x&b=10&b=1', headers: {} }, KEYS, NOW);
    expect(signature.canonicalRequest.split('\n')[2]).toBe('a=x&b=1&b=10&b=2');
  });

  test('an empty query gives an empty line', () => {
    for (const url of ['https://h.example.com/v1', 'https://h.example.com/v1?']) {
      const lines = signRequest({ method: 'GET', url, headers: {} }, KEYS, NOW).canonicalRequest.split('\n');
      expect(lines.slice(0, 3)).toEqual(['GET', '/v1/', '']);
    }
  });

  test('a body, a port, untrimmed values and a caller Authorization header canonicalize as written by hand', () => {
    const body = '{"a":"é"}';
    const signature = signRequest(
      {
        method: 'PUT',
        url: 'http://h.example.com:8080/v1/a%20b/x%2Fy?q=%E4%B8%AD&empty',
        headers: { 'X-Project-Id': '  p1 \t', Authorization: 'stale', 'Content-Type': 'application/json' },
        body,
      },
      KEYS,
      NOW,
    );
    const canonicalRequest = [
      'PUT',
      '/v1/a%20b/x%2Fy/',
      'empty=&q=%E4%B8%AD',
      `content-type:application/json\nhost:h.example.com:8080\nx-project-id:p1\nx-sdk-date:${NOW_SDK_DATE}\n`,
      'content-type;host;x-project-id;x-sdk-date',
      sha256(body),
    ].join('\n');
    expect(signature.canonicalRequest).toBe(canonicalRequest);
    expect(signature.headers['Authorization']).toBe(authorizationFor(canonicalRequest, 'content-type;host;x-project-id;x-sdk-date'));
  });

  test('an X-Sdk-Content-Sha256 header replaces the body hash', () => {
    const signature = signRequest(
      { method: 'POST', url: 'https://h.example.com/v1', headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'ignored' },
      KEYS,
      NOW,
    );
    expect(signature.canonicalRequest.split('\n').at(-1)).toBe('UNSIGNED-PAYLOAD');
    expect(signature.signedHeaders).toBe('host;x-sdk-content-sha256;x-sdk-date');
  });

  test('a tampered SK gives a different signature', () => {
    const request: SignableRequest = { method: 'GET', url: 'https://h.example.com/v1', headers: {} };
    const genuine = signRequest(request, KEYS, NOW).headers['Authorization'];
    const tampered = signRequest(request, { ...KEYS, sk: 'SecretKeY' }, NOW).headers['Authorization'];
    expect(tampered).not.toBe(genuine);
  });

  test('formatSdkDate writes UTC as YYYYMMDDTHHMMSSZ', () => {
    expect(formatSdkDate(new Date(Date.UTC(2026, 10, 29, 1, 2, 3)))).toBe('20261129T010203Z');
  });
});
