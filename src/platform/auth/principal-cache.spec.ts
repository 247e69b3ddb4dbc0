import { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';

const principal = (role: 'admin' | 'member') =>
  new Principal('u1', 'a@b.kr', 'A', [], new Map([['org', role]]));
const cache = (seconds: number) =>
  new PrincipalCache({ auth: { principalCacheSeconds: seconds } } as never);

describe('PrincipalCache', () => {
  it('answers from the cache within the TTL and loads again after it', async () => {
    const c = cache(2);
    const clock = 1_000;
    let loads = 0;
    const load = async () => (loads++, principal('member'));
    await c.get('u1', load, () => clock);
    await c.get('u1', load, () => clock + 1_999);
    expect(loads).toBe(1);
    await c.get('u1', load, () => clock + 2_000);
    expect(loads).toBe(2);
  });

  it('forgets a user at once, and does not keep a load that a forget overtook', async () => {
    const c = cache(60);
    await c.get('u1', async () => principal('member'));
    c.forget('u1');
    let release!: () => void;
    const slow = c.get('u1', () => new Promise((r) => (release = () => r(principal('member')))));
    c.forget('u1'); // e.g. the membership changed while the old one was being read
    release();
    expect((await slow)!.roleIn('org')).toBe('member');
    const fresh = await c.get('u1', async () => principal('admin'));
    expect(fresh!.roleIn('org')).toBe('admin');
  });

  it('keeps nothing with a TTL of 0', async () => {
    const c = cache(0);
    let loads = 0;
    for (let i = 0; i < 3; i++) await c.get('u1', async () => (loads++, principal('member')));
    expect(loads).toBe(3);
  });
});
