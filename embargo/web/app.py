"""The ASGI application: routes, the guard, the error handlers, the loaded session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from embargo.web import endpoints, pages
from embargo.web.errors import HANDLERS
from embargo.web.guard import Guard
from embargo.web.session import Sessions
from embargo.web.settings import ServeSettings


def create_app(settings: ServeSettings, sessions: Sessions | None = None) -> Starlette:
    """The service.  ``sessions`` (loaded beforehand) lets a caller fail before listening."""
    live = sessions if sessions is not None else Sessions(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        live.close()

    app = Starlette(
        routes=[*endpoints.ROUTES, *pages.ROUTES,
                Mount("/static", StaticFiles(packages=[("embargo.web", "static")]),
                      name="static")],
        middleware=[Middleware(Guard, token=settings.token, max_bytes=settings.max_bytes)],
        exception_handlers=HANDLERS,
        lifespan=lifespan,
    )
    app.state.sessions = live
    app.state.settings = settings
    return app
