import type { ParameterValues } from '../requests/parameters';
import type { MockDataset } from './dataset';
import type { Deviation } from './deviations';
import type { MockRequest } from './types';

/**
 * The service behind the gateway: the page of the execution record the path names, in the project the
 * path names, from `offset`, at most `limit` subtasks, with `count` the record's total; undefined when
 * the project holds no such record. A deviation may read the records or cut the page otherwise.
 */
export function servePage(request: MockRequest, values: ParameterValues, dataset: MockDataset, broken: Deviation | undefined): { count: number; items: object[] } | undefined {
  const path = request.path!;
  const projectRecords = broken?.records ? broken.records(request, dataset) : dataset.records.get(path.project_id!);
  const subtasks = projectRecords?.get(path.execute_history_id!);
  if (!subtasks) return undefined;
  const offset = Number(values.offset);
  const limit = Number(values.limit);
  const page = broken?.page ? broken.page(subtasks, offset, limit, request) : { count: subtasks.length, items: subtasks.slice(offset, offset + limit) };
  return { count: page.count, items: page.items.map((item) => ({ ...item })) };
}
