import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './spec/load-spec';

/** The suite that judged, as package.json names it. */
export function suiteInfo(): { readonly name: string; readonly version: string } {
  const { name, version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name, version };
}
