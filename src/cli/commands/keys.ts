// posapi keys: rotate the token signing and outbox sealing keys while the nodes serve, retire old versions, list them.
// Nothing here prints or logs a key: only version ids, which say nothing of the keys they name.
import type { Command } from 'commander';
import { sealedBox } from '../../security/sealed-box.js';
import { retireUnusedVersions, versionsOf } from '../../use-cases/keys/retire-keys.js';
import { rotateKey } from '../../use-cases/keys/rotate-key.js';
import type { KeyPurpose } from '../../use-cases/ports.js';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';
import { auditOperatorAction } from '../operator.js';

const PURPOSES: readonly KeyPurpose[] = ['token-signing', 'outbox'];

/** The purpose named on the command line; the card hash key is not rotated by this build (see the README). */
function purposeNamed(program: Command, name: string): KeyPurpose {
  if ((PURPOSES as readonly string[]).includes(name)) return name as KeyPurpose;
  if (name === 'card-hash') program.error('the card hash key cannot be rotated yet (see "Key rotation" in the README)');
  return program.error(`unknown key ${JSON.stringify(name)}: one of ${PURPOSES.join(', ')}`);
}

const WHAT_STAYS_LIVE: Record<KeyPurpose, string> = {
  'token-signing': 'tokens signed with the older versions are accepted until they expire',
  outbox: 'messages sealed with the older versions are still opened and sent',
};

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('rotate the service keys without downtime');
  keys
    .command('rotate <key>')
    .description('add a new version of a key (token-signing or outbox) that every node uses from its next read of the store')
    .action(async (name: string) => {
      const purpose = purposeNamed(program, name);
      await withContext(async (ctx) => {
        // The environment gives the keys but no master: the nodes could not open a version sealed under one made here.
        if (!ctx.keys.master) throw new CommandFailure('KEYS_MASTER_KEY is not set: give the same one to every node and to this command first');
        const rotation = await rotateKey(ctx, purpose, sealedBox(ctx.keys.master));
        await auditOperatorAction(ctx, 'keys.rotate', 'rotated', { key: purpose, kid: rotation.kid, retired: rotation.retired });
        console.log(`${purpose} key rotated: new version ${rotation.kid}`);
        console.log(`every node uses it within ${ctx.config.keysPollMs} ms (KEYS_POLL_MS); ${WHAT_STAYS_LIVE[purpose]}`);
        if (rotation.retired.length > 0) console.log(`retired: ${rotation.retired.join(', ')}`);
      });
    });
  keys
    .command('retire <key>')
    .description('retire the older versions of a key that nothing live is under any more (their secrets are wiped)')
    .action(async (name: string) => {
      const purpose = purposeNamed(program, name);
      await withContext(async (ctx) => {
        const retired = (await retireUnusedVersions(ctx, purpose)).map((r) => r.kid);
        await auditOperatorAction(ctx, 'keys.retire', retired.length > 0 ? 'retired' : 'nothing to retire', { key: purpose, retired });
        console.log(retired.length > 0 ? `${purpose}: retired ${retired.join(', ')}` : `${purpose}: nothing to retire yet`);
      });
    });
  keys
    .command('list')
    .description('the versions of each key: which is current, which are still accepted, which are retired')
    .action(async () => {
      await withContext(async (ctx) => {
        const rows = await ctx.store.keyVersions.all();
        for (const purpose of PURPOSES) {
          for (const v of versionsOf(purpose, rows)) {
            const state = v.retiredAt !== null ? `retired ${new Date(v.retiredAt).toISOString()}` : v.supersededAt === null ? 'current' : 'accepted';
            const created = v.createdAt === null ? 'from the environment' : `added ${new Date(v.createdAt).toISOString()}`;
            console.log(`${purpose}\t${v.kid}\t${state}\t${created}`);
          }
        }
      });
    });
}
