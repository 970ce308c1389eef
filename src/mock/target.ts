import { registerSecret } from '../secrets';
import type { TokenCredentials } from '../auth/credentials';
import type { Target } from '../target';
import { pathValues } from './dataset';
import type { MockServer } from './server';

/** The embedded mock as a target of the suite (or a gateway in front of it, at `baseURL`): its data and test credentials, the same shape as a live target's. */
export function mockTarget(server: MockServer, baseURL = server.url): Target {
  const { facts } = server.dataset;
  // The mock's tokens are test credentials, but they are redacted like real ones so that the
  // redaction is exercised on every run.
  for (const secret of [facts.token, facts.forbiddenToken, facts.otherProjectToken, facts.sk]) registerSecret(secret);
  const token: TokenCredentials = { scheme: 'token', token: facts.token };
  // The values of the path parameters, by name, as the mock's data names them; the project's are apart.
  const { value, empty, otherProject } = pathValues(facts);
  const { project_id: _project, ...ids } = value;
  const { project_id: _other, ...otherIds } = otherProject;
  return {
    kind: 'mock',
    baseURL,
    projectId: facts.projectId,
    ids,
    emptyIds: empty,
    credentials: {
      valid: token,
      token,
      aksk: { scheme: 'aksk', ak: facts.ak, sk: facts.sk },
      forbidden: { scheme: 'token', token: facts.forbiddenToken },
      otherProject: {
        credentials: { scheme: 'token', token: facts.otherProjectToken },
        projectId: facts.otherProjectId,
        ids: otherIds,
      },
    },
  };
}
