import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProgramKind, Program } from '../programs/index.js';
import type { Agreement } from './agreement.entity.js';

/** What a later module attaches to a signed agreement: a voucher (purchase) or a processing project. */
export interface AgreementAttachment {
  voucherId?: string;
  processingProjectId?: string;
}

type OnSigned = (
  m: EntityManager,
  agreement: Agreement,
  program: Program,
) => Promise<AgreementAttachment>;
type OnClosed = (
  m: EntityManager,
  agreement: Agreement,
  program: Program,
  outcome: 'COMPLETED' | 'CANCELLED',
) => Promise<void>;

/**
 * The seam for the purchase-support (vouchers) and processing-support (projects) modules: they
 * register what happens, inside the signing transaction, when an agreement of their kind is signed
 * or closed.
 */
@Injectable()
export class AgreementSeams {
  private readonly signed = new Map<ProgramKind, OnSigned>();
  private readonly closed = new Map<ProgramKind, OnClosed>();

  onSigned(kind: ProgramKind, handler: OnSigned): void {
    this.signed.set(kind, handler);
  }

  onClosed(kind: ProgramKind, handler: OnClosed): void {
    this.closed.set(kind, handler);
  }

  async runSigned(
    m: EntityManager,
    agreement: Agreement,
    program: Program,
  ): Promise<AgreementAttachment> {
    return (await this.signed.get(program.kind)?.(m, agreement, program)) ?? {};
  }

  async runClosed(
    m: EntityManager,
    agreement: Agreement,
    program: Program,
    outcome: 'COMPLETED' | 'CANCELLED',
  ): Promise<void> {
    await this.closed.get(program.kind)?.(m, agreement, program, outcome);
  }
}
