"""Tests of prospectlib.model."""
