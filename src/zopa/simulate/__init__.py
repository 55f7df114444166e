"""Simulation (pipeline stage 5): negotiation dynamics over time.

Nothing here yet: alternating-offer and mediated single-text simulations land here.
"""
