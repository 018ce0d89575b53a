"""The modules of this service, in order. Each is a Django app under app/modules/<name>/ with
its URLs in urls.py. `npx create-scalable-backend add module <name>` appends to this list."""

MODULES = [
    "notes",
    # csb:slot:modules (add module inserts above this line)
]
