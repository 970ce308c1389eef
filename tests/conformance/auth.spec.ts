import { randomBytes } from 'node:crypto';
import { expectOk, expectRule } from '../../src/checks/expectations';
import { MAX_CLOCK_SKEW_MS } from '../../src/auth/verify-signature';
import type { Target } from '../../src/target';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, expect, forEachList, test, type AuthChoice } from '../fixtures';

/**
 * The cases of a scheme run where the target is called with it (both on the embedded mock; on a live
 * target, those configured); elsewhere they say what to set. Every target of a run has the same tests.
 */
const requireScheme = (target: Target, scheme: 'token' | 'aksk') =>
  test.skip(
    !target.credentials[scheme],
    scheme === 'token'
      ? 'set CONTRACT_AUTH_TOKEN (or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME) to exercise it'
      : 'set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK to exercise it',
  );
const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

forEachList(test, ({ operation }) => {
  test.describe('authentication', { tag: '@auth' }, () => {
    test(covers('rejects a request without credentials', RULE_IDS.ruleCase('unauthenticated', 'no-credentials')), { tag: '@smoke' }, async ({ api }) => {
      const exchange = await api.send({ auth: 'none' });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', 'no-credentials'));
    });

    // An empty and a malformed token are cells of the header-fields family (tests/conformance/input-matrix.spec.ts).
    const tokens: [string, string, AuthChoice][] = [
      // Shaped like an IAM token (they start with MII), but issued by nobody.
      ['unknown-token', 'an unknown X-Auth-Token', { token: `MII${randomBytes(600).toString('base64').replace(/[+/=]/g, 'A')}` }],
    ];
    for (const [caseId, title, auth] of tokens) {
      test(covers(`rejects ${title}`, RULE_IDS.ruleCase('unauthenticated', caseId)), async ({ api }) => {
        requireScheme(api.target, 'token');
        const exchange = await api.send({ auth });

        expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', caseId));
      });
    }

    test(covers('serves a request signed with the configured AK/SK (SDK-HMAC-SHA256)', RULE_IDS.status(operation.successStatus)), async ({ api }) => {
      requireScheme(api.target, 'aksk');
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
        requireScheme(api.target, 'aksk');
        const exchange = await api.send({ auth: auth(api.target) });

        expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated', caseId));
      });
    }
  });

  /** The 403 rows: the forbidden check is what exercises them on a live target. */
  const forbiddenRows = operation.rule('forbidden').statuses.flatMap((status) => [RULE_IDS.status(status), RULE_IDS.schema(status)]);

  test.describe('authorisation', { tag: '@auth' }, () => {
    test(covers('rejects a valid token without workspace:scheduledTasks:getRecord', 'forbidden', ...forbiddenRows), async ({ api }) => {
      test.skip(!api.target.credentials.forbidden, 'set CONTRACT_FORBIDDEN_TOKEN (a valid token without the permission) to exercise it');

      const exchange = await api.send({ auth: 'forbidden' });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'forbidden'));
    });

    test(covers("rejects a valid token of another project on this project's path", 'other-project'), async ({ api }) => {
      test.skip(!api.target.credentials.otherProject, 'set CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID (a token of another project and its id) to exercise it');

      const exchange = await api.send({ auth: 'other-project' });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'other-project'));
    });

    test(covers("never returns this project's list under another project", 'tenant-isolation'), async ({ api }) => {
      const other = api.target.credentials.otherProject;
      test.skip(!other, 'set CONTRACT_OTHER_PROJECT_TOKEN and CONTRACT_OTHER_PROJECT_ID (a token of another project and its id) to exercise it');

      const exchange = await api.send({ auth: 'other-project', path: { project_id: other!.projectId } });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'tenant-isolation'));
    });
  });
});
