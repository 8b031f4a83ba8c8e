import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  decideRestart,
  EMPTY_HISTORY,
  markHealthy,
} from '../../../src/targets/local/restart-policy.js';
import type { RestartPolicy } from '../../../src/targets/target.js';

const policy: RestartPolicy = { maxRestarts: 3, windowMs: 10_000, initialDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelay', () => {
  it.each([
    { consecutive: 1, want: 100 },
    { consecutive: 2, want: 200 },
    { consecutive: 4, want: 800 },
    { consecutive: 5, want: 1_000 },
    { consecutive: 60, want: 1_000 },
  ])('crash #$consecutive waits $want ms', ({ consecutive, want }) => {
    expect(backoffDelay(policy, consecutive)).toBe(want);
  });
});

describe('decideRestart', () => {
  it('restarts with growing delays, then gives up past maxRestarts within the window', () => {
    let history = EMPTY_HISTORY;
    const delays: number[] = [];
    for (let crash = 0; crash < 3; crash += 1) {
      const decision = decideRestart(policy, history, 1_000 + crash);
      expect(decision.action).toBe('restart');
      if (decision.action === 'restart') delays.push(decision.delayMs);
      history = decision.history;
    }
    expect(delays).toEqual([100, 200, 400]);
    const last = decideRestart(policy, history, 1_010);
    expect(last).toMatchObject({ action: 'give-up', reason: 'crashed 4 times within 10s' });
  });

  it('forgets crashes older than the window', () => {
    let history = EMPTY_HISTORY;
    for (const at of [0, 1, 2]) history = decideRestart(policy, history, at).history;
    expect(decideRestart(policy, history, 20_000).action).toBe('restart');
  });

  it('a healthy server resets the backoff but not the window', () => {
    let history = EMPTY_HISTORY;
    for (const at of [0, 1]) history = decideRestart(policy, history, at).history;
    history = markHealthy(history);
    const decision = decideRestart(policy, history, 2);
    expect(decision).toMatchObject({ action: 'restart', delayMs: 100 });
    expect(decision.history.crashes).toHaveLength(3);
  });
});
