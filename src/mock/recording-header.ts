import type { Contract } from '../contract';
import { RECORDING_KIND, type RecordingHeader } from '../http/recording';
import type { MockDataset } from './dataset';
import { injectedStatuses, type Scenario } from './scenarios';

/** The header of a mock's recording: the spec, the scenario and the data the client was pointed at (no credentials). */
export function recordingHeader(contract: Pick<Contract, "spec">, dataset: MockDataset, baseUrl: string, scenario: Scenario): RecordingHeader {
  const { projectId } = dataset.facts;
  // The size of every list of the project, by operation and owner.
  const lists = dataset.lists.get(projectId) ?? new Map();
  const records = Object.fromEntries([...lists].map(([operationId, owners]) => [operationId, Object.fromEntries([...owners].map(([id, items]) => [id, items.length]))]));
  return {
    kind: RECORDING_KIND,
    version: 1,
    startedAt: new Date().toISOString(),
    baseUrl,
    scenario: { id: scenario.id, description: scenario.description, injects: injectedStatuses(scenario) },
    spec: { file: contract.spec.file, sha256: contract.spec.sha256 },
    facts: { projectId, records },
  };
}
