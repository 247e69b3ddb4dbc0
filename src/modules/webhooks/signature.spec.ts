import { signatureHeader, verifySignature } from './signature.js';

describe('delivery signatures', () => {
  const body = JSON.stringify({ id: '42', type: 'order.paid', data: { orderId: 'o-1' } });
  const now = Date.UTC(2026, 11, 2, 3, 0, 0);
  const t = Math.floor(now / 1000);

  it('verify with the secret, over the exact body and timestamp', () => {
    const header = signatureHeader(['whsec_a'], t, body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_a', header, body, 300, now)).toBe(true);
    expect(verifySignature('whsec_b', header, body, 300, now)).toBe(false);
    expect(verifySignature('whsec_a', header, body.replace('o-1', 'o-2'), 300, now)).toBe(false);
    expect(verifySignature('whsec_a', header.replace(`t=${t}`, `t=${t + 1}`), body, 300, now)).toBe(
      false,
    );
  });

  it('refuse an old timestamp (a replay), and accept either secret during a rotation', () => {
    const old = signatureHeader(['whsec_a'], t - 600, body);
    expect(verifySignature('whsec_a', old, body, 300, now)).toBe(false);
    const both = signatureHeader(['whsec_new', 'whsec_old'], t, body);
    expect(verifySignature('whsec_new', both, body, 300, now)).toBe(true);
    expect(verifySignature('whsec_old', both, body, 300, now)).toBe(true);
    expect(verifySignature('whsec_other', both, body, 300, now)).toBe(false);
  });
});
