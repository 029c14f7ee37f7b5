// The command modules beyond the core ones in main.ts: each adds its commands to the program.
import type { Command } from 'commander';
import { registerAccountsCommands } from './accounts.js';
import { registerAuditCommands } from './audit.js';
import { registerBackupCommands } from './backup.js';
import { registerDataCommands } from './data.js';
import { registerKeysCommands } from './keys.js';
import { registerLedgerCommands } from './ledger.js';
import { registerLocationsCommands } from './locations.js';
import { registerOutboxCommands } from './outbox.js';
import { registerPlansCommands } from './plans.js';

export const commandModules: ((program: Command) => void)[] = [
  registerPlansCommands,
  registerOutboxCommands,
  registerAccountsCommands,
  registerLedgerCommands,
  registerLocationsCommands,
  registerDataCommands,
  registerBackupCommands,
  registerAuditCommands,
  registerKeysCommands,
];
