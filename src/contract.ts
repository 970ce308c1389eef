import { compileValidators, type Validators } from './validation/validators';
import { defaultSpecFile, readSpec, SpecError, validateSpec, type SpecDocument } from './spec/load-spec';
import { readOperation, type Operation } from './spec/operation';

/** Everything read from the spec that checks, tests and the mock need: built once per process. */
export interface Contract {
  readonly spec: SpecDocument;
  readonly operation: Operation;
  readonly validators: Validators;
}

const loaded = new Map<string, Contract>();

/**
 * The contract of the spec file: parsed, read and compiled once per process. It is synchronous so that
 * test files can make their titles from it; `verifyContract` adds the full OpenAPI validation, run once
 * per run before any test.
 */
export function loadContract(file: string = defaultSpecFile()): Contract {
  let contract = loaded.get(file);
  if (!contract) {
    const spec = readSpec(file);
    const operation = readOperation(spec);
    let validators: Validators;
    try {
      validators = compileValidators(spec, operation);
    } catch (error) {
      throw new SpecError(`${spec.file}: a schema cannot be compiled: ${(error as Error).message}`);
    }
    contract = Object.freeze({ spec, operation, validators });
    loaded.set(file, contract);
  }
  return contract;
}

/** Loads the contract and validates its document against the OpenAPI 3.1 schema (swagger-parser). */
export async function verifyContract(file: string = defaultSpecFile()): Promise<Contract> {
  // The OpenAPI validation comes first: its message names the most basic problem.
  await validateSpec(loaded.get(file)?.spec ?? readSpec(file));
  return loadContract(file);
}
