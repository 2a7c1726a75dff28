"""Schema validators generated ahead of time from schemas/ (see jsonschemas.fast_gate)."""
