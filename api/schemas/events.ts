import { Type, type Static } from 'typebox';

export const MAX_LIVE_THREADS = 20;

export const EventsQuery = Type.Object({
  threads: Type.Optional(
    Type.String({
      maxLength: 800,
      description: `Comma-separated thread ids on screen (at most ${MAX_LIVE_THREADS}) to receive post.created for.`,
    }),
  ),
  lastEventId: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Resume after this event id when opening a new EventSource (for example after changing `threads`); the Last-Event-ID header wins when both are sent.',
    }),
  ),
});
export type EventsQuery = Static<typeof EventsQuery>;

export const EVENTS_DESCRIPTION = `Server-Sent Events. Every event has an \`id\` (increasing), an \`event\` name and JSON \`data\`
holding public IDs only: refetch the details through the API.

- \`ready\` (no id), first on every connection: \`{ "resync": boolean }\`. \`resync: true\` means events may have
  been missed (the resume point is older than the log keeps, or too much happened): refetch what is on screen.
  Carries the \`retry:\` hint.
- \`post.created\` \`{ "threadId", "postId" }\`: a post became visible in a thread named in \`?threads=\`.
- \`notification\` \`{ "notificationId" }\`: a new notification for the signed-in member, or reactions gathered into
  an unread one (same id): refetch \`GET /api/notifications\` and the unread count.
- \`queue.changed\` \`{ "itemId": string | null }\`: the moderation queue changed (moderators and admins only;
  role checked when the stream opens).

Anonymous visitors may connect for \`post.created\`. Reconnect with \`Last-Event-ID\` (EventSource does this itself)
to receive what you missed, in order and never twice. A comment line is sent every ~20 s as a heartbeat.
At most 5 streams per account (20 per address for anonymous visitors) per server process: more get 429.`;
