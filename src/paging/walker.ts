import type { Exchange, Walk } from '../http/exchange';

/** The most pages one walk requests before it gives up and reports the walk as incomplete. */
export const MAX_WALK_PAGES = 400;

/**
 * Pages through a record as real clients do (Huawei's Terraform provider among them): offset advanced by
 * the items received, until a short page. It stops early, saying why, on an answer that is not a page
 * (another status than the operation's success, or no list of items), on full pages that keep coming past count, or after MAX_WALK_PAGES pages.
 */
export async function walkPages(sendPage: (query: { offset: number; limit: number }) => Promise<Exchange>, limit: number, successStatus: string): Promise<Walk> {
  const pages: Exchange[] = [];
  let offset = 0;
  let stoppedEarly: string | undefined;
  for (;;) {
    if (pages.length >= MAX_WALK_PAGES) {
      stoppedEarly = `gave up after ${pages.length} pages`;
      break;
    }
    const page = await sendPage({ offset, limit });
    pages.push(page);
    const body = page.response.json as { count?: unknown; items?: unknown } | undefined;
    if (String(page.response.status) !== successStatus || !Array.isArray(body?.items)) {
      stoppedEarly = `page ${pages.length} was answered ${page.response.status} without a list of items`;
      break;
    }
    if (body.items.length < limit) break;
    offset += body.items.length;
    if (typeof body.count === 'number' && offset > body.count + limit) {
      stoppedEarly = `full pages kept coming past offset ${offset}, beyond count ${body.count}`;
      break;
    }
  }
  return { kind: 'walk', limit, pages, ...(stoppedEarly ? { stoppedEarly } : {}) };
}
