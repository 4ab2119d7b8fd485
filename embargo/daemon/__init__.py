"""The scheduled daemon: polls feeds, scans draft folders, watches lifts, delivers alerts."""
