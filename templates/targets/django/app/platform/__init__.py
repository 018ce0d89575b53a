"""Platform layer: configuration, logging, telemetry, HTTP defaults, health, database, lifecycle.

Shared by every module and never imports a module (import-linter contract in pyproject.toml).
"""
