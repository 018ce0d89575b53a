package com.example.app.platform.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows per client address. In-process, so per replica: global limits belong
 * in the gateway (contract §1.6); this one protects the process itself.
 */
final class RateLimiter {

  private record Window(long minute, int count) {}

  /** The client's standing after this request: over the limit or not, and when its window resets. */
  record Decision(boolean limited, int limit, int remaining, long resetSeconds) {}

  private final int perMinute;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  RateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  Decision tryAcquire(String client) {
    long nowMs = System.currentTimeMillis();
    long minute = nowMs / 60_000;
    Window window = windows.compute(client, (key, current) ->
        current == null || current.minute() != minute ? new Window(minute, 1) : new Window(minute, current.count() + 1));
    if (windows.size() > 100_000) windows.entrySet().removeIf(entry -> entry.getValue().minute() != minute);
    long resetSeconds = Math.max(1, ((minute + 1) * 60_000 - nowMs + 999) / 1000);
    return new Decision(window.count() > perMinute, perMinute, Math.max(perMinute - window.count(), 0), resetSeconds);
  }
}
