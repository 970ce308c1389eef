import type { FullConfig } from '@playwright/test';
import { loadConfig } from '../src/config';
import { preflightRun } from '../src/preflight';

export default async function globalSetup(_config: FullConfig): Promise<void> {
  await preflightRun(loadConfig());
}
