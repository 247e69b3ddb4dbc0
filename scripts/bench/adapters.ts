/**
 * npm run bench:adapters
 * The Fastify lever of issue 21, measured alone: the same small NestJS application (the service's
 * validation pipe and its quote DTO, a quote-sized answer and an order-sized one) on the Express
 * adapter the service uses and on the Fastify adapter, each in its own process. The load comes
 * from this process, 16 connections at once; each adapter's process is measured by the CPU it
 * uses a request. Rounds alternate (Express, Fastify, Express, ...) so a slow spell of the machine
 * falls on both. A checkout sends about 6 requests to the service (quote, order, two looks at the
 * order, its entitlements, Stripe's webhook): `savedMsPerCheckout` is the difference times that.
 * Last line: one JSON object.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { QuoteDto } from '../../src/modules/orders/dto/order.dto.js';
import { createValidationPipe } from '../../src/platform/errors/validation.js';
import { installBigIntJson } from '../../src/platform/http/bigint-json.js';
import { cpuTimes, pool } from './harness.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 12_000);
const CONNECTIONS = 16;
const REQUESTS_PER_CHECKOUT = 6;

@Controller('api/orders')
class OrdersController {
  @Post('quote')
  quote(@Body() dto: QuoteDto) {
    return {
      productId: dto.productId,
      priceKrw: 10_000n,
      voucherId: dto.voucherId ?? null,
      rateBp: 8000,
      voucherBalanceKrw: 10_000_000n,
      voucherKrw: 8_000n,
      buyerKrw: 2_000n,
      supplyKrw: 9_091n,
      vatKrw: 909n,
    };
  }

  @Get(':id')
  order(@Param('id') id: string) {
    const now = new Date().toISOString();
    return {
      id,
      buyerOrganizationId: randomUUID(),
      sellerOrganizationId: randomUUID(),
      productId: randomUUID(),
      productTitle: '프레스 진동 데이터 2024',
      licence: 'RESEARCH_ONLY',
      priceKrw: 10_000n,
      voucherId: randomUUID(),
      voucherKrw: 8_000n,
      buyerKrw: 2_000n,
      supplyKrw: 9_091n,
      vatKrw: 909n,
      status: 'PAID',
      paidAt: now,
      expiresAt: null,
      createdAt: now,
      updatedAt: now,
      payment: { paymentIntentId: `pi_${id.slice(0, 8)}`, clientSecret: null },
    };
  }
}

@Module({ controllers: [OrdersController] })
class BenchModule {}

/** The child: one adapter's application on a free port, which it prints. */
async function serve(adapter: string): Promise<void> {
  installBigIntJson();
  const app =
    adapter === 'fastify'
      ? await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(BenchModule, { logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  console.log(`port ${address.port}`);
}

/** CPU a request of one adapter's process, in µs, over REQUESTS requests after a warm-up. */
async function measure(adapter: string): Promise<number> {
  const child = spawn(process.execPath, [process.argv[1], 'serve', adapter], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ${adapter} application exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}/api/orders`;
  const body = JSON.stringify({ productId: randomUUID(), voucherId: randomUUID() });
  const one = async (i: number) => {
    const res =
      i % 2 === 0
        ? await fetch(`${base}/quote`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        : await fetch(`${base}/${randomUUID()}`);
    if (res.status >= 300) throw new Error(`${adapter}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const run = (n: number) =>
    pool(
      Array.from({ length: n }, (_, i) => i),
      CONNECTIONS,
      one,
    );
  await run(2_000); // warm-up: the JIT and the connections
  const before = await cpuTimes(child.pid!);
  await run(REQUESTS);
  const after = await cpuTimes(child.pid!);
  child.kill('SIGTERM');
  return ((after.user + after.system - before.user - before.system) * 1000) / REQUESTS;
}

if (process.argv[2] === 'serve') {
  await serve(process.argv[3]);
} else {
  const runs: Record<'express' | 'fastify', number[]> = { express: [], fastify: [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const adapter of ['express', 'fastify'] as const) {
      runs[adapter].push(await measure(adapter));
      console.log(
        `round ${r + 1}, ${adapter}: ${runs[adapter].at(-1)!.toFixed(0)} µs of CPU a request`,
      );
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const express = median(runs.express);
  const fastify = median(runs.fastify);
  console.log(
    `median of ${ROUNDS}: Express ${express.toFixed(0)} µs, Fastify ${fastify.toFixed(0)} µs a request; ${REQUESTS_PER_CHECKOUT} requests a checkout`,
  );
  console.log(
    JSON.stringify({
      expressCpuUsPerRequest: Math.round(express),
      fastifyCpuUsPerRequest: Math.round(fastify),
      savedMsPerCheckout: Math.round(((express - fastify) * REQUESTS_PER_CHECKOUT) / 100) / 10,
    }),
  );
}
