"""Notes module: the example of a module's shape. Other modules use only `api` (C86)."""
