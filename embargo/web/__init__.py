"""``embargo serve``: a web page for press officers and an HTTP API for newsroom systems.

Starlette (ASGI) served by uvicorn.  One module per concern:

* :mod:`~embargo.web.settings` — what the service was started with (host, token, limits);
* :mod:`~embargo.web.session` — policies and catalogue loaded once, reloaded on change;
* :mod:`~embargo.web.inputs` — reading a check request (JSON, form, upload, raw body);
* :mod:`~embargo.web.views` — one function per result (a judgement, a lift calendar, ...);
* :mod:`~embargo.web.api` and :mod:`~embargo.web.pages` — the same results as JSON (through
  the CLI's formats) and as HTML pages;
* :mod:`~embargo.web.errors` — every error as data, in one place;
* :mod:`~embargo.web.guard` — the bearer token and the request size limit;
* :mod:`~embargo.web.openapi` — the API's OpenAPI document.

The core never imports this package.
"""

from embargo.web.app import create_app
from embargo.web.settings import ServeSettings, settings_from

__all__ = ["ServeSettings", "create_app", "settings_from"]
