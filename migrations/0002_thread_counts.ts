import { sql, type Kysely } from 'kysely';

/**
 * A board's threadCount and lastActivityAt follow its threads inside the same statement, whoever
 * changes a thread (posting, an author deleting, a moderator hiding or approving), so no code path
 * can let them drift. threadCount counts the threads the board list shows: published ones.
 *
 * An author deleting their opening post erases the thread's title too: a deleted thread may
 * have an empty title, every other thread still needs one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function threads_keep_board_counts() returns trigger language plpgsql as $$
    declare
      delta integer := 0;
    begin
      if tg_op = 'INSERT' then
        if new.status = 'published' then delta := 1; end if;
      elsif tg_op = 'DELETE' then
        if old.status = 'published' then delta := -1; end if;
      else
        if old.status = 'published' and new.status <> 'published' then delta := -1;
        elsif old.status <> 'published' and new.status = 'published' then delta := 1;
        end if;
      end if;
      if tg_op = 'DELETE' then
        if delta <> 0 then update boards set thread_count = thread_count + delta where id = old.board_id; end if;
        return null;
      end if;
      if delta <> 0 or (new.status = 'published' and (tg_op = 'INSERT' or new.last_activity_at > old.last_activity_at)) then
        update boards set
          thread_count = thread_count + delta,
          last_activity_at = case when new.status = 'published'
            then greatest(coalesce(last_activity_at, new.last_activity_at), new.last_activity_at)
            else last_activity_at end
        where id = new.board_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger threads_keep_board_counts after insert or delete or update of status, last_activity_at on threads
    for each row execute function threads_keep_board_counts()`.execute(db);

  await sql`alter table threads drop constraint threads_title_check`.execute(db);
  await sql`
    alter table threads add constraint threads_title_check
    check (char_length(title) <= 200 and (status = 'deleted' or char_length(title) >= 1))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists threads_keep_board_counts on threads`.execute(db);
  await sql`drop function if exists threads_keep_board_counts()`.execute(db);
  await sql`update threads set title = 'Deleted thread' where title = ''`.execute(db);
  await sql`alter table threads drop constraint threads_title_check`.execute(db);
  await sql`alter table threads add constraint threads_title_check check (char_length(title) between 1 and 200)`.execute(db);
}
