import type { Operation } from '../spec/operation';

/** IAM's token endpoint, which a client of the operation may call first (password credentials). */
export const IAM_TOKENS_PATH = '/v3/auth/tokens';

/** Where a request goes: the operation (with its decoded path parameters), IAM's token endpoint, or anywhere else. */
export type Route =
  | { readonly route: 'operation'; readonly path: Readonly<Record<string, string>> }
  | { readonly route: 'operation'; readonly problem: string }
  | { readonly route: 'iam' }
  | { readonly route: 'unknown' };

/** The operation's path template as a matcher of request paths, as the gateway routes them: one segment a parameter. */
export function routerFor(operation: Operation): (pathname: string) => Route {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      operation.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]*)';
      }) +
      '$',
  );
  return (pathname) => {
    if (pathname === IAM_TOKENS_PATH) return { route: 'iam' };
    const match = pattern.exec(pathname);
    if (!match) return { route: 'unknown' };
    try {
      return { route: 'operation', path: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) };
    } catch {
      return { route: 'operation', problem: 'a path parameter is not valid percent-encoding' };
    }
  };
}
