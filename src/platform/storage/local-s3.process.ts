/**
 * Entry point of the child process that runs the local S3-compatible server in embedded mode,
 * so that uploads and downloads never share the API's event loop. It reports its endpoint to the
 * parent over IPC and exits when the parent goes away, even if the parent was killed.
 */
import { startLocalS3 } from './local-s3.js';

const [dir, bucket, port] = process.argv.slice(2);

// A fault in s3rver must not leave it half-alive: it exits, and the parent starts it again.
process.on('uncaughtException', (err) => {
  process.stderr.write(`local S3 server: ${err.stack ?? err}\n`);
  process.exit(70);
});
const handle = await startLocalS3(dir, bucket, Number(port ?? 0));
process.send?.({ type: 'ready', endpoint: handle.endpoint, removed: handle.removed.length });

const shutdown = () => {
  void handle.close().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined); // the parent decides when to stop on Ctrl-C
