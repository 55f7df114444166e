"""Web dashboard and JSON HTTP API (pipeline stage 7).

Nothing here yet.
"""
