import type { MockDataset } from './dataset';
import type { MockRequest, MockResponse } from './types';

/**
 * IAM's POST /v3/auth/tokens, password method, scoped to a project by id: a right password gets 201
 * with the token in X-Subject-Token, as Huawei Cloud IAM answers; anything else IAM's own error shape.
 */
export function issueToken(request: MockRequest, dataset: MockDataset, requestId: string): MockResponse {
  const iamError = (status: number, message: string): MockResponse => ({
    status,
    headers: { 'x-iam-trace-id': requestId },
    body: { error: { code: status, message, title: status === 401 ? 'Unauthorized' : 'Bad Request' } },
  });
  if (request.method !== 'POST') return iamError(405, 'The method is not allowed for the requested URL.');
  let auth: { identity?: { methods?: string[]; password?: { user?: { name?: string; password?: string; domain?: { name?: string } } } }; scope?: { project?: { id?: string } } } | undefined;
  try {
    auth = (JSON.parse(request.body) as { auth?: typeof auth }).auth;
  } catch {
    return iamError(400, 'The request body is not JSON.');
  }
  const user = auth?.identity?.password?.user;
  const { iamUser, facts } = dataset;
  if (!auth?.identity?.methods?.includes('password') || user?.name !== iamUser.name || user.password !== iamUser.password || user.domain?.name !== iamUser.domain) {
    return iamError(401, 'The username or password is wrong.');
  }
  const projectId = auth.scope?.project?.id;
  const token = projectId === facts.projectId ? facts.token : projectId === facts.otherProjectId ? facts.otherProjectToken : undefined;
  if (!token) return iamError(400, 'The project does not exist or is not scoped.');
  const issued = new Date();
  return {
    status: 201,
    headers: { 'x-subject-token': token, 'x-iam-trace-id': requestId },
    body: {
      token: {
        methods: ['password'],
        issued_at: issued.toISOString(),
        expires_at: new Date(issued.getTime() + 24 * 3600 * 1000).toISOString(),
        project: { id: projectId, name: 'cn-north-4', domain: { name: iamUser.domain } },
        user: { name: iamUser.name, domain: { name: iamUser.domain } },
      },
    },
  };
}
