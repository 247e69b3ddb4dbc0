import { checkEndpointUrl, isPublicAddress } from './url-guard.js';

describe('webhook URLs', () => {
  it('public unicast addresses only, whatever their spelling', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.0.0.5',
      '172.16.3.4',
      '192.168.1.1',
      '169.254.169.254', // cloud metadata
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not an address',
    ])
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
  });

  it('https anywhere public; http only to 127.0.0.1 and only outside production', async () => {
    await expect(checkEndpointUrl('http://127.0.0.1:9000/hook', false)).resolves.toBeInstanceOf(
      URL,
    );
    await expect(checkEndpointUrl('https://10.1.2.3/hook', false)).resolves.toBeInstanceOf(URL);
    for (const [url, production] of [
      ['http://127.0.0.1:9000/hook', true],
      ['http://example.com/hook', false],
      ['ftp://example.com/hook', false],
      ['https://user:pw@example.com/hook', false],
      ['https://127.0.0.1/hook', true],
      ['https://169.254.169.254/latest/meta-data', true],
      ['https://[::1]/hook', true],
      ['https://10.1.2.3/hook', true],
      ['https://localhost/hook', true],
      ['not a url', false],
    ] as const)
      await expect(checkEndpointUrl(url, production)).rejects.toMatchObject({
        code: 'WEBHOOK_URL_REFUSED',
      });
  });
});
