package com.example.app.notes.internal;

import com.example.app.notes.Note;
import com.example.app.notes.NotesService;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** HTTP routes of the notes module. */
@RestController
@RequestMapping("/notes")
class NotesController {

  record CreateNote(String title, String body) {}

  private final NotesService notes;

  NotesController(NotesService notes) {
    this.notes = notes;
  }

  @PostMapping
  ResponseEntity<Note> create(@RequestBody CreateNote request) {
    if (request.title() == null || request.title().isBlank() || request.title().length() > 200) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "title must be 1 to 200 characters");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(notes.create(request.title(), request.body()));
  }

  @GetMapping
  List<Note> latest() {
    return notes.latest(50);
  }

  @GetMapping("/{id}")
  Note find(@PathVariable UUID id) {
    return notes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "note not found"));
  }

  // csb:slot:routes (`create-scalable-backend add route` inserts above this line)
}
