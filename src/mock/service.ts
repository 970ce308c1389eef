import type { ParameterValues } from '../requests/parameters';
import type { Operation } from '../spec/operation';
import type { ListItem, MockDataset, ProjectLists } from './dataset';
import type { Deviation } from './deviations';
import type { MockRequest } from './types';

/**
 * The service behind the gateway, for any list operation, by its list shape (x-list): the list the
 * path's owner names, in the project the path names, from `offset`, at most `limit` items, with the
 * total; undefined when the project holds no such list. A deviation may read the lists or cut the page otherwise.
 */
export function serveList(operation: Operation, request: MockRequest, values: ParameterValues, dataset: MockDataset, broken: Deviation | undefined): Record<string, unknown> | undefined {
  const { list } = operation;
  const path = request.path!;
  const projectLists: ProjectLists | undefined = broken?.lists ? broken.lists(request, dataset) : dataset.lists.get(path.project_id!);
  const items = projectLists?.get(operation.operationId)?.get(path[list.owner.parameter]!);
  if (!items) return undefined;
  const offset = Number(values[list.offset]);
  const limit = Number(values[list.limit]);
  const page = broken?.page ? broken.page(items, offset, limit, request) : { count: items.length, items: items.slice(offset, offset + limit) };
  return { [list.total]: page.count, [list.items]: page.items.map((item: ListItem) => ({ ...item })) };
}
