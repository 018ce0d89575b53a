package com.example.app.platform.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed one-minute windows per client address. In-process, so per replica: global limits belong
 * in the gateway (contract §1.6); this one protects the process itself.
 */
final class RateLimiter {

  private record Window(long minute, int count) {}

  private final int perMinute;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  RateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  /** 0 when admitted, otherwise the seconds until the client's window resets. */
  long tryAcquire(String client) {
    long nowMs = System.currentTimeMillis();
    long minute = nowMs / 60_000;
    Window window = windows.compute(client, (key, current) ->
        current == null || current.minute() != minute ? new Window(minute, 1) : new Window(minute, current.count() + 1));
    if (windows.size() > 100_000) windows.entrySet().removeIf(entry -> entry.getValue().minute() != minute);
    if (window.count() <= perMinute) return 0;
    return Math.max(1, ((minute + 1) * 60_000 - nowMs + 999) / 1000);
  }
}
