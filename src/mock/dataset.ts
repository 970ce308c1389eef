import { loadContracts } from '../contract';

/**
 * The mock's data: deterministic for a seed, so runs repeat, and different across seeds, so tests cannot
 * pin it. One dataset serves every list operation: tasks, their executions, each execution's subtasks,
 * consistent across the lists (an execution's counts sum up its subtasks). This module and the spec are
 * where the operations' own facts live: the lists by operationId, keyed by the owner the path names.
 */

/** The operations the dataset holds lists of. */
export const DETAIL = 'ListTaskExecuteDetail';
export const HISTORY = 'ListTaskExecuteHistory';

export type Subtask = {
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
};

export type Execution = {
  readonly id: string;
  readonly task_id: string;
  readonly task_type: string;
  readonly status: string;
  readonly scheduled_type: string;
  readonly total_count: number;
  readonly success_count: number;
  readonly failed_count: number;
  readonly excuting_count: number;
  readonly time_zone: string;
  readonly begin_time?: string;
  readonly end_time?: string;
  readonly create_time: string;
};

/** An item of any list, as the service lists it. */
export type ListItem = Readonly<Record<string, unknown>>;

/** The lists of one project: operationId → the owner id the path names → items, in the order the service lists them. */
export type ProjectLists = ReadonlyMap<string, ReadonlyMap<string, readonly ListItem[]>>;

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
  /** project id → the project's lists. */
  readonly lists: ReadonlyMap<string, ProjectLists>;
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
    /** A task with executions, among them executeHistoryId, emptyExecuteHistoryId and smallExecuteHistoryId. */
    readonly taskId: string;
    /** A task that has not run yet. */
    readonly emptyTaskId: string;
    readonly otherProjectTaskId: string;
    readonly ak: string;
    readonly sk: string;
  };
}

export interface DatasetOptions {
  readonly seed?: number;
  /** Subtasks of the large record; by default more than the largest page, so that every page size matters. */
  readonly largeCount?: number;
  /** Executions of the task; by default more than the largest page, so that every page size matters there too. */
  readonly executionCount?: number;
}

const TASK_TYPES = ['RESTART_SERVER', 'START_SERVER', 'STOP_SERVER', 'REINSTALL_OS'] as const;
const SCHEDULED_TYPES = ['FIXED_TIME', 'DAY', 'WEEK', 'MONTH'] as const;
const TIME_ZONES = ['Asia/Shanghai', 'Coordinated Universal Time', 'Europe/Paris', 'America/Sao_Paulo'];
const FAILURES = [
  ['WKS.00129901', 'The service is now unavailable to process the request.'],
  ['WKS.00131104', 'The server is not in a state that allows this operation.'],
  ['WKS.00170312', 'The server did not respond before the operation timed out.'],
] as const;

export function buildDataset({ seed = 1, largeCount, executionCount }: DatasetOptions = {}): MockDataset {
  const random = mulberry32(seed);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const hex32 = () => uuid().replace(/-/g, '');
  const token = (label: string) => `MIIT${label}-${hex32()}${hex32()}`;
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const start = Date.UTC(2026, 4, 1 + Math.floor(random() * 20), Math.floor(random() * 24), 0, 0);

  const subtasks = (executeId: string, count: number, taskType: string, timeZone: string, start: number, running: boolean): Subtask[] => {
    return Array.from({ length: count }, (_, index) => {
      const roll = random();
      const status = running && index >= count - 2 && count > 4 ? (index === count - 1 ? 'WAITING' : 'RUNNING') : roll < 0.15 ? 'FAILED' : 'SUCCESS';
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
  const [task, emptyTask, otherTask] = [uuid(), uuid(), uuid()];
  // Past the largest page the spec allows, so that every page size, the largest too, is meaningful.
  const largestPage = Math.max(...loadContracts().all.map(({ operation }) => Number(operation.parameter(operation.list.limit).schema.maximum)));
  const large_count = largeCount ?? largestPage + 1 + Math.floor(random() * 60);
  const taskType = pick(TASK_TYPES);
  const scheduledType = pick(SCHEDULED_TYPES);
  const timeZone = pick(TIME_ZONES);
  const DAY_MS = 86_400_000;

  /** One execution of a task and its subtasks, its counts summed up from them; `day` days after the first. */
  const execution = (id: string, taskId: string, count: number, day: number, running: boolean, type = taskType) => {
    const at = start + day * DAY_MS;
    const details = subtasks(id, count, type, timeZone, at, running);
    const counted = (status: string) => details.filter((d) => d.status === status).length;
    const [success, failed, executing, waiting] = ['SUCCESS', 'FAILED', 'RUNNING', 'WAITING'].map(counted) as [number, number, number, number];
    const ended = details.length === 0 || executing + waiting === 0;
    const lastEnd = details.reduce((latest, d) => (d.end_time && d.end_time > latest ? d.end_time : latest), new Date(at).toISOString());
    const record: Execution = {
      id,
      task_id: taskId,
      task_type: type,
      status: !ended ? 'RUNNING' : failed > 0 ? 'FAILED' : 'SUCCESS',
      scheduled_type: scheduledType,
      total_count: details.length,
      success_count: success,
      failed_count: failed,
      excuting_count: executing,
      time_zone: timeZone,
      begin_time: new Date(at).toISOString(),
      ...(ended ? { end_time: lastEnd } : {}),
      create_time: new Date(at - 1000).toISOString(),
    };
    return { record, details };
  };

  // The task's executions: the named records among others of a few subtasks each, more of them than the
  // largest page; the service lists the newest first.
  const executions = executionCount ?? largestPage + 1 + Math.floor(random() * 30);
  const named = new Map<number, [string, number]>([
    [0, [large, large_count]],
    [1, [empty, 0]],
    [2, [small, 3 + Math.floor(random() * 5)]],
    [3, [medium, 10 + Math.floor(random() * 30)]],
  ]);
  const runs = Array.from({ length: Math.max(executions, named.size) }, (_, index) => {
    const [id, count] = named.get(index) ?? [uuid(), Math.floor(random() * 6)];
    // Only the newest execution (the large record) is still running.
    return execution(id, task, count, Math.max(executions, named.size) - index, index === 0);
  });
  const otherRun = execution(other, otherTask, 5 + Math.floor(random() * 10), 0, false, 'START_SERVER');
  const projectLists = (taskRuns: typeof runs, tasks: Record<string, typeof runs>): ProjectLists =>
    new Map<string, ReadonlyMap<string, readonly ListItem[]>>([
      [DETAIL, new Map<string, readonly ListItem[]>(taskRuns.map((run) => [run.record.id, run.details]))],
      [HISTORY, new Map<string, readonly ListItem[]>(Object.entries(tasks).map(([id, list]) => [id, list.map((run) => run.record)]))],
    ]);
  const lists = new Map<string, ProjectLists>([
    [projectId, projectLists(runs, { [task]: runs, [emptyTask]: [] })],
    [otherProjectId, projectLists([otherRun], { [otherTask]: [otherRun] })],
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
    taskId: task,
    emptyTaskId: emptyTask,
    otherProjectTaskId: otherTask,
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
  return { seed, lists, tokens, accessKeys, iamUser, facts };
}

/** Values of the spec's path parameters, by name. */
export type PathValues = Readonly<Record<string, string>>;

/**
 * The dataset's facts as values of the path parameters the spec names lists with (what a target is
 * configured with): a list with items, an empty list, and a list of the other project, each by parameter.
 */
export function pathValues(facts: MockDataset['facts']): { readonly value: PathValues; readonly empty: PathValues; readonly otherProject: PathValues } {
  return {
    value: { project_id: facts.projectId, execute_history_id: facts.executeHistoryId, task_id: facts.taskId },
    empty: { execute_history_id: facts.emptyExecuteHistoryId, task_id: facts.emptyTaskId },
    otherProject: { project_id: facts.otherProjectId, execute_history_id: facts.otherProjectExecuteHistoryId, task_id: facts.otherProjectTaskId },
  };
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
