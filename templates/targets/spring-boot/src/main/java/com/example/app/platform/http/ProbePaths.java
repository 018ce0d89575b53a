package com.example.app.platform.http;

import java.util.Set;

/** Probe endpoints: never access-logged, traced, rate limited or shed (contract C15). */
public final class ProbePaths {

  public static final String LIVENESS = "/livez";
  public static final String READINESS = "/readyz";
  public static final Set<String> ALL = Set.of(LIVENESS, READINESS);

  private ProbePaths() {}

  public static boolean isProbe(String path) {
    return ALL.contains(path);
  }
}
