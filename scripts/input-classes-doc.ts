import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContracts } from '../src/contract';
import { INPUT_CLASSES_DOC, renderInputClassesDoc } from '../src/report/input-classes-doc';
import { PROJECT_ROOT } from '../src/spec/load-spec';

/** Writes docs/input-classes.md from the spec and the families (npm run input-classes-doc). */
try {
  writeFileSync(path.join(PROJECT_ROOT, INPUT_CLASSES_DOC), renderInputClassesDoc(loadContracts()));
  process.stdout.write(`wrote ${INPUT_CLASSES_DOC}\n`);
} catch (error) {
  process.stderr.write(`input-classes-doc: ${(error as Error).message}\n`);
  process.exit(2);
}
