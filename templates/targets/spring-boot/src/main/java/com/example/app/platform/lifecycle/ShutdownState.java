package com.example.app.platform.lifecycle;

import org.springframework.stereotype.Component;

/**
 * Set when SIGTERM/SIGINT starts the shutdown sequence; readiness fails from then on (C16). Only a
 * paused context that is started again clears it (ShutdownDelay).
 */
@Component
public class ShutdownState {

  private volatile boolean shuttingDown;

  public boolean isShuttingDown() {
    return shuttingDown;
  }

  void begin() {
    shuttingDown = true;
  }

  void end() {
    shuttingDown = false;
  }
}
