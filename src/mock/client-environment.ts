import { loadContracts } from '../contract';
import { pathValues, type MockDataset } from './dataset';

/** Which of a path parameter's x-contract-variables: one naming a list with items, an empty one, the other project's. */
type VariableKind = 'value' | 'empty' | 'otherProject';

/**
 * The variables the spec names the path parameters of its operations with (x-contract-variables), in
 * the order the spec writes them, each set to the dataset's value of that kind: CONTRACT_PROJECT_ID,
 * CONTRACT_EXECUTE_HISTORY_ID, CONTRACT_TASK_ID, ... A parameter the dataset holds no value of is left out.
 */
export function pathVariables(facts: MockDataset['facts'], kinds: readonly VariableKind[]): Record<string, string> {
  const values = pathValues(facts);
  const variables: Record<string, string> = {};
  for (const { operation } of loadContracts().all) {
    for (const { name, variables: named } of operation.parameters) {
      for (const kind of kinds) {
        const variable = named?.[kind];
        const value = values[kind][name];
        if (variable && value !== undefined) variables[variable] = value;
      }
    }
  }
  return variables;
}

/**
 * The variables a client is pointed at the mock with: the names a live run of the suite reads, the
 * Huawei Cloud SDKs' own (HUAWEICLOUD_SDK_*) and the IAM user's (HW_*), so that a client configured
 * from its environment needs no change.
 */
export function clientEnvironment(baseUrl: string, { facts, iamUser }: Pick<MockDataset, 'facts' | 'iamUser'>): Record<string, string> {
  return {
    CONTRACT_TARGET: 'live',
    CONTRACT_BASE_URL: baseUrl,
    ...pathVariables(facts, ['value', 'empty']),
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
