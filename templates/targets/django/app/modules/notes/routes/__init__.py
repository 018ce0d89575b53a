"""The notes module's routes (`add route` writes one file each)."""
