package com.example.app.platform.config;

import java.util.List;

/** Configuration problems, one per variable. Messages name the variable, never its value. */
public class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
