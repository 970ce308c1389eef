import type { Config } from './config';
import type { MockServer } from './mock/server';
import { registerSecret } from './report/redact';

export type Credentials = { readonly scheme: 'token'; readonly token: string };

/** What the tests need to know of the server under test; the same shape for the mock and a live service. */
export interface Target {
  readonly kind: 'mock' | 'live';
  readonly baseURL: string;
  readonly projectId: string;
  /** An execution record with at least one subtask. */
  readonly executeHistoryId: string;
  /** An execution record without subtasks, if one is known. */
  readonly emptyExecuteHistoryId?: string;
  readonly credentials: {
    readonly valid: Credentials;
    /** Valid, but without workspace:scheduledTasks:getRecord. */
    readonly forbidden?: Credentials;
    readonly otherProject?: { readonly credentials: Credentials; readonly projectId: string };
  };
}

export function liveTarget(config: Config): Target {
  const live = config.live!;
  return {
    kind: 'live',
    baseURL: live.baseURL,
    projectId: live.projectId,
    executeHistoryId: live.executeHistoryId,
    ...(live.emptyExecuteHistoryId ? { emptyExecuteHistoryId: live.emptyExecuteHistoryId } : {}),
    credentials: {
      valid: { scheme: 'token', token: live.authToken! },
      ...(live.forbiddenToken ? { forbidden: { scheme: 'token', token: live.forbiddenToken } } : {}),
      ...(live.otherProject
        ? { otherProject: { credentials: { scheme: 'token', token: live.otherProject.token }, projectId: live.otherProject.projectId } }
        : {}),
    },
  };
}

export function mockTarget(server: MockServer): Target {
  const { facts } = server.dataset;
  // The mock's tokens are test credentials, but they are redacted like real ones so that the
  // redaction is exercised on every run.
  for (const token of [facts.token, facts.forbiddenToken, facts.otherProjectToken]) registerSecret(token);
  return {
    kind: 'mock',
    baseURL: server.url,
    projectId: facts.projectId,
    executeHistoryId: facts.executeHistoryId,
    emptyExecuteHistoryId: facts.emptyExecuteHistoryId,
    credentials: {
      valid: { scheme: 'token', token: facts.token },
      forbidden: { scheme: 'token', token: facts.forbiddenToken },
      otherProject: { credentials: { scheme: 'token', token: facts.otherProjectToken }, projectId: facts.otherProjectId },
    },
  };
}
