// posapi keys: rotate the token signing, outbox sealing and card hash keys while the nodes serve, retire old versions,
// list them. Nothing here prints or logs a key: only version ids, which say nothing of the keys they name.
import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { sealedBox } from '../../security/sealed-box.js';
import type { ServiceContext } from '../../runtime/context.js';
import { progressFor } from '../../store/bulk/progress.js';
import { rehashCards, rehashMayStartAt } from '../../use-cases/keys/rehash-cards.js';
import { retireUnusedVersions, versionsOf, type VersionState } from '../../use-cases/keys/retire-keys.js';
import { rotateKey } from '../../use-cases/keys/rotate-key.js';
import type { KeyPurpose } from '../../use-cases/ports.js';
import { withContext } from '../context.js';
import { CommandFailure } from '../failure.js';
import { auditOperatorAction } from '../operator.js';

const PURPOSES: readonly KeyPurpose[] = ['token-signing', 'outbox', 'card-hash'];

function purposeNamed(program: Command, name: string): KeyPurpose {
  if ((PURPOSES as readonly string[]).includes(name)) return name as KeyPurpose;
  return program.error(`unknown key ${JSON.stringify(name)}: one of ${PURPOSES.join(', ')}`);
}

const WHAT_STAYS_LIVE: Record<KeyPurpose, string> = {
  'token-signing': 'tokens signed with the older versions are accepted until they expire',
  outbox: 'messages sealed with the older versions are still opened and sent',
  'card-hash': 'cards are found under every version until the re-hash has moved them all',
};

/**
 * Waits until every node hashes with the newest card version, then moves the cards to it. Stopped half-way, it is
 * run again by `posapi keys rehash card-hash` (or another rotation), and goes on from where it was.
 */
async function rehashAllCards(ctx: ServiceContext): Promise<void> {
  const newest = versionsOf('card-hash', await ctx.store.keyVersions.all()).at(-1);
  const startAt = newest?.createdAt == null ? 0 : rehashMayStartAt(ctx, newest.createdAt);
  const wait = startAt - ctx.now();
  if (wait > 0) {
    console.log(`waiting ${Math.ceil(wait / 1000)} s for every node to read the new version (twice KEYS_POLL_MS)`);
    await sleep(wait);
  }
  await ctx.keyRings.refresh();
  let progress: ReturnType<typeof progressFor> | undefined;
  const report = await rehashCards(ctx, {
    onProgress(moved, total) {
      progress ??= progressFor({ label: `re-hashing ${total} cards under ${ctx.cardHashes.currentKid}`, total, out: process.stderr });
      progress.update(moved, moved);
    },
  });
  progress?.finish();
  await auditOperatorAction(ctx, 'keys.rehash', report.settled ? 'settled' : 'unsettled', {
    key: 'card-hash',
    kid: report.kid,
    moved: report.moved,
    stranded: report.stranded,
  });
  console.log(`card-hash: ${report.moved} cards moved to ${report.kid}`);
  if (report.stranded > 0) console.log(`${report.stranded} cards are under a version this command cannot open: check KEYS_MASTER_KEY`);
  else if (!report.settled) console.log('cards were added under an older version meanwhile: run `posapi keys rehash card-hash` again');
  else console.log('every card is under the newest version: the nodes look cards up by that form alone from their next read');
  if (!report.settled) process.exitCode = 2;
}

const versionState = (v: VersionState) =>
  v.retiredAt !== null ? `retired ${new Date(v.retiredAt).toISOString()}` : v.supersededAt === null ? 'current' : 'accepted';

/** A card hash version is never retired: the newest is current, the others are layers under it. */
const cardVersionState = (v: VersionState, cards: Map<string, number>) => `${v.supersededAt === null ? 'current' : 'layer'} (${cards.get(v.kid) ?? 0} cards)`;

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('rotate the service keys without downtime');
  keys
    .command('rotate <key>')
    .description('add a new version of a key (token-signing, outbox or card-hash) that every node uses from its next read of the store')
    .option('--no-rehash', 'card-hash: add the version only; `posapi keys rehash card-hash` moves the cards later')
    .action(async (name: string, options: { rehash: boolean }) => {
      const purpose = purposeNamed(program, name);
      await withContext(async (ctx) => {
        // The environment gives the keys but no master: the nodes could not open a version sealed under one made here.
        if (!ctx.keys.master) throw new CommandFailure('KEYS_MASTER_KEY is not set: give the same one to every node and to this command first');
        const rotation = await rotateKey(ctx, purpose, sealedBox(ctx.keys.master));
        await auditOperatorAction(ctx, 'keys.rotate', 'rotated', { key: purpose, kid: rotation.kid, retired: rotation.retired });
        console.log(`${purpose} key rotated: new version ${rotation.kid}`);
        console.log(`every node uses it within ${ctx.config.keysPollMs} ms (KEYS_POLL_MS); ${WHAT_STAYS_LIVE[purpose]}`);
        if (rotation.retired.length > 0) console.log(`retired: ${rotation.retired.join(', ')}`);
        if (purpose === 'card-hash' && options.rehash) await rehashAllCards(ctx);
      });
    });
  keys
    .command('rehash <key>')
    .description('card-hash: move every card still under an older version to the newest (resumes a stopped re-hash)')
    .action(async (name: string) => {
      if (purposeNamed(program, name) !== 'card-hash') return program.error('only the card-hash key has anything to re-hash');
      await withContext(rehashAllCards);
    });
  keys
    .command('retire <key>')
    .description('retire the older versions of a key that nothing live is under any more (their secrets are wiped)')
    .action(async (name: string) => {
      const purpose = purposeNamed(program, name);
      if (purpose === 'card-hash') return program.error('card-hash versions are layers of every card hash: none is ever retired');
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
        const cards = await ctx.store.cardKeys.countByVersion();
        for (const purpose of PURPOSES) {
          for (const v of versionsOf(purpose, rows)) {
            const state = purpose === 'card-hash' ? cardVersionState(v, cards) : versionState(v);
            const created = v.createdAt === null ? 'from the environment' : `added ${new Date(v.createdAt).toISOString()}`;
            console.log(`${purpose}\t${v.kid}\t${state}\t${created}`);
          }
        }
      });
    });
}
