/**
 * A gate that runs the tasks given to it one after the other, whoever calls it: a worker holding one
 * never has two requests in flight, so CONTRACT_CONCURRENCY workers never have more than that many.
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  };
}
