package com.example.app.notes;

import com.example.app.notes.internal.NotesRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The notes module's facade: the only way other modules use notes. */
@Service
public class NotesService {

  private final NotesRepository repository;
  private final ApplicationEventPublisher events;

  NotesService(NotesRepository repository, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
  }

  @Transactional
  public Note create(String title, String body) {
    Note note = new Note(UUID.randomUUID(), title, body == null ? "" : body, Instant.now());
    repository.insert(note);
    events.publishEvent(new NoteCreated(note.id(), note.title()));
    return note;
  }

  @Transactional(readOnly = true)
  public Optional<Note> find(UUID id) {
    return repository.find(id);
  }

  @Transactional(readOnly = true)
  public List<Note> latest(int limit) {
    return repository.latest(limit);
  }
}
