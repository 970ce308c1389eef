import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PROJECT_ROOT, type ParsedSpec } from './spec/load-spec';
import type { ValidatorCode } from './validation/validators';

/**
 * What building the contract computes from the spec's bytes alone: the document as JSON, the line of
 * each node, the validators compiled to code, and whether the OpenAPI validation passed. A run starts
 * one process per worker (and Playwright one more after a failure that is not the contract's), each of
 * which would parse the YAML, load ajv and compile again, and the runner would load swagger-parser and
 * validate again: kept here, in node_modules/.cache, every process after the first starts without.
 *
 * The key is the spec's bytes and all that shapes the result (the versions of yaml, ajv, ajv-formats
 * and swagger-parser, and the source of the modules that parse and compile): a change to any gives a
 * new entry, never a stale one. A cache that cannot be read or written is no error, only slower.
 */
export interface CompiledSpec extends ParsedSpec {
  readonly validators: ValidatorCode;
  /** The document passed the OpenAPI validation (swagger-parser). */
  readonly openapiValid?: boolean;
}

export const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'list-task-execute-detail-contract');

/** The packages and our modules whose change changes what is kept. */
const SHAPED_BY_PACKAGES = ['yaml', 'ajv', 'ajv-formats', '@apidevtools/swagger-parser'];
const SHAPED_BY_SOURCES = ['spec/load-spec.ts', 'spec/spec-location.ts', 'spec/json-pointer.ts', 'spec/operation.ts', 'validation/ajv.ts', 'validation/validators.ts', 'contract-cache.ts'];

let toolchain: string | undefined;

function toolchainHash(): string {
  if (toolchain === undefined) {
    const hash = createHash('sha256');
    for (const name of SHAPED_BY_PACKAGES) {
      try {
        hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\n`);
      } catch {
        hash.update(`${name}@?\n`);
      }
    }
    for (const source of SHAPED_BY_SOURCES) {
      try {
        hash.update(readFileSync(path.join(__dirname, source)));
      } catch {
        hash.update(`${source}?`);
      }
    }
    toolchain = hash.digest('hex');
  }
  return toolchain;
}

/** Where the entry of these spec bytes is kept. */
export function entryFile(specSha256: string): string {
  const key = createHash('sha256').update(`${specSha256}\n${toolchainHash()}`).digest('hex').slice(0, 32);
  return path.join(CACHE_DIR, `${key}.json`);
}

/** The entry of these spec bytes, if one was kept and reads whole. */
export function readCompiled(specSha256: string): CompiledSpec | undefined {
  try {
    const file = entryFile(specSha256);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CompiledSpec;
    if (!entry || typeof entry.doc !== 'object' || !entry.lines || typeof entry.validators?.code !== 'string') return undefined;
    try {
      // Used now: the last to be forgotten (forgetOldest); a cache that cannot be written is still read.
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Read-only: nothing to forget there either.
    }
    return entry;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the entry of these spec bytes. A document that JSON would change (a YAML value JSON has not,
 * such as .inf) is not kept: it is parsed each time, as written.
 */
export function writeCompiled(specSha256: string, entry: CompiledSpec): void {
  const text = JSON.stringify(entry);
  if (!isDeepStrictEqual((JSON.parse(text) as CompiledSpec).doc, entry.doc)) return;
  const file = entryFile(specSha256);
  // Written aside and renamed: workers starting at once never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(partial, text);
    renameSync(partial, file);
    forgetOldest(file);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** The most entries kept: each edit of the spec adds one (about 140 KiB); the least recently used go first. */
const MOST_ENTRIES = 32;

function forgetOldest(kept: string): void {
  const entries = readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(CACHE_DIR, name))
    .filter((file) => file !== kept)
    .map((file) => ({ file, mtimeMs: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of entries.slice(MOST_ENTRIES - 1)) rmSync(file, { force: true });
}
