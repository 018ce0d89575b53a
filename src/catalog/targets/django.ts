import type { TargetDefinition } from './types.js';

/**
 * Django 5.2 LTS under uvicorn (ASGI, one process per container). Commands run the project's
 * own virtualenv (.venv, created by `uv sync --frozen` from the committed uv.lock), so the start
 * command is the Dockerfile's ENTRYPOINT relative to the working directory.
 */
export const djangoTarget = {
  id: 'django',
  displayName: 'Django 5.2 LTS (Python 3.11+, uvicorn)',
  description:
    'Batteries-included Python framework: ORM, migrations and the admin for CRUD-heavy work',
  ecosystem: 'python',
  layers: [],
  // Each module is a Django app; its public surface is api.py (other modules import only that),
  // since a Django app's __init__.py must stay import-free for the app registry.
  moduleLayout: { dir: 'app/modules', entryPoint: 'api.py', folderNames: 'snake' },
  supports: ['conformance'],
  commands: {
    install: ['uv', 'sync', '--frozen'],
    build: ['.venv/bin/python', '-m', 'app.build'],
    // Django system checks and the import-linter module boundaries (no database needed).
    typecheck: ['.venv/bin/python', '-m', 'app.check'],
    lint: ['.venv/bin/ruff', 'check', '.'],
    test: ['.venv/bin/pytest'],
    start: ['.venv/bin/python', '-m', 'app.main'],
    migrate: ['.venv/bin/python', 'manage.py', 'migrate', '--no-input'],
    dev: ['uv', 'run', '--frozen', '--env-file', 'dev.env', 'python', '-m', 'app.main'],
  },
  keyFiles: [
    'pyproject.toml',
    'app/main.py',
    'app/settings.py',
    'app/platform/config.py',
    'Dockerfile',
  ],
} as const satisfies TargetDefinition;
