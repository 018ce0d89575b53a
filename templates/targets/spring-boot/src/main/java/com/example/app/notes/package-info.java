/**
 * The notes module: an example of a module's shape. Its public interface is this package
 * ({@link com.example.app.notes.NotesService}, {@link com.example.app.notes.Note},
 * {@link com.example.app.notes.NoteCreated}); {@code internal} is visible to this module only,
 * which Spring Modulith verifies in ModularityTest.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notes")
package com.example.app.notes;
