/**
 * Entry point of the child process that runs the local mail catcher (mail-catcher.ts) when no
 * SMTP_URL is set. It reports its addresses to the parent over IPC and exits when the parent goes
 * away.
 */
import { startMailCatcher } from './mail-catcher.js';

const [dir, smtpPort, httpPort] = process.argv.slice(2);

process.on('uncaughtException', (err) => {
  process.stderr.write(`mail catcher: ${err.stack ?? err}\n`);
  process.exit(70);
});
const handle = await startMailCatcher(dir, Number(smtpPort ?? 0), Number(httpPort ?? 0));
process.send?.({ type: 'ready', smtpUrl: handle.smtpUrl, endpoint: handle.webUrl });

const shutdown = () => {
  void handle.close().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined);
