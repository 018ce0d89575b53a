-- Written by the notes.count-words job (jobs/count-words.ts), one row per note, once.
CREATE TABLE note_word_counts (
  note_id     uuid        PRIMARY KEY REFERENCES notes (id) ON DELETE CASCADE,
  words       integer     NOT NULL,
  top_words   jsonb       NOT NULL,
  counted_at  timestamptz NOT NULL DEFAULT now()
);
