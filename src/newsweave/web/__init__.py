"""The newsweave web app and HTTP API (FastAPI): `create_app(settings, store_url)`, served by `newsweave serve`."""

from .app import create_app
from .config import WebSettings

__all__ = ["create_app", "WebSettings"]
