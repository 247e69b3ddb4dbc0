/**
 * Entry point of the child process that runs the local S3-compatible server in embedded mode,
 * so that uploads and downloads never share the API's event loop. It reports its endpoint to the
 * parent over IPC and exits when the parent goes away, even if the parent was killed.
 */
import { startLocalS3 } from './local-s3.js';

const [dir, bucket] = process.argv.slice(2);

const handle = await startLocalS3(dir, bucket);
process.send?.({ type: 'ready', endpoint: handle.endpoint, removed: handle.removed.length });

const shutdown = () => {
  void handle.close().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined); // the parent decides when to stop on Ctrl-C
