import { sql, type Kysely } from 'kysely';

/**
 * The schema for the whole contract. Constraints live here so that a bug in the
 * application cannot store a broken state; every keyset-paginated list has its index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table accounts (
      id bigint generated always as identity primary key,
      pseudonym text not null check (pseudonym ~ '^[A-Za-z0-9_-]{3,32}$'),
      password_hash text not null,
      recovery_hash text not null,
      role text not null default 'member' check (role in ('member', 'moderator', 'admin')),
      suspended_until timestamptz,
      suspension_reason text check (char_length(suspension_reason) <= 500),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index accounts_pseudonym_lower on accounts (lower(pseudonym))`.execute(db);

  await sql`
    create table sessions (
      id text primary key check (char_length(id) between 32 and 64),
      account_id bigint not null references accounts(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_account on sessions (account_id)`.execute(db);

  await sql`
    create table boards (
      id bigint generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
      name text not null check (char_length(name) between 1 and 80),
      description text not null default '' check (char_length(description) <= 500),
      premoderated boolean not null default false,
      position integer not null default 0,
      thread_count integer not null default 0 check (thread_count >= 0),
      last_activity_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table threads (
      id bigint generated always as identity primary key,
      board_id bigint not null references boards(id),
      account_id bigint references accounts(id) on delete set null,
      anonymous boolean not null default false,
      title text not null check (char_length(title) between 1 and 200),
      content_warning text check (char_length(content_warning) between 1 and 80),
      status text not null default 'published'
        check (status in ('published', 'pending', 'hidden', 'removed', 'deleted')),
      reply_count integer not null default 0 check (reply_count >= 0),
      -- true once anyone other than the author has replied: drives the "unanswered" list
      answered boolean not null default false,
      created_at timestamptz not null default now(),
      last_activity_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index threads_board_active on threads (board_id, last_activity_at desc, id desc)`.execute(db);
  await sql`create index threads_board_new on threads (board_id, created_at desc, id desc)`.execute(db);
  await sql`create index threads_board_unanswered on threads (board_id, created_at, id) where not answered`.execute(db);
  await sql`create index threads_account on threads (account_id)`.execute(db);

  // One generated alias per member per anonymous thread; unique within the thread.
  await sql`
    create table thread_aliases (
      thread_id bigint not null references threads(id) on delete cascade,
      account_id bigint not null references accounts(id) on delete cascade,
      alias text not null check (char_length(alias) between 3 and 60),
      primary key (thread_id, account_id),
      unique (thread_id, alias)
    )`.execute(db);

  await sql`
    create table posts (
      id bigint generated always as identity primary key,
      thread_id bigint not null references threads(id) on delete cascade,
      account_id bigint references accounts(id) on delete set null,
      as_alias boolean not null default false,
      is_opening boolean not null default false,
      body_md text check (char_length(body_md) between 1 and 20000),
      body_html text not null default '',
      render_version integer not null default 0,
      content_warning text check (char_length(content_warning) between 1 and 80),
      status text not null default 'published'
        check (status in ('published', 'pending', 'hidden', 'removed', 'deleted')),
      status_reason text check (char_length(status_reason) <= 500),
      reaction_hug integer not null default 0 check (reaction_hug >= 0),
      reaction_relate integer not null default 0 check (reaction_relate >= 0),
      reaction_thanks integer not null default 0 check (reaction_thanks >= 0),
      reaction_strength integer not null default 0 check (reaction_strength >= 0),
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      search tsvector generated always as (to_tsvector('english', coalesce(body_md, ''))) stored,
      -- a deleted post keeps no text: the database refuses one that does
      check (status <> 'deleted' or (body_md is null and body_html = ''))
    )`.execute(db);
  await sql`create index posts_thread on posts (thread_id, id)`.execute(db);
  await sql`create unique index posts_one_opening on posts (thread_id) where is_opening`.execute(db);
  await sql`create index posts_account on posts (account_id, id)`.execute(db);
  await sql`create index posts_search on posts using gin (search) where status = 'published'`.execute(db);

  await sql`
    create table post_edits (
      id bigint generated always as identity primary key,
      post_id bigint not null references posts(id) on delete cascade,
      body_md text not null,
      content_warning text,
      edited_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index post_edits_post on post_edits (post_id, id)`.execute(db);

  await sql`
    create table reactions (
      post_id bigint not null references posts(id) on delete cascade,
      account_id bigint not null references accounts(id) on delete cascade,
      kind text not null check (kind in ('hug', 'relate', 'thanks', 'strength')),
      created_at timestamptz not null default now(),
      primary key (post_id, account_id, kind)
    )`.execute(db);
  await sql`create index reactions_account on reactions (account_id)`.execute(db);

  // Counts follow the reactions table inside the same statement, so no code path can let them drift.
  await sql`
    create function reactions_keep_counts() returns trigger language plpgsql as $$
    declare
      delta integer := case when tg_op = 'INSERT' then 1 else -1 end;
      r reactions;
    begin
      if tg_op = 'INSERT' then r := new; else r := old; end if;
      update posts set
        reaction_hug = reaction_hug + case when r.kind = 'hug' then delta else 0 end,
        reaction_relate = reaction_relate + case when r.kind = 'relate' then delta else 0 end,
        reaction_thanks = reaction_thanks + case when r.kind = 'thanks' then delta else 0 end,
        reaction_strength = reaction_strength + case when r.kind = 'strength' then delta else 0 end
      where id = r.post_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger reactions_keep_counts after insert or delete on reactions
    for each row execute function reactions_keep_counts()`.execute(db);

  await sql`
    create table moderation_items (
      id bigint generated always as identity primary key,
      post_id bigint not null references posts(id) on delete cascade,
      status text not null default 'open' check (status in ('open', 'escalated', 'resolved')),
      crisis boolean not null default false,
      weight integer not null default 0 check (weight >= 0),
      automatic text[] not null default '{}',
      version integer not null default 1 check (version >= 1),
      claimed_by bigint references accounts(id) on delete set null,
      claimed_until timestamptz,
      decision text check (decision in ('approve', 'hide', 'remove', 'escalate')),
      decision_reason text check (char_length(decision_reason) <= 500),
      appeal_note text check (char_length(appeal_note) <= 1000),
      created_at timestamptz not null default now(),
      resolved_at timestamptz
    )`.execute(db);
  // Flags on one post gather into one open item.
  await sql`create unique index moderation_items_one_open on moderation_items (post_id) where status <> 'resolved'`.execute(db);
  await sql`
    create index moderation_items_queue on moderation_items (status, crisis desc, weight desc, created_at, id)`.execute(db);

  await sql`
    create table flags (
      id bigint generated always as identity primary key,
      post_id bigint not null references posts(id) on delete cascade,
      account_id bigint references accounts(id) on delete set null,
      item_id bigint not null references moderation_items(id) on delete cascade,
      reason text not null check (reason in ('crisis', 'harassment', 'spam', 'harmful', 'other')),
      note text check (char_length(note) <= 500),
      created_at timestamptz not null default now(),
      unique (post_id, account_id)
    )`.execute(db);
  await sql`create index flags_item on flags (item_id)`.execute(db);
  await sql`create index flags_account on flags (account_id)`.execute(db);

  // Append-only: the actor is kept by name (no foreign key) so that deleting an account never edits the log.
  await sql`
    create table moderation_log (
      id bigint generated always as identity primary key,
      actor_id bigint,
      actor_name text not null,
      action text not null check (action in
        ('claim', 'approve', 'hide', 'remove', 'escalate', 'suspend', 'role', 'appeal', 'board')),
      item_id bigint,
      post_id bigint,
      subject text check (char_length(subject) <= 200),
      reason text check (char_length(reason) <= 1000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moderation_log_recent on moderation_log (id desc)`.execute(db);
  await sql`
    create function moderation_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'moderation_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger moderation_log_append_only before update or delete on moderation_log
    for each row execute function moderation_log_refuse_change()`.execute(db);
  await sql`
    create trigger moderation_log_no_truncate before truncate on moderation_log
    for each statement execute function moderation_log_refuse_change()`.execute(db);

  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id) on delete cascade,
      kind text not null check (kind in ('reply', 'reaction', 'moderation', 'crisis')),
      thread_id bigint references threads(id) on delete cascade,
      post_id bigint references posts(id) on delete cascade,
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notifications_account on notifications (account_id, id desc)`.execute(db);
  // Reactions to one post gather into one unread notification instead of one per click.
  await sql`
    create unique index notifications_gather_reactions on notifications (account_id, post_id)
    where kind = 'reaction' and read_at is null`.execute(db);

  await sql`
    create table idempotency_keys (
      account_id bigint not null references accounts(id) on delete cascade,
      key text not null check (char_length(key) between 1 and 200),
      request_hash text not null,
      status_code integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (account_id, key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'notifications',
    'moderation_log',
    'flags',
    'moderation_items',
    'reactions',
    'post_edits',
    'posts',
    'thread_aliases',
    'threads',
    'boards',
    'sessions',
    'accounts',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists moderation_log_refuse_change() cascade`.execute(db);
  await sql`drop function if exists reactions_keep_counts() cascade`.execute(db);
}
