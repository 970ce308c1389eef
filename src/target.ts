import type { AkSkCredentials, Credentials, TokenCredentials } from './auth/credentials';
import type { LiveTargetConfig } from './config';

/** Values of path parameters by name (`execute_history_id`, `task_id`): what names a list on the target. */
export type PathIds = Readonly<Record<string, string>>;

/** What the tests need to know of the server under test; the same shape for the mock and a live service. */
export interface Target {
  readonly kind: 'mock' | 'live';
  readonly baseURL: string;
  readonly projectId: string;
  /** Per owner path parameter (x-list owner), a value naming a list with items: an execution record with subtasks, a task with executions. */
  readonly ids: PathIds;
  /** Per owner path parameter, a value naming an empty list, where one is known. */
  readonly emptyIds: PathIds;
  /** The records the suite found itself (CONTRACT_TASK_ID), each with why it picked it: the report and the console say so. */
  readonly found?: readonly string[];
  /** The requests sent to find records whose answers broke the contract, for the run to judge. */
  readonly brokenDiscovery?: readonly DiscoveryProbe[];
  readonly credentials: {
    /** What the tests use: the token when there is one, else the AK/SK. */
    readonly valid: Credentials;
    /** The schemes the target can be called with; the authentication tests run for each. */
    readonly token?: TokenCredentials;
    readonly aksk?: AkSkCredentials;
    /** Valid, but without the permission to read the records. */
    readonly forbidden?: Credentials;
    /** Another project: its credentials, its id and, per owner path parameter, one of its lists (object-level authorisation). */
    readonly otherProject?: { readonly credentials: Credentials; readonly projectId: string; readonly ids: PathIds };
  };
}

/** Where the preflight tells the workers what it found on a target (JSON: target name → FoundIds). */
export const FOUND_IDS_VARIABLE = 'CONTRACT_FOUND_IDS';

/** What the preflight found on a target from another list (src/discovery.ts). */
export interface FoundIds {
  readonly ids: PathIds;
  readonly emptyIds: PathIds;
  readonly found: readonly string[];
  /** The requests whose answers the preflight could not use because they break the contract: the run judges them (tests/conformance/discovery.spec.ts). */
  readonly broken?: readonly DiscoveryProbe[];
}

/** A request the preflight sent to find records, whose answer broke the contract: sent again and judged by the run. */
export interface DiscoveryProbe {
  readonly operationId: string;
  readonly path: PathIds;
  readonly query: Readonly<Record<string, number>>;
  /** What it broke, in a few words (the rules' titles and ids). */
  readonly broke: string;
}

/** What the preflight of this run found, by target name. */
export function foundIds(env: NodeJS.ProcessEnv = process.env): Readonly<Record<string, FoundIds>> {
  return env[FOUND_IDS_VARIABLE] ? (JSON.parse(env[FOUND_IDS_VARIABLE]) as Record<string, FoundIds>) : {};
}

/** A live target of the configuration (CONTRACT_TARGET=live, or one of CONTRACT_TARGETS), with what the preflight found on it. */
export function liveTarget(live: LiveTargetConfig, found?: FoundIds): Target {
  const token: TokenCredentials | undefined = live.authToken ? { scheme: 'token', token: live.authToken } : undefined;
  const aksk: AkSkCredentials | undefined = live.aksk ? { scheme: 'aksk', ...live.aksk } : undefined;
  return {
    kind: 'live',
    baseURL: live.baseURL,
    projectId: live.projectId,
    // A configured id wins over a found one.
    ids: { ...found?.ids, ...live.ids },
    emptyIds: { ...found?.emptyIds, ...live.emptyIds },
    ...(found?.found.length ? { found: found.found } : {}),
    ...(found?.broken?.length ? { brokenDiscovery: found.broken } : {}),
    credentials: {
      valid: (token ?? aksk)!,
      ...(token ? { token } : {}),
      ...(aksk ? { aksk } : {}),
      ...(live.forbiddenToken ? { forbidden: { scheme: 'token', token: live.forbiddenToken } } : {}),
      ...(live.otherProject
        ? { otherProject: { credentials: { scheme: 'token', token: live.otherProject.token }, projectId: live.otherProject.projectId, ids: live.otherProject.ids } }
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
