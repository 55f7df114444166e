"""Reports and charts (pipeline stage 7)."""
