import { LedgerEntry } from './ledger-entry.entity.js';
import { LedgerJournal } from './ledger-journal.entity.js';

export const LedgerEntities = [LedgerJournal, LedgerEntry];
