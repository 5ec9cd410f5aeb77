"""Test configuration: Hypothesis profiles.

The default profile keeps the property tests fast (100 examples each, no deadline). Hunt for
bugs with more examples: ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("newslint", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "newslint"))

# The derived-data cache (newslint/datacache.py) of the test run lives in a folder of its own,
# shared by the run's processes (the CLI tests start subprocesses, which inherit it), so tests
# never read or leave entries in the user's cache.
if "NEWSLINT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["NEWSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="newslint-test-cache-")
