import { expect, test } from '@playwright/test';
import { oneAtATime } from '../../src/http/one-at-a-time';

test('a gate runs tasks one after the other, in the order given, and a failed one does not stop the next', async () => {
  const inTurn = oneAtATime();
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const task = (n: number) => async () => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push(n);
    running -= 1;
    if (n === 2) throw new Error('task 2 failed');
    return n;
  };

  const results = await Promise.allSettled([1, 2, 3, 4].map((n) => inTurn(task(n))));

  expect(most).toBe(1);
  expect(order).toEqual([1, 2, 3, 4]);
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
});
