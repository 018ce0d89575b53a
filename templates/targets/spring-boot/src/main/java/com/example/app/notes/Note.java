package com.example.app.notes;

import java.time.Instant;
import java.util.UUID;

/** A note as other modules and HTTP clients see it. */
public record Note(UUID id, String title, String body, Instant createdAt) {}
