"""The notes module's jobs (`add job` writes one file each)."""
