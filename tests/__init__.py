"""The prospectlib test suite (a package, so test modules share helpers)."""
