import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SPEC_FILE } from '../../src/spec/load-spec';

/** A copy of the spec in a temporary folder, edited as text: how a user would break or change it. */
export function specCopy(edit: (text: string) => string, name = 'schedule-task.yaml'): string {
  const original = readFileSync(SPEC_FILE, 'utf8');
  const changed = edit(original);
  if (changed === original) throw new Error('the edit did not change the spec');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'spec-')), name);
  writeFileSync(file, changed);
  return file;
}
