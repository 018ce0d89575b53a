package com.example.app.platform.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Counts body bytes as the handler reads them and fails at limit + 1, so a chunked body (no
 * Content-Length) is cut off as soon as it is too large, not after it was buffered (C51). It also
 * ends a body that is still arriving when the request deadline passes (S22): Tomcat's read timeout
 * restarts with every byte, so a client sending one byte a second would otherwise never time out.
 */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

  private final long limit;
  private ServletInputStream stream;

  LimitedBodyRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (stream == null) stream = new Counting(super.getInputStream(), limit);
    return stream;
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long limit;
    private long read;

    Counting(ServletInputStream delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    private int count(int n) {
      if (n > 0) {
        read += n;
        if (read > limit) throw new PayloadTooLargeException(limit);
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = withinDeadline(delegate::read);
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return count(withinDeadline(() -> delegate.read(buffer, offset, length)));
    }

    private interface Read {
      int run() throws IOException;
    }

    /** The deadline interrupts the thread; a read it broke, or one that ends after it, is a 408. */
    private static int withinDeadline(Read read) throws IOException {
      if (RequestDeadline.expired()) throw new BodyReadTimeoutException();
      try {
        int n = read.run();
        if (RequestDeadline.expired()) throw new BodyReadTimeoutException();
        return n;
      } catch (IOException error) {
        if (RequestDeadline.expired()) throw new BodyReadTimeoutException();
        throw error;
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
