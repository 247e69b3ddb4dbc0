import type { CaughtMail } from '../../src/platform/mail/mail-catcher.js';
import { eventually } from './eventually.js';

/** The mails the suite's mail catcher holds for one address, newest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const res = await fetch(
    `${process.env.TEST_MAIL_URL}/messages?to=${encodeURIComponent(address)}`,
  );
  if (!res.ok) throw new Error(`the mail catcher answered ${res.status}`);
  return (await res.json()) as CaughtMail[];
}

/** Waits for a mail to `address` whose subject contains `subject`, and answers it. */
export async function mailTo(address: string, subject: string): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await eventually(`a mail to ${address} about "${subject}"`, async () => {
    found = (await mailsTo(address)).find((m) => m.subject.includes(subject));
    return Boolean(found);
  });
  return found!;
}
