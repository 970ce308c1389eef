import { loadValidators, compileValidatorCode, type Validators } from './validation/validators';
import { defaultSpecFile, parseSpec, readSpec, readSpecText, SpecError, specDocument, validateSpec, type SpecDocument } from './spec/load-spec';
import { operationIds, readOperation, type Operation } from './spec/operation';
import { readCompiled, writeCompiled, type CompiledSpec } from './contract-cache';

/** What the checks, the tests and the reports need of one operation: its view of the spec, and the spec's validators. */
export interface Contract {
  readonly spec: SpecDocument;
  readonly operation: Operation;
  readonly validators: Validators;
}

/** Every operation of the spec, each as its Contract: built once per process. */
export interface Contracts {
  readonly spec: SpecDocument;
  readonly validators: Validators;
  /** In the order the spec writes them. */
  readonly all: readonly Contract[];
  /** The contract of an operation; an id the spec does not have is a SpecError. */
  of(operationId: string): Contract;
}

const loaded = new Map<string, { contracts: Contracts; compiled: CompiledSpec }>();

/**
 * The contract of the spec file: parsed, read and compiled once per process, or taken from what an
 * earlier process kept of the same bytes (contract-cache.ts). It is synchronous so that test files can
 * make their titles from it; `verifyContract` adds the full OpenAPI validation, run once per run before
 * any test.
 */
export function loadContracts(file: string = defaultSpecFile()): Contracts {
  return load(file).contracts;
}

/** The contract of one operation of the spec file. */
export function loadContract(operationId: string, file: string = defaultSpecFile()): Contract {
  return load(file).contracts.of(operationId);
}

function load(file: string): { contracts: Contracts; compiled: CompiledSpec } {
  let entry = loaded.get(file);
  if (!entry) {
    const { absolutePath, text, sha256 } = readSpecText(file);
    const kept = readCompiled(sha256);
    const parsed = kept ?? parseSpec(absolutePath, text);
    const spec = specDocument(absolutePath, sha256, parsed);
    const ids = operationIds(spec);
    if (ids.length === 0) throw new SpecError(`${spec.file}: the spec has no operation`);
    const operations = ids.map((id) => readOperation(spec, id));
    let compiled = kept;
    if (!compiled) {
      try {
        compiled = { doc: parsed.doc, lines: parsed.lines, validators: compileValidatorCode(spec, operations) };
      } catch (error) {
        throw new SpecError(`${spec.file}: a schema cannot be compiled: ${(error as Error).message}`);
      }
      writeCompiled(sha256, compiled);
    }
    const validators = loadValidators(compiled.validators);
    const all = operations.map((operation) => Object.freeze({ spec, operation, validators }));
    const of = (operationId: string) => all.find((c) => c.operation.operationId === operationId) ?? fail(`${spec.file}: no operation with operationId ${operationId}`);
    entry = { contracts: Object.freeze({ spec, validators, all: Object.freeze(all), of }), compiled };
    loaded.set(file, entry);
  }
  return entry;
}

/** Loads the contract and validates its document against the OpenAPI 3.1 schema (swagger-parser), once per spec bytes. */
export async function verifyContract(file: string = defaultSpecFile()): Promise<Contracts> {
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
    await validateSpec(entry.contracts.spec);
    entry.compiled = { ...entry.compiled, openapiValid: true };
    writeCompiled(entry.contracts.spec.sha256, entry.compiled);
  }
  return entry.contracts;
}

function fail(message: string): never {
  throw new SpecError(message);
}
