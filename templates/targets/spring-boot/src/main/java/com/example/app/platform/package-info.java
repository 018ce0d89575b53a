/**
 * Shared infrastructure (configuration, logging, HTTP defaults, health, lifecycle, telemetry). An
 * open module: every module may use any of it. It never depends on a module (ArchitectureTest).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.example.app.platform;
