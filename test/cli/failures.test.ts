// The command line's one place that puts the database's refusals in words: the real errors of both stores (a duplicate,
// a foreign key, a check, a table not there) each become one sentence, with no SQL or driver wording in it.
import { expect, it } from 'vitest';
import { sentenceFor } from '../../src/cli/failures.js';
import { describeEachStore } from '../helpers/stores.js';

/** The error a write raises, caught. */
async function refusal(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('the write was not refused');
}

const RAW = /constraint failed|violates|SQLITE_|relation|no such table|syntax/;

describeEachStore('sentenceFor: the database refusals of a command', (fixture) => {
  const client = (id: string, merchant: string, channel = 'in_store') =>
    fixture()
      .ctx.db.insertInto('api_clients')
      .values({ id, secret_hash: 'x', merchant_id: merchant, channel: channel as 'in_store', may_override: 0, disabled: 0, created_at: 0 })
      .execute();

  it.each([
    {
      what: 'a row naming a merchant that does not exist',
      write: () => client('fk-client', 'no-such-merchant'),
      sentence: /^the database refused it: it names something that does not exist, or something still named elsewhere/,
    },
    {
      what: 'a row that exists already',
      write: () => client('flexitidemo', '12345'),
      sentence: /^the database refused it: that exists already \((api_clients\.id|Key \(id\)=\(flexitidemo\) already exists\.)\)$/,
    },
    {
      what: 'a value its check refuses',
      write: () => client('check-client', '12345', 'by_pigeon'),
      sentence: /^the database refused a value/,
    },
  ])('$what', async ({ write, sentence }) => {
    const text = sentenceFor(await refusal(write), fixture().ctx.config);
    expect(text).toMatch(sentence);
    expect(text.replace(/\(Key .*\)$/, '')).not.toMatch(RAW);
    expect(text).not.toContain('\n');
  });

  it('a table this build expects and the database lacks: run posapi migrate', async () => {
    const text = sentenceFor(
      await refusal(() =>
        fixture()
          .ctx.db.selectFrom('no_such_table' as 'merchants')
          .selectAll()
          .execute(),
      ),
      fixture().ctx.config,
    );
    expect(text).toMatch(/^the database (at \/.*|\w+ on PostgreSQL 127\.0\.0\.1:5432) is not migrated: run `posapi migrate`$/);
  });

  it('anything else is its first line, never its stack', () => {
    const error = new Error('something odd\n    at somewhere (file.ts:1:1)');
    expect(sentenceFor(error, fixture().ctx.config)).toBe('posapi: something odd');
  });
});
