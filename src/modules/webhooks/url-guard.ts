import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../../platform/errors/domain-error.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether an address may be called in production: public unicast only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

const refuse = (en: string, ko: string) =>
  new DomainError('WEBHOOK_URL_REFUSED', en, { messageKo: ko });

/**
 * Checks an endpoint's URL when it is registered. HTTPS only; `http://127.0.0.1` (or localhost)
 * only outside production, for trying a receiver locally. In production the host must resolve to
 * public addresses only: never the service's own network, private, link-local (cloud metadata)
 * or loopback ranges. The same rule is applied again at every delivery (`guardedLookup`), so a
 * name that later resolves elsewhere is refused then.
 */
export async function checkEndpointUrl(raw: string, production: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(`"${raw}" is not a URL.`, `"${raw}"은(는) URL이 아닙니다.`);
  }
  if (url.username || url.password)
    throw refuse(
      'A webhook URL must not carry a user name or password; the signature proves the sender.',
      '웹훅 URL에는 사용자 이름이나 비밀번호를 넣을 수 없습니다. 서명으로 보낸 곳을 확인합니다.',
    );
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !(loopback && !production))
    throw refuse(
      `A webhook URL must use https (http is allowed only for 127.0.0.1 outside production): ${raw}`,
      `웹훅 URL은 https여야 합니다 (http는 운영 환경이 아닐 때 127.0.0.1에만 허용): ${raw}`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(`A webhook URL must use https: ${raw}`, `웹훅 URL은 https여야 합니다: ${raw}`);
  if (!production) return url;
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true }, (err, a) =>
      err ? reject(err) : resolve(a),
    ),
  ).catch(() => {
    throw refuse(
      `The host of ${raw} could not be resolved.`,
      `${raw}의 호스트 이름을 찾을 수 없습니다.`,
    );
  });
  if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address)))
    throw refuse(
      `${raw} points at a private, loopback or link-local address; webhooks go to public addresses only.`,
      `${raw}은(는) 사설·루프백·링크 로컬 주소를 가리킵니다. 웹훅은 공인 주소로만 보낼 수 있습니다.`,
    );
  return url;
}

/**
 * A `lookup` for http.request that refuses, in production, to connect to anything but public
 * addresses: the check happens on the address actually connected to (no DNS rebinding).
 */
export function guardedLookup(production: boolean) {
  return (
    hostname: string,
    options: object,
    callback: (
      err: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) =>
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = production ? addresses.filter((a) => isPublicAddress(a.address)) : addresses;
      if (!allowed.length)
        return callback(
          Object.assign(new Error(`${hostname} resolves to no public address`), {
            code: 'EADDRNOTPUBLIC',
          }),
          [],
        );
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
}
