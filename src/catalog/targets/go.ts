import type { TargetDefinition } from './types.js';

export const goTarget = {
  id: 'go',
  displayName: 'Go net/http (Go 1.26)',
  description:
    'Standard-library HTTP server, log/slog, OpenTelemetry and pgx: one static binary, small memory footprint',
  ecosystem: 'go',
  // No shared layer: the only Go target owns all of its templates (templates/targets/go).
  layers: [],
  supports: ['conformance'],
  commands: {
    // Modules come from go.sum-verified downloads (GOFLAGS=-mod=readonly is Go's default).
    install: ['go', 'mod', 'download'],
    build: ['go', 'build', '-trimpath', '-o', 'bin/server', './cmd/server'],
    typecheck: ['go', 'vet', './...'],
    // Module boundaries and gofmt, checked by a go test (internal/archtest).
    lint: ['go', 'test', './internal/archtest/'],
    test: ['go', 'test', './...'],
    start: ['./bin/server'],
    migrate: ['./bin/server', 'migrate'],
    // No embedded PostgreSQL for Go: `docker compose up -d postgres` and dev.env (docs/operations.md).
    dev: ['go', 'run', './cmd/server'],
  },
  devHint: 'needs PostgreSQL: docker compose up -d postgres, then the variables in dev.env',
  keyFiles: [
    'go.mod',
    'cmd/server/main.go',
    'internal/app/app.go',
    'internal/platform/config/config.go',
    'Dockerfile',
  ],
} as const satisfies TargetDefinition;
