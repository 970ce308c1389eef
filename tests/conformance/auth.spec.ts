import { randomBytes } from 'node:crypto';
import { expectOk, expectRule } from '../../src/checks/expectations';
import { loadConfig } from '../../src/config';
import { MAX_CLOCK_SKEW_MS } from '../../src/mock/verify-signature';
import type { Target } from '../../src/target';
import { RULE_IDS } from '../../src/checks/rule-ids';
import { loadContract } from '../../src/contract';
import { covers, expect, test, type AuthChoice } from '../fixtures';

/** Which schemes the target is called with: both on the embedded mock; on a live target, those configured. */
const config = loadConfig();
const schemes = {
  token: config.target === 'mock' || !!config.live?.authToken || !!config.live?.password,
  aksk: config.target === 'mock' || !!config.live?.aksk,
};
const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

test.describe('ListTaskExecuteDetail authentication', { tag: '@auth' }, () => {
  test(covers('rejects a request without credentials', RULE_IDS.ruleCase('unauthenticated', 'no-credentials')), { tag: '@smoke' }, async ({ api }) => {
    const exchange = await api.send({ auth: 'none' });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', 'no-credentials'));
  });

  if (schemes.token) {
    const tokens: [string, string, AuthChoice][] = [
      ['empty-token', 'an empty X-Auth-Token', { token: '' }],
      ['malformed-token', 'a malformed X-Auth-Token', { token: 'not a token; <script>' }],
      // Shaped like an IAM token (they start with MII), but issued by nobody.
      ['unknown-token', 'an unknown X-Auth-Token', { token: `MII${randomBytes(600).toString('base64').replace(/[+/=]/g, 'A')}` }],
    ];
    for (const [caseId, title, auth] of tokens) {
      test(covers(`rejects ${title}`, RULE_IDS.ruleCase('unauthenticated', caseId)), async ({ api }) => {
        const exchange = await api.send({ auth });

        expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', caseId));
      });
    }
  }

  if (schemes.aksk) {
    test(covers('serves a request signed with the configured AK/SK (SDK-HMAC-SHA256)', RULE_IDS.status(loadContract().operation.successStatus)), async ({ api }) => {
      const exchange = await api.send({ auth: 'aksk' });

      expect(exchange).toConformToSpec(expectOk(api.contract));
    });

    const signatures: [string, string, (target: Target) => AuthChoice][] = [
      ['empty-authorization', 'an empty Authorization header', () => ({ authorization: '' })],
      ['malformed-authorization', 'a malformed Authorization header', () => ({ authorization: 'SDK-HMAC-SHA256 Access=, Signature=nonsense' })],
      ['unknown-access-key', 'a signature by an unknown access key', () => ({ aksk: { ak: randomHex(10).toUpperCase(), sk: randomHex(20) } })],
      ['tampered-signature', 'a tampered signature', (target) => ({ aksk: target.credentials.aksk!, tamper: true })],
      [
        'expired-signature',
        `an X-Sdk-Date outside the allowed clock skew (${MAX_CLOCK_SKEW_MS / 60_000} min)`,
        (target) => ({ aksk: target.credentials.aksk!, signedAt: new Date(Date.now() - MAX_CLOCK_SKEW_MS - 5 * 60_000) }),
      ],
    ];
    for (const [caseId, title, auth] of signatures) {
      test(covers(`rejects ${title}`, RULE_IDS.ruleCase('unauthenticated', caseId)), async ({ api }) => {
        const exchange = await api.send({ auth: auth(api.target) });

        expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', caseId));
      });
    }
  }
});

test.describe('ListTaskExecuteDetail authorisation', { tag: '@auth' }, () => {
  test(covers('rejects a valid token without workspace:scheduledTasks:getRecord', 'forbidden'), async ({ api }) => {
    test.skip(!api.target.credentials.forbidden, 'no token without the permission is configured (CONTRACT_FORBIDDEN_TOKEN)');

    const exchange = await api.send({ auth: 'forbidden' });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'forbidden'));
  });

  test(covers("rejects a valid token of another project on this project's path", 'other-project'), async ({ api }) => {
    test.skip(!api.target.credentials.otherProject, 'no token of another project is configured (CONTRACT_OTHER_PROJECT_TOKEN, CONTRACT_OTHER_PROJECT_ID)');

    const exchange = await api.send({ auth: 'other-project' });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'other-project'));
  });

  test(covers("never returns this project's execution record under another project", 'tenant-isolation'), async ({ api }) => {
    const other = api.target.credentials.otherProject;
    test.skip(!other, 'no token of another project is configured (CONTRACT_OTHER_PROJECT_TOKEN, CONTRACT_OTHER_PROJECT_ID)');

    const exchange = await api.send({ auth: 'other-project', path: { project_id: other!.projectId } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'tenant-isolation'));
  });
});
