-- Events a handler could not process after every retry (src/platform/events/event-bus.ts).
CREATE TABLE event_dead_letters (
  event_id   uuid        NOT NULL,
  event_type text        NOT NULL,
  handler    text        NOT NULL,
  payload    jsonb       NOT NULL,
  attempts   integer     NOT NULL,
  error      text        NOT NULL,
  failed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, handler)
);
