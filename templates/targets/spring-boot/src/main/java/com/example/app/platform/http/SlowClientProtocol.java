package com.example.app.platform.http;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector, minus two ways a slow client can hold a connection forever. Tomcat's
 * connectionTimeout restarts with every byte it reads, so:
 *
 * <ul>
 *   <li>A head trickled one byte every few seconds never timed out (slowloris, C54 and S21). Tomcat
 *       parks a connection whose head is half read with its processor attached (idle keep-alive
 *       connections have none; keepAliveTimeout bounds those). Every 250 ms this protocol closes
 *       the parked ones whose request started arriving more than HEADERS_TIMEOUT_MS ago. Async
 *       (streaming) and upgraded connections are skipped: their heads were complete long ago.
 *   <li>A body trickled one byte a second is cut by the request deadline with a 408
 *       ({@link LimitedBodyRequest}), but Tomcat would then read the rest of that body before
 *       answering (S22). After a 408 the rest is not read: the answer goes out and the connection
 *       closes.
 * </ul>
 */
public class SlowClientProtocol extends Http11NioProtocol {

  private static final long SCAN_INTERVAL_MS = 250;

  private volatile long headersTimeoutNanos = TimeUnit.SECONDS.toNanos(10);
  private ScheduledFuture<?> scan;

  public void setHeadersTimeoutMillis(long millis) {
    headersTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Override
  public void setAdapter(Adapter adapter) {
    super.setAdapter(new NoDrainAfterTimeout(adapter));
  }

  @Override
  public void start() throws Exception {
    super.start();
    scan = getUtilityExecutor()
        .scheduleWithFixedDelay(this::closeSlowHeads, SCAN_INTERVAL_MS, SCAN_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() throws Exception {
    if (scan != null) scan.cancel(false);
    super.stop();
  }

  private void closeSlowHeads() {
    long now = System.nanoTime();
    for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
      if (!(connection.getCurrentProcessor() instanceof AbstractProcessor processor)) continue;
      if (processor.isAsync() || processor.isUpgrade()) continue;
      long startedAt = processor.getRequest().getStartTimeNanos();
      if (startedAt > 0 && now - startedAt > headersTimeoutNanos) connection.close();
    }
  }

  /** Tomcat's servlet adapter; after a 408 it tells the connector not to drain the request body. */
  private record NoDrainAfterTimeout(Adapter servlets) implements Adapter {

    @Override
    public void service(Request request, Response response) throws Exception {
      servlets.service(request, response);
      if (response.getStatus() == 408) request.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }

    @Override
    public boolean prepare(Request request, Response response) throws Exception {
      return servlets.prepare(request, response);
    }

    @Override
    public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
      return servlets.asyncDispatch(request, response, status);
    }

    @Override
    public void log(Request request, Response response, long time) {
      servlets.log(request, response, time);
    }

    @Override
    public void checkRecycled(Request request, Response response) {
      servlets.checkRecycled(request, response);
    }

    @Override
    public String getDomain() {
      return servlets.getDomain();
    }
  }
}
