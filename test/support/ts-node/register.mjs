/**
 * `node --import ./test/support/ts-node/register.mjs src/main.ts` runs the service from its
 * TypeScript sources, as jest does (each file transpiled alone, decorator metadata included),
 * so a test can start the real service in a child process and kill it without a build first.
 */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
