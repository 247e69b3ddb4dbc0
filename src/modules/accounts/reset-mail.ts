import { bilingualMail } from '../../platform/mail/layout.js';
import type { Mail } from '../../platform/mail/mailer.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;

/**
 * The mail with a password reset link: Korean first, then English, as text and HTML. The link is
 * the only secret a mail of the exchange ever carries, and it works once, for 30 minutes.
 */
export function resetMail(
  to: { id: string; email: string; name: string; token: string },
  publicUrl: string,
): Mail {
  const link = `${publicUrl}/reset-password?token=${encodeURIComponent(to.token)}`;
  return bilingualMail({
    to: to.email,
    name: to.name,
    ko: {
      title: '비밀번호 재설정',
      body: `아래 링크에서 새 비밀번호를 정하세요. 링크는 ${RESET_LINK_MINUTES}분 동안 한 번만 쓸 수 있습니다. 요청하지 않았다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.`,
      links: [{ label: '새 비밀번호 정하기', url: link }],
    },
    en: {
      title: 'Reset your password',
      body: `Choose a new password at the link below. It works once, for ${RESET_LINK_MINUTES} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
      links: [{ label: 'Choose a new password', url: link }],
    },
    messageId: `<reset-${to.id}-${Date.now()}@accounts.exchange>`,
  });
}

/**
 * The notice that a password was changed or reset: if the person did not do it, the link leads to
 * a new reset (OWASP: tell the owner of every password change).
 */
export function changedMail(
  to: { id: string; email: string; name: string },
  publicUrl: string,
): Mail {
  const reset = `${publicUrl}/forgot-password`;
  return bilingualMail({
    to: to.email,
    name: to.name,
    ko: {
      title: '비밀번호가 바뀌었습니다',
      body: '계정의 비밀번호가 바뀌었고, 다른 기기의 로그인은 모두 종료되었습니다. 직접 바꾸지 않았다면 바로 비밀번호를 재설정하고 운영자에게 알려 주세요.',
      links: [{ label: '비밀번호 재설정', url: reset }],
    },
    en: {
      title: 'Your password was changed',
      body: 'The password of your account was changed, and every other device was signed out. If you did not change it, reset it now and tell the operators.',
      links: [{ label: 'Reset the password', url: reset }],
    },
    messageId: `<changed-${to.id}-${Date.now()}@accounts.exchange>`,
  });
}
