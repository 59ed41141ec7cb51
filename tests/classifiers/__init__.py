"""Tests of prospectlib.classifiers."""
