import { loadValidators, compileValidatorCode, type Validators } from './validation/validators';
import { defaultSpecFile, parseSpec, readSpec, readSpecText, SpecError, specDocument, validateSpec, type SpecDocument } from './spec/load-spec';
import { readOperation, type Operation } from './spec/operation';
import { readCompiled, writeCompiled, type CompiledSpec } from './contract-cache';

/** Everything read from the spec that checks, tests and the mock need: built once per process. */
export interface Contract {
  readonly spec: SpecDocument;
  readonly operation: Operation;
  readonly validators: Validators;
}

const loaded = new Map<string, { contract: Contract; compiled: CompiledSpec }>();

/**
 * The contract of the spec file: parsed, read and compiled once per process, or taken from what an
 * earlier process kept of the same bytes (contract-cache.ts). It is synchronous so that test files can
 * make their titles from it; `verifyContract` adds the full OpenAPI validation, run once per run before
 * any test.
 */
export function loadContract(file: string = defaultSpecFile()): Contract {
  return load(file).contract;
}

function load(file: string): { contract: Contract; compiled: CompiledSpec } {
  let entry = loaded.get(file);
  if (!entry) {
    const { absolutePath, text, sha256 } = readSpecText(file);
    const kept = readCompiled(sha256);
    const parsed = kept ?? parseSpec(absolutePath, text);
    const spec = specDocument(absolutePath, sha256, parsed);
    const operation = readOperation(spec);
    let compiled = kept;
    if (!compiled) {
      try {
        compiled = { doc: parsed.doc, lines: parsed.lines, validators: compileValidatorCode(spec, operation) };
      } catch (error) {
        throw new SpecError(`${spec.file}: a schema cannot be compiled: ${(error as Error).message}`);
      }
      writeCompiled(sha256, compiled);
    }
    entry = { contract: Object.freeze({ spec, operation, validators: loadValidators(compiled.validators) }), compiled };
    loaded.set(file, entry);
  }
  return entry;
}

/** Loads the contract and validates its document against the OpenAPI 3.1 schema (swagger-parser), once per spec bytes. */
export async function verifyContract(file: string = defaultSpecFile()): Promise<Contract> {
  let entry: ReturnType<typeof load>;
  try {
    entry = load(file);
  } catch (error) {
    // Of a spec with several problems, the OpenAPI validation's message names the most basic one.
    if (!(error instanceof SpecError)) throw error;
    let parsed: SpecDocument;
    try {
      parsed = readSpec(file);
    } catch {
      throw error;
    }
    await validateSpec(parsed);
    throw error;
  }
  if (!entry.compiled.openapiValid) {
    await validateSpec(entry.contract.spec);
    entry.compiled = { ...entry.compiled, openapiValid: true };
    writeCompiled(entry.contract.spec.sha256, entry.compiled);
  }
  return entry.contract;
}
