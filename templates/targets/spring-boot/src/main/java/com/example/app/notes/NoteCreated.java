package com.example.app.notes;

import java.util.UUID;

/** Published after a note is stored; other modules react with @ApplicationModuleListener. */
public record NoteCreated(UUID noteId, String title) {}
