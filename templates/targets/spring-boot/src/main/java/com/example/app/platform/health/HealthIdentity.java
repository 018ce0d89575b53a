package com.example.app.platform.health;

import com.example.app.platform.config.ServiceConfig;
import org.springframework.stereotype.Component;

/** serviceId and version in health bodies: the OpenTelemetry service name and version. */
@Component
public class HealthIdentity {

  private final ServiceConfig config;

  public HealthIdentity(ServiceConfig config) {
    this.config = config;
  }

  public String serviceId() {
    return config.service().name();
  }

  public String version() {
    return config.service().version();
  }
}
