import type { MockDataset } from './dataset';

/**
 * The variables a client is pointed at the mock with: the names a live run of the suite reads, the
 * Huawei Cloud SDKs' own (HUAWEICLOUD_SDK_*) and the IAM user's (HW_*), so that a client configured
 * from its environment needs no change.
 */
export function clientEnvironment(baseUrl: string, { facts, iamUser }: Pick<MockDataset, 'facts' | 'iamUser'>): Record<string, string> {
  return {
    CONTRACT_TARGET: 'live',
    CONTRACT_BASE_URL: baseUrl,
    CONTRACT_PROJECT_ID: facts.projectId,
    CONTRACT_EXECUTE_HISTORY_ID: facts.executeHistoryId,
    CONTRACT_EMPTY_EXECUTE_HISTORY_ID: facts.emptyExecuteHistoryId,
    CONTRACT_TASK_ID: facts.taskId,
    CONTRACT_EMPTY_TASK_ID: facts.emptyTaskId,
    CONTRACT_AUTH_TOKEN: facts.token,
    HUAWEICLOUD_SDK_AK: facts.ak,
    HUAWEICLOUD_SDK_SK: facts.sk,
    HUAWEICLOUD_SDK_PROJECT_ID: facts.projectId,
    HUAWEICLOUD_SDK_IAM_ENDPOINT: baseUrl,
    HW_USER_NAME: iamUser.name,
    HW_USER_PASSWORD: iamUser.password,
    HW_DOMAIN_NAME: iamUser.domain,
  };
}
