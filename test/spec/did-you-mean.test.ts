import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/spec/did-you-mean.js';

describe('didYouMean', () => {
  it.each([
    ['tool', ['tools', 'triggers'], 'tools'],
    ['paramaters', ['parameters', 'pagination'], 'parameters'],
    ['desc', ['description', 'name'], 'description'],
    ['int', ['string', 'integer', 'number'], 'integer'],
    ['postgres', ['postgresql', 'mysql'], 'postgresql'],
    ['get', ['GET', 'POST'], 'GET'],
    ['streamable-http', ['stdio', 'http'], 'http'],
  ])('%s → %s', (word, candidates, want) => {
    expect(didYouMean(word, candidates)).toBe(`did you mean \`${want}\`?`);
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('colour', ['name', 'tools'])).toBeUndefined();
    expect(closest('t', ['tools'])).toBeUndefined();
  });
});
