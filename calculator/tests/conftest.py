"""Hypothesis without per-example deadlines: these tests check behaviour, not speed, and they
run on shared two-core machines and inside Pyodide, where one slow example is not a failure."""

from hypothesis import settings

settings.register_profile("zhibu", deadline=None)
settings.load_profile("zhibu")
