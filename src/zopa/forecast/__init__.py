"""Forecasts (pipeline stage 6): questions, aggregated probabilities, calibration.

Nothing here yet: forecast questions are stored with scenarios for now.
"""
