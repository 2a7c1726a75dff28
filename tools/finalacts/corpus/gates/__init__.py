"""Schema validators generated ahead of time from the schemas in ../data/ (see schemas.fast_gate)."""
