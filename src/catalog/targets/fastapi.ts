import type { TargetDefinition } from './types.js';

/** The project's own virtualenv interpreter (created by `uv sync`): no activation, no shell. */
const PYTHON = '.venv/bin/python';

export const fastapiTarget = {
  id: 'fastapi',
  displayName: 'FastAPI (Python 3.11+, uvicorn)',
  description: 'Typed async Python API framework on Starlette and pydantic, served by uvicorn',
  ecosystem: 'python',
  layers: ['python'],
  supports: ['conformance'],
  commands: {
    // Byte-compiled at install (as in the image): the first start does not pay for compiling.
    install: ['uv', 'sync', '--frozen', '--compile-bytecode'],
    // Byte-compiles every module: a syntax error fails here, before tests or the image build.
    build: [PYTHON, '-m', 'compileall', '-q', 'app'],
    typecheck: [PYTHON, '-m', 'mypy'],
    lint: [PYTHON, '-m', 'tools.lint'],
    test: [PYTHON, '-m', 'pytest', '-q'],
    start: [PYTHON, '-m', 'app.main'],
    migrate: [PYTHON, '-m', 'app.migrate'],
    dev: [PYTHON, '-m', 'app.dev'],
  },
  keyFiles: [
    'pyproject.toml',
    'app/main.py',
    'app/application.py',
    'app/platform/config.py',
    'Dockerfile',
  ],
} as const satisfies TargetDefinition;
