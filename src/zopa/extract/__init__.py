"""Extraction (pipeline stage 2): actors, events, quotes, claims and estimates with spans."""
