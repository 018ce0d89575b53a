package com.example.app.platform.http;

/** The request body passed BODY_LIMIT_BYTES while it was being read (mapped to 413). */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(long limit) {
    super("Request body exceeds " + limit + " bytes.");
  }
}
