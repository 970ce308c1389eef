import { loadContract } from '../contract';

/** The mock's data: deterministic for a seed, so runs repeat, and different across seeds, so tests cannot pin it. */

export interface Subtask {
  readonly id: string;
  readonly execute_id: string;
  readonly server_id: string;
  readonly server_name: string;
  readonly status: string;
  readonly task_type: string;
  readonly time_zone: string;
  readonly begin_time?: string;
  readonly end_time?: string;
  readonly result_code?: string;
  readonly result_message?: string;
}

export interface MockToken {
  readonly projectId: string;
  /** Whether the token's user holds workspace:scheduledTasks:getRecord. */
  readonly permitted: boolean;
}

/** An access key of the mock's gateway: its secret, its project, and whether its user holds the permission. */
export interface MockAccessKey extends MockToken {
  readonly sk: string;
}

/** An IAM user that can exchange its password for a token of one of its projects. */
export interface MockIamUser {
  readonly name: string;
  readonly password: string;
  readonly domain: string;
}

export interface MockDataset {
  readonly seed: number;
  /** project id → execute_history_id → subtasks, in the order the service lists them. */
  readonly records: ReadonlyMap<string, ReadonlyMap<string, readonly Subtask[]>>;
  readonly tokens: ReadonlyMap<string, MockToken>;
  readonly accessKeys: ReadonlyMap<string, MockAccessKey>;
  readonly iamUser: MockIamUser;
  /** What a test target needs to know; the same facts a live target is configured with. */
  readonly facts: {
    readonly projectId: string;
    readonly executeHistoryId: string;
    readonly emptyExecuteHistoryId: string;
    readonly smallExecuteHistoryId: string;
    readonly token: string;
    readonly forbiddenToken: string;
    readonly otherProjectId: string;
    readonly otherProjectToken: string;
    readonly otherProjectExecuteHistoryId: string;
    readonly ak: string;
    readonly sk: string;
  };
}

export interface DatasetOptions {
  readonly seed?: number;
  /** Subtasks of the large record; by default more than the largest page, so that every page size matters. */
  readonly largeCount?: number;
}

const TASK_TYPES = ['RESTART_SERVER', 'START_SERVER', 'STOP_SERVER', 'REINSTALL_OS'] as const;
const TIME_ZONES = ['Asia/Shanghai', 'Coordinated Universal Time', 'Europe/Paris', 'America/Sao_Paulo'];
const FAILURES = [
  ['WKS.00129901', 'The service is now unavailable to process the request.'],
  ['WKS.00131104', 'The server is not in a state that allows this operation.'],
  ['WKS.00170312', 'The server did not respond before the operation timed out.'],
] as const;

export function buildDataset({ seed = 1, largeCount }: DatasetOptions = {}): MockDataset {
  const random = mulberry32(seed);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const hex32 = () => uuid().replace(/-/g, '');
  const token = (label: string) => `MIIT${label}-${hex32()}${hex32()}`;
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const start = Date.UTC(2026, 4, 1 + Math.floor(random() * 20), Math.floor(random() * 24), 0, 0);

  const subtasks = (executeId: string, count: number, taskType: string): Subtask[] => {
    const timeZone = pick(TIME_ZONES);
    return Array.from({ length: count }, (_, index) => {
      const roll = random();
      const status = index >= count - 2 && count > 4 ? (index === count - 1 ? 'WAITING' : 'RUNNING') : roll < 0.15 ? 'FAILED' : 'SUCCESS';
      const begin = start + index * 1500 + Math.floor(random() * 1000);
      const end = begin + 20_000 + Math.floor(random() * 600_000);
      const [resultCode, resultMessage] = pick(FAILURES);
      return {
        id: uuid(),
        execute_id: executeId,
        server_id: uuid(),
        server_name: `APS-WKSAPP${String(index + 1).padStart(3, '0')}`,
        status,
        task_type: taskType,
        time_zone: timeZone,
        ...(status === 'WAITING' ? {} : { begin_time: new Date(begin).toISOString() }),
        ...(status === 'SUCCESS' || status === 'FAILED' ? { end_time: new Date(end).toISOString() } : {}),
        ...(status === 'FAILED' ? { result_code: resultCode, result_message: resultMessage } : {}),
      };
    });
  };

  const projectId = hex32();
  const otherProjectId = hex32();
  const [large, empty, small, medium, other] = [uuid(), uuid(), uuid(), uuid(), uuid()];
  // Past the largest page the spec allows, so that every page size, the largest too, is meaningful.
  const largestPage = Number(loadContract().operation.parameter('limit').schema.maximum);
  const large_count = largeCount ?? largestPage + 1 + Math.floor(random() * 60);
  const records = new Map([
    [
      projectId,
      new Map([
        [large, subtasks(large, large_count, pick(TASK_TYPES))],
        [empty, []],
        [small, subtasks(small, 3 + Math.floor(random() * 5), 'STOP_SERVER')],
        [medium, subtasks(medium, 10 + Math.floor(random() * 30), 'REINSTALL_OS')],
      ]),
    ],
    [otherProjectId, new Map([[other, subtasks(other, 5 + Math.floor(random() * 10), 'START_SERVER')]])],
  ]);
  const facts = {
    projectId,
    executeHistoryId: large,
    emptyExecuteHistoryId: empty,
    smallExecuteHistoryId: small,
    token: token('valid'),
    forbiddenToken: token('noperm'),
    otherProjectId,
    otherProjectToken: token('other'),
    otherProjectExecuteHistoryId: other,
    ak: hex32().slice(0, 20).toUpperCase(),
    sk: `${hex32()}${hex32()}`.slice(0, 40),
  };
  const tokens = new Map<string, MockToken>([
    [facts.token, { projectId, permitted: true }],
    [facts.forbiddenToken, { projectId, permitted: false }],
    [facts.otherProjectToken, { projectId: otherProjectId, permitted: true }],
  ]);
  const accessKeys = new Map<string, MockAccessKey>([[facts.ak, { sk: facts.sk, projectId, permitted: true }]]);
  const iamUser = { name: 'contract-tester', password: `Pw-${hex32().slice(0, 16)}`, domain: 'contract-domain' };
  return { seed, records, tokens, accessKeys, iamUser, facts };
}

/** A small, well-known seeded PRNG: the data must not change between Node versions. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
