package com.example.app.notes.internal;

import com.example.app.notes.Note;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the notes table (db/migration/V1__create_notes.sql). Internal to the module. */
@Repository
public class NotesRepository {

  private final JdbcClient jdbc;

  NotesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Note note) {
    jdbc.sql("INSERT INTO notes (id, title, body, created_at) VALUES (?, ?, ?, ?)")
        .params(note.id(), note.title(), note.body(), Timestamp.from(note.createdAt()))
        .update();
  }

  public Optional<Note> find(UUID id) {
    return jdbc.sql("SELECT id, title, body, created_at FROM notes WHERE id = ?").param(id).query(NotesRepository::row).optional();
  }

  public List<Note> latest(int limit) {
    return jdbc.sql("SELECT id, title, body, created_at FROM notes ORDER BY created_at DESC LIMIT ?").param(limit)
        .query(NotesRepository::row).list();
  }

  private static Note row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new Note(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("body"),
        rs.getTimestamp("created_at").toInstant());
  }
}
