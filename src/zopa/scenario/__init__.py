"""Scenarios (pipeline stage 3): a negotiation as validated data."""
