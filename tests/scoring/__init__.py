"""Tests of prospectlib.scoring."""
