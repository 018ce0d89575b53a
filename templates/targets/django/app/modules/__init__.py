"""Business modules, one Django app each (app/installed_modules.py)."""
