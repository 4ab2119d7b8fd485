from tests.alerts.conftest import hook, populated, session, smtp, violation

__all__ = ["hook", "populated", "session", "smtp", "violation"]
