"""Options of the web app that the pipeline's `Settings` does not hold: upload limits, paging, concurrency."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class WebSettings(BaseModel):
    """Limits of the web app and HTTP API, validated once; `create_app(..., web=WebSettings(...))`.

    Uploads beyond `max_items` or `max_item_bytes`, and request bodies beyond `max_request_bytes`, get 413.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_items: int = Field(20, gt=0, description="Articles (files, pasted texts, records, URLs) in one request.")
    max_item_bytes: int = Field(5_000_000, gt=0, description="Bytes of one uploaded file or pasted text.")
    max_request_bytes: int | None = Field(
        None, gt=0, description="Bytes of a whole request body; default: items × item bytes + 1 MB.")
    page_size: int = Field(50, gt=0, le=1000, description="Stories per page of the stories list.")
    max_concurrent_briefs: int = Field(2, gt=0, description="Briefs or ingests computed at once (the rest wait).")
    brief_wait: float = Field(120.0, gt=0, description="Seconds a request waits for a free brief slot before 503.")
    cache_size: int = Field(256, ge=0, description="Rendered story pages and brief JSON kept in memory.")
    story_ttl: float = Field(1.0, ge=0, description="Seconds a story's version is trusted before the store is asked "
                             "again (a cached page may lag an ingest by this much); 0: ask every time.")
    allowed_hosts: tuple[str, ...] | None = Field(
        None, description="Host headers accepted (guards a loopback server against DNS rebinding); None: any.")

    @property
    def request_limit(self) -> int:
        """The largest request body accepted, in bytes."""
        return self.max_request_bytes or self.max_items * self.max_item_bytes + 1_000_000
