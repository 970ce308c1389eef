import { applyEnvFile, ConfigError, loadConfig, type Config } from './config';
import { loadContract, verifyContract, type Contract } from './contract';
import { fetchIamToken } from './auth/iam-password';
import { redactText, redactUrl, registerSecret } from './report/redact';
import { buildCatalogue } from './report/rules-catalogue';
import { loadWaivers } from './report/waivers';
import { SpecError } from './spec/load-spec';

/**
 * Problems found before the first test (a broken spec, a bad configuration, an unreachable target)
 * end the run with one message and exit code 2: no stack trace, no wall of failing tests.
 */
export function stopRun(message: string): never {
  process.stderr.write(`\nThe contract suite cannot start.\n${redactText(message)}\n\n`);
  process.exit(2);
}

function stopOnKnownError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof SpecError) stopRun(error.message);
  throw error;
}

/** What playwright.config.ts needs synchronously: the configuration and the spec, or a clean stop. */
export function preflight(): { config: Config; contract: Contract } {
  let loaded: { config: Config; contract: Contract };
  try {
    applyEnvFile();
    loaded = { config: loadConfig(), contract: loadContract() };
  } catch (error) {
    return stopOnKnownError(error);
  }
  const { problems } = loadWaivers(loaded.config.waiverFiles, new Set(buildCatalogue(loaded.contract).map((rule) => rule.id)));
  if (problems.length) stopRun(`The waivers have ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return loaded;
}

/** Once per run, before any test: the full OpenAPI validation of the spec, and a live target that answers. */
export async function preflightRun(config: Config): Promise<void> {
  try {
    await verifyContract();
  } catch (error) {
    stopOnKnownError(error);
  }
  if (config.target === 'live' && config.live) {
    const reached = await reach(config.live.baseURL, Math.min(config.timeoutMs, 15_000));
    if (reached !== true) stopRun(`The live target ${redactUrl(config.live.baseURL)} (CONTRACT_BASE_URL) is unreachable: ${reached}`);
    const { password, authToken, projectId } = config.live;
    if (password && !authToken) {
      // Once per run: the workers read the token from the environment Playwright hands them.
      try {
        const token = await fetchIamToken(password, projectId, config.timeoutMs);
        registerSecret(token);
        process.env.CONTRACT_IAM_ISSUED_TOKEN = token;
      } catch (error) {
        stopRun((error as Error).message);
      }
    }
  }
}

async function reach(url: string, timeoutMs: number): Promise<true | string> {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}
