import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { recordingLine, type RecordedExchange, type Recording, type RecordingHeader } from './recording';

/** Keeps every exchange of a recording (the mock's, the proxy's), in memory and, line by line as they happen, in a file. */
export interface Recorder {
  record(exchange: RecordedExchange): void;
  recording(): Recording;
  close(): void;
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
