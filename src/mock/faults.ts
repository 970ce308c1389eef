import type { Scenario } from './scenarios';
import type { Fault } from './types';

/** The header a test or an SDK team asks the mock for a fault with. */
export const FAULT_HEADER = 'x-mock-fault';
/** The longest an answer is held back, whatever is asked. */
export const MAX_LATENCY_MS = 30_000;

/** A fault asked for with the X-Mock-Fault header: `500`, `503`, `429; retry-after=2`, `latency=300`, combined with `;`. */
export function parseFault(header: string | string[] | undefined): Fault | undefined {
  if (!header) return undefined;
  const fault: { status?: 429 | 500 | 503; retryAfterSeconds?: number; latencyMs?: number } = {};
  for (const part of String(header).split(';').map((p) => p.trim().toLowerCase())) {
    const [key, value] = part.split('=').map((p) => p.trim());
    if (key === '500' || key === '503' || key === '429') fault.status = Number(key) as 429 | 500 | 503;
    else if (key === 'retry-after' && /^\d+$/.test(value ?? '')) fault.retryAfterSeconds = Number(value);
    else if (key === 'latency' && /^\d+$/.test(value ?? '')) fault.latencyMs = Number(value);
  }
  return fault;
}

/** The scenario's fault for each request of the operation, counted in the order requests arrive (deterministic, never by chance). */
export function scenarioFaults(scenario: Scenario | undefined): (isOperationRequest: boolean) => Fault | undefined {
  let operationRequests = 0;
  return (isOperationRequest) => {
    if (!scenario?.fault || !isOperationRequest) return undefined;
    operationRequests += 1;
    return scenario.fault(operationRequests);
  };
}
