package com.example.app.platform.lifecycle;

import org.springframework.stereotype.Component;

/** Set once when SIGTERM/SIGINT starts the shutdown sequence; readiness fails from then on (C16). */
@Component
public class ShutdownState {

  private volatile boolean shuttingDown;

  public boolean isShuttingDown() {
    return shuttingDown;
  }

  void begin() {
    shuttingDown = true;
  }
}
