package com.example.app.platform.http;

/** The request deadline passed while the body was still arriving (mapped to 408, S22). */
public class BodyReadTimeoutException extends RuntimeException {

  public BodyReadTimeoutException() {
    super("The request body did not arrive in time.");
  }
}
