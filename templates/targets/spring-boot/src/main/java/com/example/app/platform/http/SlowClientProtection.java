package com.example.app.platform.http;

import com.example.app.platform.config.ServiceConfig;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Runs Tomcat's HTTP/1.1 connector on {@link SlowClientProtocol} with HEADERS_TIMEOUT_MS. */
@Component
class SlowClientProtection implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final long headersTimeoutMillis;

  SlowClientProtection(ServiceConfig config) {
    this.headersTimeoutMillis = config.headersTimeout().toMillis();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.setProtocol(SlowClientProtocol.class.getName());
    factory.addConnectorCustomizers(connector -> {
      if (connector.getProtocolHandler() instanceof SlowClientProtocol protocol) {
        protocol.setHeadersTimeoutMillis(headersTimeoutMillis);
      }
    });
  }
}
