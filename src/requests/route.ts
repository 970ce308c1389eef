import type { Contract } from '../contract';

/** IAM's token endpoint, which a client of the operations may call first (password credentials). */
export const IAM_TOKENS_PATH = '/v3/auth/tokens';

/** Where a request goes: an operation (with its decoded path parameters), IAM's token endpoint, or anywhere else. */
export type Route =
  | { readonly route: 'operation'; readonly contract: Contract; readonly path: Readonly<Record<string, string>> }
  | { readonly route: 'operation'; readonly contract: Contract; readonly problem: string }
  | { readonly route: 'iam' }
  | { readonly route: 'unknown' };

/** The operations' path templates as a matcher of request paths, as the gateway routes them: one segment a parameter. */
export function routerFor(contracts: readonly Contract[]): (pathname: string) => Route {
  const routes = contracts.map((contract) => {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' +
        contract.operation.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]*)';
        }) +
        '$',
    );
    return { contract, names, pattern };
  });
  return (pathname) => {
    if (pathname === IAM_TOKENS_PATH) return { route: 'iam' };
    for (const { contract, names, pattern } of routes) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      try {
        return { route: 'operation', contract, path: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) };
      } catch {
        return { route: 'operation', contract, problem: 'a path parameter is not valid percent-encoding' };
      }
    }
    return { route: 'unknown' };
  };
}

/**
 * The operation a request to no operation's path was most likely meant for: the one whose template
 * is most like the path, segment by segment (a parameter is like any segment, a literal segment by
 * the share of its leading characters the path's segment repeats: `execute-histories` is more like
 * `execute-history` than `execute-detail`), the first of the spec's on a tie. A client judge holds a
 * wrong path against that operation.
 */
export function nearestContract(contracts: readonly Contract[], pathname: string): Contract {
  const segments = pathname.split('/');
  const likeness = (contract: Contract) =>
    contract.operation.pathTemplate.split('/').reduce((sum, part, index) => {
      const sent = segments[index];
      if (sent === undefined) return sum;
      if (/^\{[^}]+\}$/.test(part) || part === sent) return sum + 1;
      let same = 0;
      while (same < part.length && part[same] === sent[same]) same += 1;
      return sum + same / Math.max(part.length, sent.length);
    }, 0);
  return contracts.reduce((best, contract) => (likeness(contract) > likeness(best) ? contract : best), contracts[0]!);
}
