import type { AkSkCredentials, Credentials, TokenCredentials } from './auth/credentials';
import type { LiveTargetConfig } from './config';

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
    /** What the tests use: the token when there is one, else the AK/SK. */
    readonly valid: Credentials;
    /** The schemes the target can be called with; the authentication tests run for each. */
    readonly token?: TokenCredentials;
    readonly aksk?: AkSkCredentials;
    /** Valid, but without workspace:scheduledTasks:getRecord. */
    readonly forbidden?: Credentials;
    readonly otherProject?: { readonly credentials: Credentials; readonly projectId: string; readonly executeHistoryId?: string };
  };
}

/** A live target of the configuration (CONTRACT_TARGET=live, or one of CONTRACT_TARGETS). */
export function liveTarget(live: LiveTargetConfig): Target {
  const token: TokenCredentials | undefined = live.authToken ? { scheme: 'token', token: live.authToken } : undefined;
  const aksk: AkSkCredentials | undefined = live.aksk ? { scheme: 'aksk', ...live.aksk } : undefined;
  return {
    kind: 'live',
    baseURL: live.baseURL,
    projectId: live.projectId,
    executeHistoryId: live.executeHistoryId,
    ...(live.emptyExecuteHistoryId ? { emptyExecuteHistoryId: live.emptyExecuteHistoryId } : {}),
    credentials: {
      valid: (token ?? aksk)!,
      ...(token ? { token } : {}),
      ...(aksk ? { aksk } : {}),
      ...(live.forbiddenToken ? { forbidden: { scheme: 'token', token: live.forbiddenToken } } : {}),
      ...(live.otherProject
        ? {
            otherProject: {
              credentials: { scheme: 'token', token: live.otherProject.token },
              projectId: live.otherProject.projectId,
              ...(live.otherProject.executeHistoryId ? { executeHistoryId: live.otherProject.executeHistoryId } : {}),
            },
          }
        : {}),
    },
  };
}

/** Where the preflight tells the workers which targets of a targets file it could not reach, and why (JSON: name → reason). */
export const STOPPED_TARGETS_VARIABLE = 'CONTRACT_STOPPED_TARGETS';

/** The targets the preflight of this run could not reach, by name, with the one message that says why. */
export function stoppedTargets(env: NodeJS.ProcessEnv = process.env): Readonly<Record<string, string>> {
  return env[STOPPED_TARGETS_VARIABLE] ? (JSON.parse(env[STOPPED_TARGETS_VARIABLE]) as Record<string, string>) : {};
}
