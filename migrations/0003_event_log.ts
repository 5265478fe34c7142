import { sql, type Kysely } from 'kysely';

/**
 * The live-updates event log: every event sent over /api/events gets its id here, so a client
 * that reconnects with Last-Event-ID can be given what it missed, and every API process reads
 * the same ordered stream. Rows are short-lived (pruned after about an hour).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table events (
      id bigint generated always as identity primary key,
      type text not null check (char_length(type) between 1 and 60),
      payload jsonb not null,
      -- The one account a private event is for (notification); null for public or role-scoped events.
      account_id bigint references accounts(id) on delete cascade,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index events_created_at on events (created_at)`.execute(db);
  await sql`create index events_account on events (account_id, id) where account_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists events`.execute(db);
}
