"""The FastAPI app: server-rendered pages and the HTTP API under /api/, both over one `Store`.

Routes stay thin: they check the id, ask `WebService` (store reads, cached briefs, new briefs) and `views`
(one context dict per page), then send the context to `templates/<page>.html` or the data out as JSON.
Every error becomes `{"error": "..."}` (under /api/) or an error page, with its status; never a traceback.
"""

from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import InputError, NewsweaveError
from ..render.brief import cite, quotes_by_speaker, source_caveats, unique_by_source
from ..settings import Settings
from ..store import Store, StoreError
from .config import WebSettings
from .evidence import brief_view, refs_for
from .inputs import BadSubmission, Submission, TooLarge, Upload
from .service import Busy, InvalidId, NotFound, WebService
from .views import (StoryFilter, article_context, article_json, filter_stories, parse_date, stories_context,
                    story_articles, story_context)

LOGGER = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


class ErrorOut(BaseModel):
    """What every failed API request returns."""

    error: str


class BadRequest(NewsweaveError):
    """A request the server cannot parse (HTTP 400)."""


class UnsupportedMedia(NewsweaveError):
    """A request body of a kind the endpoint does not take (HTTP 415)."""


class BodyTooLarge(NewsweaveError):
    """A request body above the size limit (HTTP 413)."""


STATUS = [(NotFound, 404), (InvalidId, 422), (TooLarge, 413), (BodyTooLarge, 413), (BadSubmission, 422),
          (InputError, 422), (UnsupportedMedia, 415), (BadRequest, 400), (Busy, 503), (StoreError, 503),
          (NewsweaveError, 400)]


# ── Templates ────────────────────────────────────────────────────────────────────────────────────────────────

@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment of the web templates: autoescaped, the brief renderers' helpers as globals."""
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("newsweave", "web/templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(cite=cite, unique_by_source=unique_by_source, quotes_by_speaker=quotes_by_speaker,
                       source_caveats=source_caveats, refs_for=refs_for, version=__version__)
    env.filters["query"] = lambda values: urlencode(values)
    return env


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page: `templates/<template>` with the context (and `base`, the app's path prefix)."""
    return HTMLResponse(render_bytes(request, template, context), status_code=status)


def render_bytes(request: Request, template: str, context: dict[str, Any]) -> bytes:
    """The rendered page as UTF-8 bytes."""
    page = environment().get_template(template).render(base=request.scope.get("root_path", ""), **context)
    return page.encode("utf-8")


# ── Errors ───────────────────────────────────────────────────────────────────────────────────────────────────

def _is_api(request: Request) -> bool:
    path, root = request.scope.get("path", ""), request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """`{"error": message}` under /api/, else the error page; with the status."""
    if _is_api(request):
        return JSONResponse({"error": message, **extra}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _status(exc: BaseException) -> int:
    return next(code for kind, code in STATUS if isinstance(exc, kind))


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return "invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsweaveError)
    async def newsweave_error(request: Request, exc: NewsweaveError) -> Response:
        status = _status(exc)
        if status == 503:
            LOGGER.warning("%s: %s", request.url.path, exc)
        headers_extra = {"Retry-After": "30"} if isinstance(exc, Busy) else {}
        response = error_response(request, status, str(exc))
        response.headers.update(headers_extra)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path[:200]}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path[:200]}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(list(exc.errors())))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        LOGGER.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error: the server failed on this request (see its log)")


# ── Middleware: security headers, same-origin writes, allowed hosts, body size ───────────────────────────────

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class Guard:
    """ASGI middleware: security headers on every response; refuses other hosts (when configured), cross-site
    writes (an Origin of another site), and bodies above the limit (413, also when the length is not declared)."""

    def __init__(self, app, web: WebSettings):
        self.app, self.web = app, web

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.web.allowed_hosts is not None and _hostname(host) not in self.web.allowed_hosts:
            await _plain_error(scope, send, 400, f"host {host[:100]!r} is not served here")
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if (origin and origin != "null" and urlsplit(origin).netloc != host) or (
                    headers.get("sec-fetch-site") == "cross-site"):
                await _plain_error(scope, send, 403, "cross-site request refused")
                return
            declared = headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.web.request_limit:
                await _plain_error(scope, send, 413, f"request body of {declared} bytes is above the "
                                   f"{self.web.request_limit}-byte limit")
                return
        received = 0
        limit = self.web.request_limit

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(f"request body is above the {limit}-byte limit")
            return message

        is_docs = scope.get("path", "").endswith(("/docs", "/redoc", "/docs/oauth2-redirect"))

        async def secured_send(message):
            if message["type"] == "http.response.start" and not is_docs:
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, counted_receive, secured_send)


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _plain_error(scope, send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


# ── Reading a submission (JSON or a form) ────────────────────────────────────────────────────────────────────

async def read_submission_request(request: Request, web: WebSettings) -> tuple[Submission, list[Upload]]:
    """The articles a POST carries: a JSON object (`Submission`) or list of records, or a multipart form
    (`text` fields, `files`, `urls` one a line, `words`).

    Raises:
        BadRequest, BadSubmission, TooLarge, UnsupportedMedia: see their status codes.
    """
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"malformed JSON body ({exc})") from None
        if isinstance(data, list):
            data = {"articles": data}
        if not isinstance(data, dict):
            raise BadSubmission("the JSON body must be an object with texts, articles or urls, or a list of records")
        try:
            return Submission.model_validate(data), []
        except ValidationError as exc:
            raise BadSubmission(_validation_message(exc.errors())) from None
    if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise UnsupportedMedia("send application/json or multipart/form-data"
                               + (f", not {kind[:60]}" if kind else ""))
    try:
        form = await request.form(max_files=web.max_items, max_fields=web.max_items * 2 + 20,
                                  max_part_size=web.max_item_bytes)
    except StarletteHTTPException as exc:
        detail = str(exc.detail)
        if "Too many files" in detail:
            raise TooLarge(f"too many files: at most {web.max_items} are accepted") from None
        if "maximum size" in detail:
            raise TooLarge(f"a field is above {web.max_item_bytes} bytes") from None
        raise BadRequest(f"malformed form data ({detail})") from None
    texts = [v for name in ("text", "texts") for v in form.getlist(name) if isinstance(v, str) and v.strip()]
    urls = [line.strip() for v in form.getlist("urls") if isinstance(v, str) for line in v.splitlines() if line.strip()]
    words_field = form.get("words")
    words = words_field.strip() if isinstance(words_field, str) and words_field.strip() else None
    uploads = []
    for value in [*form.getlist("files"), *form.getlist("file")]:
        if not isinstance(value, UploadFile) or (not value.filename and not value.size):
            continue  # a file input left empty
        data = await value.read(web.max_item_bytes + 1)
        if len(data) > web.max_item_bytes:
            raise TooLarge(f"{value.filename or 'a file'} is above {web.max_item_bytes} bytes")
        uploads.append(Upload(value.filename or "", data))
    try:
        return Submission(texts=texts, urls=urls, words=words), uploads
    except ValidationError as exc:
        raise BadSubmission(_validation_message(exc.errors())) from None


_FORM_SCHEMA = {"type": "object", "properties": {
    "text": {"type": "array", "items": {"type": "string"}, "description": "Article texts, one a field."},
    "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": "Article files."},
    "urls": {"type": "string", "description": "URLs, one a line."},
    "words": {"type": "integer", "description": "Word budget of the summary."}}}
SUBMISSION_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": Submission.model_json_schema()},
    "multipart/form-data": {"schema": _FORM_SCHEMA}}}}
ERRORS = {status: {"model": ErrorOut, "description": text} for status, text in (
    (400, "Malformed request"), (404, "No such story or article"), (413, "Too many or too large uploads"),
    (422, "Invalid input, or nothing readable"), (503, "Busy, or the database is unavailable"))}


# ── The app ──────────────────────────────────────────────────────────────────────────────────────────────────

def create_app(settings: Settings | None = None, store_url: str | Path | Store = "newsweave.db", *,
               web: WebSettings | None = None, create: bool = True) -> FastAPI:
    """The newsweave web app and HTTP API over one corpus.

    Args:
        settings (Settings, optional): options of reading and briefing (URL guard, summary words, …).
        store_url (str | Path | Store): the corpus: a SQLite file, a `postgresql://` URL, or an open `Store`
            (then the caller closes it). Defaults to "newsweave.db".
        web (WebSettings, optional): upload limits, paging, concurrency of the web app.
        create (bool, optional): create a missing SQLite file. Defaults to True.

    Returns:
        FastAPI: an ASGI app (serve it with uvicorn).

    Raises:
        StoreError: the database cannot be opened.
    """
    settings = settings or Settings()
    web = web or WebSettings()
    owns_store = not isinstance(store_url, Store)
    store = Store(store_url, create=create) if owns_store else store_url
    service = WebService(store, settings, web)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if owns_store:
            store.close()

    app = FastAPI(title="newsweave", version=__version__, lifespan=lifespan,
                  description="Stories of a newsweave corpus, their cited briefs, and briefs of new articles.")
    app.state.service = service
    app.add_middleware(Guard, web=web)
    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _pages(app, service)
    _api(app, service)
    return app


def _story_filter(q: str, outlet: str, date_from: str | None, date_to: str | None, page: int) -> StoryFilter:
    try:
        return StoryFilter(q=q.strip()[:200], outlet=outlet.strip()[:200], date_from=parse_date(date_from, "from"),
                           date_to=parse_date(date_to, "to"), page=page)
    except ValueError as exc:
        raise BadSubmission(str(exc)) from None


def _pages(app: FastAPI, service: WebService) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, q: str = "", outlet: str = "", date_from: str | None = Query(None, alias="from"),
                     date_to: str | None = Query(None, alias="to"), page: int = Query(1, ge=1, le=100_000)):
        story_filter = _story_filter(q, outlet, date_from, date_to, page)
        return render(request, "stories.html", stories_context(service.store, story_filter, service.web.page_size))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(request: Request, story_id: str):
        root = request.scope.get("root_path", "")
        body = service.fresh("story", story_id, root)  # a page served moments ago: no store, no thread
        if body is None:
            body = await run_in_threadpool(_story_page, request, story_id, root)
        return HTMLResponse(body)

    def _story_page(request: Request, story_id: str, root: str) -> bytes:
        story = service.story(story_id)

        def make() -> bytes:
            brief = service.brief(story)
            return render_bytes(request, "story.html",
                                story_context(service.store, story, brief, story_articles(service.store, story.id)))

        return service.cached("story", story, make, extra=root)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        return render(request, "article.html", article_context(service.store, service.article(article_id)))

    @app.get("/new", response_class=HTMLResponse, include_in_schema=False)
    def new_page(request: Request):
        return render(request, "new.html", _new_context(service.web))

    @app.post("/new", response_class=HTMLResponse, include_in_schema=False)
    async def new_submit(request: Request):
        context = _new_context(service.web)
        try:
            submission, uploads = await read_submission_request(request, service.web)
            context["texts"] = submission.texts or context["texts"]
            context["urls"] = "\n".join(submission.urls)
            context["words"] = submission.words
            brief, result = await run_in_threadpool(service.new_brief, submission, uploads)
        except (BadRequest, BadSubmission, TooLarge, UnsupportedMedia, Busy) as exc:
            context["error"] = str(exc)
            return render(request, "new.html", context, status=_status(exc))
        context["problems"] = result.problems
        if brief is None:
            context["error"] = "no article could be read (see the reasons below), so there is nothing to brief"
            return render(request, "new.html", context, status=422)
        context.update(brief_view(brief, {a.id: a for a in result.articles}), result=result,
                       texts=["", "", ""], urls="")
        return render(request, "new.html", context)


def _new_context(web: WebSettings) -> dict[str, Any]:
    return {"texts": ["", "", ""], "urls": "", "words": None, "error": None, "problems": [], "brief": None,
            "max_items": web.max_items, "max_mb": round(web.max_item_bytes / 1_000_000, 1)}


def _api(app: FastAPI, service: WebService) -> None:
    def json_response(body: bytes | str, status: int = 200) -> Response:
        return Response(body, status_code=status, media_type="application/json")

    @app.get("/api/stories", tags=["stories"], responses={422: ERRORS[422]})
    def api_stories(q: str = Query("", description="Words that must all appear in the story's title or outlets, its "
                                   "articles' titles, or the start of a name they mention."),
                    outlet: str = Query("", description="Only stories this outlet reported."),
                    date_from: str | None = Query(None, alias="from", description="Stories reported on or after (YYYY-MM-DD)."),
                    date_to: str | None = Query(None, alias="to", description="Stories reported on or before (YYYY-MM-DD).")):
        """The stories of the corpus, largest and most recent first (as `newsweave stories --format json`)."""
        story_filter = _story_filter(q, outlet, date_from, date_to, 1)
        return JSONResponse([s.as_dict() for s in filter_stories(service.store, story_filter)[1]])

    @app.get("/api/stories/{story_id}", tags=["stories"], responses={k: ERRORS[k] for k in (404, 422)})
    def api_story(story_id: str):
        """One story and its articles (ids, sources, outlets, titles, dates; copies and their originals)."""
        story = service.story(story_id)
        articles = [{"id": a.id, "source": a.article.source, "outlet": a.article.outlet, "title": a.article.title,
                     "published": a.article.published.isoformat() if a.article.published else None,
                     "copy_of": a.copy_of} for a in story_articles(service.store, story.id)]
        return JSONResponse({**story.as_dict(), "articles": articles})

    @app.get("/api/stories/{story_id}/brief", tags=["stories"],
             responses={200: {"description": "The brief (the documented schema of `newsweave brief --format json`)",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}}},
                        **{k: ERRORS[k] for k in (404, 422, 503)}})
    async def api_story_brief(story_id: str):
        """The brief of a stored story (cached until the story changes; made on first request)."""
        body = service.fresh("brief", story_id)
        if body is None:
            body = await run_in_threadpool(_brief_json, story_id)
        return json_response(body)

    def _brief_json(story_id: str) -> bytes:
        story = service.story(story_id)
        return service.cached("brief", story, lambda: service.brief(story).model_dump_json().encode())

    @app.get("/api/articles/{article_id}", tags=["articles"], responses={k: ERRORS[k] for k in (404, 422)})
    def api_article(article_id: str):
        """One stored article (the `read --format json` fields) with its story_id, copy_of and junk_reason."""
        return json_response(article_json(service.article(article_id)))

    @app.post("/api/brief", tags=["briefs"], openapi_extra=SUBMISSION_BODY,
              responses={200: {"description": "The brief", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/Brief"}}}}, **{k: ERRORS[k] for k in (400, 413, 422, 503)}})
    async def api_brief(request: Request):
        """Brief articles sent in the request (texts, records, files or URLs); nothing is stored."""
        submission, uploads = await read_submission_request(request, service.web)
        brief, result = await run_in_threadpool(service.new_brief, submission, uploads)
        if brief is None:
            return error_response(request, 422, "no article could be read, nothing to brief",
                                  problems=[p.model_dump() for p in result.problems])
        return json_response(brief.model_dump_json())

    @app.post("/api/ingest", tags=["stories"], openapi_extra=SUBMISSION_BODY,
              responses={**{k: ERRORS[k] for k in (400, 413, 422, 503)}})
    async def api_ingest(request: Request):
        """Add articles to the corpus (as `newsweave ingest`): the report of new, duplicate, copies, junk, failed."""
        submission, uploads = await read_submission_request(request, service.web)
        report = await run_in_threadpool(service.ingest, submission, uploads)
        if report.read and report.read <= report.failed:
            return error_response(request, 422, "no article could be read", report=report.model_dump(mode="json"))
        return json_response(report.model_dump_json())

    # the Brief schema, referenced above, in the OpenAPI components
    original_openapi = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            from ..models import Brief

            schema = original_openapi()
            definitions = Brief.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(definitions.pop("$defs", {}))
            components["Brief"] = definitions
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
