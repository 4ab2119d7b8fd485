"""Rendering results: check formats, the alert report, the calendar."""
