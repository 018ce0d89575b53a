"""Every business module, in registration order. `create-scalable-backend add module` edits this."""

from __future__ import annotations

from app.modules import notes
from app.platform.modules import AppModule

# csb:slot:module-imports (`create-scalable-backend add module` inserts above this line)

APP_MODULES: list[AppModule] = [
    notes.module,
    # csb:slot:modules (`create-scalable-backend add module` inserts above this line)
]
