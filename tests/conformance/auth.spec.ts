import { randomBytes } from 'node:crypto';
import { expectRule } from '../../src/checks/expectations';
import { expect, test } from '../fixtures';

test.describe('ListTaskExecuteDetail authentication', { tag: '@auth' }, () => {
  const unauthenticated = [
    { title: 'a request without X-Auth-Token', auth: 'none' as const },
    { title: 'an empty X-Auth-Token', auth: { token: '' } },
    { title: 'a malformed X-Auth-Token', auth: { token: 'not a token; <script>' } },
    // Shaped like an IAM token (they start with MII), but issued by nobody.
    { title: 'an unknown X-Auth-Token', auth: { token: `MII${randomBytes(600).toString('base64').replace(/[+/=]/g, 'A')}` } },
  ];
  for (const { title, auth } of unauthenticated) {
    test(`rejects ${title}`, async ({ api }) => {
      const exchange = await api.send({ auth });

      expect(exchange).toConformToSpec(expectRule(api.contract, 'unauthenticated'));
    });
  }
});

test.describe('ListTaskExecuteDetail authorisation', { tag: '@auth' }, () => {
  test('rejects a valid token without workspace:scheduledTasks:getRecord', async ({ api }) => {
    test.skip(!api.target.credentials.forbidden, 'no token without the permission is configured (CONTRACT_FORBIDDEN_TOKEN)');

    const exchange = await api.send({ auth: 'forbidden' });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'forbidden'));
  });

  test("rejects a valid token of another project on this project's path", async ({ api }) => {
    test.skip(!api.target.credentials.otherProject, 'no token of another project is configured (CONTRACT_OTHER_PROJECT_TOKEN, CONTRACT_OTHER_PROJECT_ID)');

    const exchange = await api.send({ auth: 'other-project' });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'other-project'));
  });

  test("never returns this project's execution record under another project", async ({ api }) => {
    const other = api.target.credentials.otherProject;
    test.skip(!other, 'no token of another project is configured (CONTRACT_OTHER_PROJECT_TOKEN, CONTRACT_OTHER_PROJECT_ID)');

    const exchange = await api.send({ auth: 'other-project', path: { project_id: other!.projectId } });

    expect(exchange).toConformToSpec(expectRule(api.contract, 'tenant-isolation'));
  });
});
