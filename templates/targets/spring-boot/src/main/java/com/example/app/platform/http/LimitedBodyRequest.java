package com.example.app.platform.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Counts body bytes as the handler reads them and fails at limit + 1, so a chunked body (no
 * Content-Length) is cut off as soon as it is too large, not after it was buffered (C51).
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
      int b = delegate.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return count(delegate.read(buffer, offset, length));
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
