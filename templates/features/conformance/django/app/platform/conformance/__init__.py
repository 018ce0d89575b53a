"""Test fixtures for the black-box conformance suite (contract §2.0). Present only in projects
generated with --conformance-fixtures, mounted only when CONFORMANCE_FIXTURES=true. Never enable
them in production: they sleep, fail and call out on request."""
