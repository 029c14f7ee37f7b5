// The best form of a lookup by account number that we know: the service's answer in one statement (the account, its
// holder, the newest card's last four and the security questions as a JSON array), so one round trip on PostgreSQL.
// The ceiling of the store for that read, beside the service's own statements.
import type { StoreKind } from '../../src/config.js';
import type { Statement } from './statement.js';

const COLUMNS = `a.account_number, a.customer_id, a.account_type, a.open_to_buy_cents, a.risk_rating, a.province, a.payment_protection,
  cu.first_name, cu.last_name, cu.address_1, cu.address_2, cu.city, cu.postal_code, cu.province as address_province, cu.email, cu.phone,
  cu.preferred_language,
  (select c.last_four from cards c where c.account_number = a.account_number order by c.created_at desc limit 1) as card_last_four`;

const QUESTIONS = {
  postgres: `(select coalesce(json_agg(json_build_object('id', q.id, 'text_en', q.text_en, 'text_fr', q.text_fr) order by sa.question_id), '[]')
    from security_answers sa join security_questions q on q.id = sa.question_id where sa.customer_id = a.customer_id)`,
  // SQLite's json_group_array keeps the order of the rows it is given.
  sqlite: `(select json_group_array(json_object('id', id, 'text_en', text_en, 'text_fr', text_fr)) from (select q.id, q.text_en, q.text_fr
    from security_answers sa join security_questions q on q.id = sa.question_id where sa.customer_id = a.customer_id order by sa.question_id))`,
};

export function lookupInOneQuery(store: StoreKind, accountNumber: number): Statement {
  const placeholder = store === 'postgres' ? '$1' : '?';
  return {
    sql: `select ${COLUMNS}, ${QUESTIONS[store]} as questions
  from accounts a join customers cu on cu.id = a.customer_id where a.account_number = ${placeholder}`,
    parameters: [accountNumber],
  };
}
