// Test cleanups that run in reverse order of registration.
import type { TestContext } from 'node:test';

const stacks = new WeakMap<TestContext, (() => unknown)[]>();

/**
 * Runs `cleanup` when the test ends, before every cleanup registered earlier: what was
 * opened last is closed first (node:test runs its own after hooks in the order given,
 * which would drop a database under the pools still open on it).
 */
export function atEnd(t: TestContext, cleanup: () => unknown): void {
  let stack = stacks.get(t);
  if (!stack) {
    const fns: (() => unknown)[] = [];
    stacks.set(t, (stack = fns));
    t.after(async () => {
      for (const fn of fns.reverse()) await fn();
    });
  }
  stack.push(cleanup);
}
