import type { TargetDefinition } from './types.js';

/**
 * Spring Boot 4 on Java 17+ (virtual threads from Java 21), built with Maven. Its versions are
 * pinned by the Boot parent BOM plus the OpenTelemetry and Spring Modulith BOMs in pom.xml: that
 * is the Maven lock equivalent (contract C91). Dependencies are cached in ~/.m2 between runs.
 */
export const springBootTarget = {
  id: 'spring-boot',
  displayName: 'Spring Boot 4 (Java 17+, Maven)',
  description:
    'Batteries-included JVM framework: Spring MVC on Tomcat, HikariCP, Flyway, Spring Modulith',
  ecosystem: 'jvm',
  layers: [],
  supports: ['conformance'],
  commands: {
    install: ['mvn', '-B', '-q', 'dependency:go-offline'],
    build: ['mvn', '-B', '-q', '-DskipTests', 'package'],
    test: ['mvn', '-B', 'test'],
    // Same argv as the Dockerfile's ENTRYPOINT (contract-tested).
    // Extracted jar plus its class-data-sharing archive (written by `package`): half the startup time.
    start: [
      'java',
      '-XX:SharedArchiveFile=target/app/app.jsa',
      '-XX:MaxRAMPercentage=75',
      '-jar',
      'target/app/app.jar',
    ],
    migrate: ['java', '-XX:MaxRAMPercentage=75', '-jar', 'target/app/app.jar', 'migrate'],
    dev: ['mvn', '-B', 'spring-boot:run'],
  },
  devHint: 'needs DATABASE_URL (docker compose up -d postgres; see README)',
  keyFiles: [
    'pom.xml',
    'src/main/java/com/example/app/Application.java',
    'src/main/java/com/example/app/platform/config/ServiceConfig.java',
    'src/main/resources/application.properties',
    'Dockerfile',
  ],
} as const satisfies TargetDefinition;
