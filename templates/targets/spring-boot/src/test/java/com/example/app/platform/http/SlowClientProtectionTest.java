package com.example.app.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.platform.testing.ApiTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that trickles its request head (one header line every 200 ms, a slowloris) is cut off
 * once HEADERS_TIMEOUT_MS has passed since its first byte. Tomcat's own connection timeout cannot
 * do this: it restarts on every byte received. A short timeout keeps the test quick; it gets its
 * own application context because of it.
 */
@ApiTest
@TestPropertySource(properties = "HEADERS_TIMEOUT_MS=1000")
class SlowClientProtectionTest {

  private static final long HEADERS_TIMEOUT_MILLIS = 1000;

  @LocalServerPort
  int port;

  @Test
  void closesAConnectionWhoseHeadNeverEnds() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      // A read that fails rather than hangs if the server never closes.
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      long started = System.nanoTime();
      out.write("GET /livez HTTP/1.1\r\nHost: test\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread trickle = new Thread(() -> trickleHeaders(out), "slowloris");
      trickle.setDaemon(true);
      trickle.start();

      // Whatever the server answers first (nothing, or a 408/400), the connection must end.
      InputStream in = socket.getInputStream();
      try {
        while (in.read() != -1) {
          // drain
        }
      } catch (SocketException reset) {
        // a reset is a close too
      }
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
      trickle.interrupt();

      // The sweep runs every 250 ms; the rest is margin for a busy CI machine.
      assertThat(elapsedMillis).isBetween(HEADERS_TIMEOUT_MILLIS, HEADERS_TIMEOUT_MILLIS + 5_000);
    }
  }

  /** One header line every 200 ms until the server closes the connection or the test ends. */
  private static void trickleHeaders(OutputStream out) {
    try {
      for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
        Thread.sleep(200);
        out.write(("X-Trickle-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException | InterruptedException closed) {
      // the server closed the connection, or the test is over
    }
  }
}
