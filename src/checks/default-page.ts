import type { Check } from './check';

/**
 * Without offset and limit the first page of the default size is returned. Judged by comparing pages
 * (`samePage` of stable-order.ts) and by the page length of the default limit (page-length.ts).
 */
export const defaultPage: Check = {
  id: 'default-page',
  title: 'Default page differs from the first page',
};
