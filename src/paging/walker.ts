import type { Exchange, Walk } from '../http/exchange';
import type { Operation } from '../spec/operation';

/** The most pages one walk requests before it gives up and reports the walk as incomplete. */
export const MAX_WALK_PAGES = 400;

/**
 * Pages through a list as real clients do (Huawei's Terraform provider among them): offset advanced by
 * the items received, until a short page. The query parameters and the body's fields are the
 * operation's list shape (x-list). It stops early, saying why, on an answer that is not a page (another
 * status than the operation's success, or no list of items), on full pages that keep coming past the
 * total, or after MAX_WALK_PAGES pages.
 */
export async function walkPages(sendPage: (query: Record<string, number>) => Promise<Exchange>, limit: number, operation: Operation, first?: Exchange): Promise<Walk> {
  const { list, successStatus } = operation;
  const pages: Exchange[] = [];
  let offset = 0;
  let stoppedEarly: string | undefined;
  for (;;) {
    if (pages.length >= MAX_WALK_PAGES) {
      stoppedEarly = `gave up after ${pages.length} pages`;
      break;
    }
    // A first page already sent (offset 0, this limit) starts the walk instead of a request of its own.
    const page = pages.length === 0 && first ? first : await sendPage({ [list.offset]: offset, [list.limit]: limit });
    pages.push(page);
    const body = page.response.json as Record<string, unknown> | undefined;
    const items = body?.[list.items];
    const total = body?.[list.total];
    if (String(page.response.status) !== successStatus || !Array.isArray(items)) {
      stoppedEarly = `page ${pages.length} was answered ${page.response.status} without a list of ${list.items}`;
      break;
    }
    if (items.length < limit) break;
    offset += items.length;
    if (typeof total === 'number' && offset > total + limit) {
      stoppedEarly = `full pages kept coming past ${list.offset} ${offset}, beyond ${list.total} ${total}`;
      break;
    }
  }
  return { kind: 'walk', limit, pages, ...(stoppedEarly ? { stoppedEarly } : {}) };
}
