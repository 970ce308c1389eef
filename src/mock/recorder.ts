import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Contract } from '../contract';
import { recordingLine, RECORDING_KIND, type RecordedExchange, type Recording, type RecordingHeader } from '../http/recording';
import type { MockDataset } from './dataset';
import { injectedStatuses, type Scenario } from './scenarios';

/** Keeps every exchange of a mock, in memory and, line by line as they happen, in a file. */
export interface Recorder {
  record(exchange: RecordedExchange): void;
  recording(): Recording;
  close(): void;
}

/** The header of a mock's recording: the spec, the scenario and the data the client was pointed at (no credentials). */
export function recordingHeader(contract: Contract, dataset: MockDataset, baseUrl: string, scenario: Scenario): RecordingHeader {
  const { projectId } = dataset.facts;
  const records = Object.fromEntries([...(dataset.records.get(projectId) ?? new Map())].map(([id, subtasks]) => [id, subtasks.length]));
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

/** A recorder writing to `file` (created, or emptied) as well; each line is written whole, so a killed mock loses nothing it answered. */
export function createRecorder(header: RecordingHeader, file?: string): Recorder {
  const exchanges: RecordedExchange[] = [];
  let fd: number | undefined;
  if (file) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = openSync(file, 'w');
    writeSync(fd, recordingLine(header));
  }
  return {
    record(exchange) {
      exchanges.push(exchange);
      if (fd !== undefined) writeSync(fd, recordingLine(exchange));
    },
    recording: () => ({ header, exchanges }),
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
