"""Tests of prospectlib.lifecycle."""
