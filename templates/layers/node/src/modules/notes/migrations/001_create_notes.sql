-- Owned by the notes module: other modules use its public API (index.ts), never this table.
CREATE TABLE notes (
  id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  title      text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body       text        NOT NULL DEFAULT '' CHECK (char_length(body) <= 10000),
  -- Millisecond precision so the value survives a round trip through a JavaScript Date,
  -- which the list cursor (created_at, id) relies on.
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);

-- Serves the newest-first keyset pagination of GET /notes.
CREATE INDEX notes_created_at_id_idx ON notes (created_at DESC, id DESC);
