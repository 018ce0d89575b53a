-- The notes module's table. Modules own their tables; no other module reads them directly.
CREATE TABLE notes (
  id         uuid PRIMARY KEY,
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body       text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
