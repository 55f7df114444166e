"""Placeholder: this evaluation command lands with its stage."""
