package com.example.app.platform.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The validated configuration as a bean, for constructor injection. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfigConfiguration {

  @Bean
  ServiceConfig serviceConfig(Environment environment) {
    return ServiceConfig.fromEnvironment(environment::getProperty);
  }
}
