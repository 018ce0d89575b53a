"""The notes module's events (`add event` writes one file each)."""
