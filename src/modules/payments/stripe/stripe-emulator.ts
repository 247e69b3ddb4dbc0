import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

type Json = Record<string, unknown>;

interface Intent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'succeeded' | 'canceled';
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  created: number;
  last_payment_error: Json | null;
  latest_charge: string | null;
  livemode: false;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Stripe's form encoding (`metadata[orderId]=x`) into a nested object. */
function parseForm(body: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let at = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) at[part] = value;
      else at = (at[part] ??= {}) as Json;
    });
  }
  return out;
}

/** The emulator's publishable key, for the web app's card step. */
export const PUBLISHABLE_KEY = 'pk_test_local';

/**
 * A local stand-in for the Stripe API calls the service makes (PaymentIntents, Refunds), in
 * Stripe's shapes, so the whole checkout runs offline. A browser-like client confirms a payment
 * with `pm_card_visa` (succeeds) or `pm_card_chargeDeclined` (fails); the emulator then sends
 * the signed webhook event Stripe would send. Idempotency keys are honoured. With a state file,
 * PaymentIntents and idempotent answers outlive a restart, as they do at Stripe.
 */
export class StripeEmulator {
  private readonly intents = new Map<string, Intent>();
  private readonly idempotent = new Map<string, { status: number; body: Json }>();
  private server?: http.Server;
  private webhookUrl?: string;
  /** Set false to lose events on the way, as a crash or a network cut would (for reconciliation tests). */
  deliver = true;
  /** Milliseconds every API answer waits, as a slow network would (to catch a caller mid-request). */
  latencyMs = 0;
  /** Events sent, in order (tests read this). */
  readonly sent: { id: string; type: string; delivered: boolean }[] = [];

  constructor(
    private readonly apiKey: string,
    private readonly webhookSecret: string,
    private readonly stateFile?: string,
  ) {
    if (!stateFile) return;
    try {
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {
        intents: [string, Intent][];
        idempotent: [string, { status: number; body: Json }][];
      };
      for (const [k, v] of saved.intents) this.intents.set(k, v);
      for (const [k, v] of saved.idempotent) this.idempotent.set(k, v);
    } catch {
      // no state yet (or unreadable): start empty, as a new Stripe account would
    }
  }

  /** Writes the state whole (to a temporary file, then renamed, so a crash never leaves half of it). */
  private save(): void {
    if (!this.stateFile) return;
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({ intents: [...this.intents], idempotent: [...this.idempotent] }),
    );
    renameSync(tmp, this.stateFile);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * What a browser may do with the publishable key: confirm one PaymentIntent whose client secret
   * it holds, as Stripe.js does (`key=pk_...&client_secret=...`), and nothing else.
   */
  private publishable(req: http.IncomingMessage, form: Json): boolean {
    const m = /^\/v1\/payment_intents\/([^/?]+)\/confirm$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m || form.key !== PUBLISHABLE_KEY) return false;
    const pi = this.intents.get(m[1]);
    return (
      !!pi && typeof form.client_secret === 'string' && form.client_secret === pi.client_secret
    );
  }

  setWebhookUrl(url: string): void {
    this.webhookUrl = url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    // A browser confirms a PaymentIntent from the web app's origin, as Stripe.js does at Stripe.
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Allow-Methods': 'POST, GET',
    };
    const send = (status: number, body: Json) => {
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Request-Id': id('req'),
        ...cors,
      });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const form = parseForm(Buffer.concat(chunks).toString());
    if (req.headers.authorization !== `Bearer ${this.apiKey}` && !this.publishable(req, form))
      return send(401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
      });
    const key = req.headers['idempotency-key'];
    const cacheKey =
      typeof key === 'string' && req.method === 'POST' ? `${req.url}|${key}` : undefined;
    if (cacheKey && this.idempotent.has(cacheKey)) {
      const hit = this.idempotent.get(cacheKey)!;
      return send(hit.status, hit.body);
    }
    const [status, body] = this.route(req.method ?? 'GET', req.url ?? '/', form);
    if (cacheKey && status < 500) this.idempotent.set(cacheKey, { status, body });
    if (req.method === 'POST') this.save();
    send(status, body);
  }

  private route(method: string, url: string, form: Json): [number, Json] {
    const path = url.split('?')[0];
    const notFound: [number, Json] = [
      404,
      { error: { type: 'invalid_request_error', message: `No such route: ${method} ${path}` } },
    ];
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(form.amount);
      if (!Number.isInteger(amount) || amount < 1 || form.currency !== 'krw')
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message: 'amount must be a positive integer of krw',
              param: 'amount',
            },
          },
        ];
      const pi: Intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: 'krw',
        status: 'requires_payment_method',
        client_secret: '',
        description: (form.description as string) ?? null,
        metadata: (form.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
      };
      pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString('hex')}`;
      this.intents.set(pi.id, pi);
      return [200, { ...pi }];
    }
    const m = /^\/v1\/payment_intents\/([^/]+)(\/(confirm|cancel))?$/.exec(path);
    if (m) {
      const pi = this.intents.get(m[1]);
      if (!pi)
        return [
          404,
          {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              message: `No such payment_intent: '${m[1]}'`,
            },
          },
        ];
      if (method === 'GET' && !m[2]) return [200, { ...pi }];
      if (method === 'POST' && m[3] === 'cancel') {
        if (pi.status === 'succeeded')
          return [
            400,
            {
              error: {
                type: 'invalid_request_error',
                code: 'payment_intent_unexpected_state',
                message: 'This PaymentIntent has already succeeded.',
              },
            },
          ];
        pi.status = 'canceled';
        this.emit('payment_intent.canceled', { ...pi });
        return [200, { ...pi }];
      }
      if (method === 'POST' && m[3] === 'confirm') {
        if (pi.status !== 'requires_payment_method')
          return [
            400,
            {
              error: {
                type: 'invalid_request_error',
                code: 'payment_intent_unexpected_state',
                message: `This PaymentIntent's status is ${pi.status}.`,
              },
            },
          ];
        if (form.payment_method === 'pm_card_chargeDeclined') {
          pi.last_payment_error = {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
          };
          this.emit('payment_intent.payment_failed', { ...pi });
          return [402, { error: { ...pi.last_payment_error, payment_intent: { ...pi } } }];
        }
        if (form.payment_method !== 'pm_card_visa')
          return [
            400,
            {
              error: {
                type: 'invalid_request_error',
                message: 'Use pm_card_visa or pm_card_chargeDeclined with the emulator.',
                param: 'payment_method',
              },
            },
          ];
        pi.status = 'succeeded';
        pi.amount_received = pi.amount;
        pi.latest_charge = id('ch');
        pi.last_payment_error = null;
        this.emit('payment_intent.succeeded', { ...pi });
        return [200, { ...pi }];
      }
      return notFound;
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const pi = this.intents.get(form.payment_intent as string);
      if (!pi || pi.status !== 'succeeded')
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message: 'The PaymentIntent has no successful charge to refund.',
              param: 'payment_intent',
            },
          },
        ];
      const amount = form.amount === undefined ? pi.amount_received : Number(form.amount);
      if (!Number.isInteger(amount) || amount < 1 || amount > pi.amount_received)
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message: 'Refund amount is greater than the unrefunded amount.',
              param: 'amount',
            },
          },
        ];
      pi.amount_received -= amount;
      const refund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: 'krw',
        payment_intent: pi.id,
        status: 'succeeded',
        metadata: form.metadata ?? {},
      };
      this.emit('charge.refunded', {
        id: pi.latest_charge,
        object: 'charge',
        amount: pi.amount,
        amount_refunded: pi.amount - pi.amount_received,
        currency: 'krw',
        payment_intent: pi.id,
        metadata: pi.metadata,
        refunded: pi.amount_received === 0,
      });
      return [200, refund];
    }
    return notFound;
  }

  /** Sends a signed event to the service, retrying a few times as Stripe would. */
  private emit(type: string, object: Json): void {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object },
    };
    const record = { id: event.id, type, delivered: false };
    this.sent.push(record);
    const url = this.webhookUrl;
    if (!url || !this.deliver) return;
    const payload = JSON.stringify(event);
    void (async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const signature = Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: this.webhookSecret,
        });
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
            body: payload,
          });
          if (res.ok) {
            record.delivered = true;
            return;
          }
        } catch {
          // the service may be restarting; try again
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    })();
  }
}
