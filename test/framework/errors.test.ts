import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  errorBody,
  exitCodeFor,
  FactoryError,
  httpStatusFor,
  toFactoryError,
  unlessNotFound,
} from '../../src/errors.js';

describe('errors by audience', () => {
  it('maps every code to an exit code and an HTTP status in one table', () => {
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      const error = new FactoryError(code, 'x');
      expect(exitCodeFor(error)).toBeGreaterThan(0);
      expect(httpStatusFor(error)).toBeGreaterThanOrEqual(400);
    }
  });

  it('gives user errors the exits validate promises: 1 invalid, 2 unreadable', () => {
    expect(exitCodeFor(new FactoryError('SPEC_INVALID', 'bad'))).toBe(1);
    expect(exitCodeFor(new FactoryError('INPUT_UNREADABLE', 'gone'))).toBe(2);
  });

  it('wraps anything that is not a FactoryError as an internal error, keeping the cause', () => {
    const cause = new TypeError('boom');
    const wrapped = toFactoryError(cause);
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.audience).toBe('internal');
    expect(wrapped.cause).toBe(cause);
    const same = new FactoryError('NOT_FOUND', 'no such server');
    expect(toFactoryError(same)).toBe(same);
  });

  it('renders one JSON shape, leaving out what is absent', () => {
    expect(errorBody(new FactoryError('CONFLICT', 'taken', { hint: 'bump the version' }))).toEqual({
      error: { code: 'CONFLICT', message: 'taken', hint: 'bump the version' },
    });
  });
});

describe('unlessNotFound', () => {
  it('turns NOT_FOUND into undefined and lets every other failure through', async () => {
    expect(await unlessNotFound(Promise.resolve(7))).toBe(7);
    expect(await unlessNotFound(Promise.reject(new FactoryError('NOT_FOUND', 'gone')))).toBeUndefined();
    await expect(unlessNotFound(Promise.reject(new FactoryError('CONFLICT', 'taken')))).rejects.toThrow(
      'taken',
    );
    await expect(unlessNotFound(Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});
