import { FacetCache } from './facet-cache.js';

describe('FacetCache', () => {
  it('answers from memory within the time to live, then computes again', async () => {
    const cache = new FacetCache<number>(1000);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('a', compute, 0)).toBe(1);
    expect(await cache.get('a', compute, 999)).toBe(1);
    expect(await cache.get('a', compute, 1000)).toBe(2);
  });

  it('forgets everything on clear and the oldest entry past its size', async () => {
    const cache = new FacetCache<string>(1000, 2);
    await cache.get('a', async () => 'a1', 0);
    await cache.get('b', async () => 'b1', 0);
    await cache.get('c', async () => 'c1', 0);
    expect(await cache.get('a', async () => 'a2', 1)).toBe('a2');
    cache.clear();
    expect(await cache.get('b', async () => 'b2', 2)).toBe('b2');
  });
});
