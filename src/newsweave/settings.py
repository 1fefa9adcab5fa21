"""One object holding every option, validated once and passed to each stage."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Options of a newsweave run. Every stage reads what it needs from here."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_bytes: int = Field(20_000_000, gt=0, description="Refuse inputs larger than this many bytes.")
    fetch_timeout: float = Field(15.0, gt=0, description="Seconds before a URL fetch gives up.")
    max_redirects: int = Field(5, ge=0, description="Redirects followed when fetching a URL.")
    allow_private: bool = Field(False, description="Allow fetching private, loopback and link-local addresses.")
    user_agent: str = "newsweave/0.1 (+offline news brief tool)"
    summary_words: int = Field(120, gt=0, description="Word budget of the brief's summary.")
    batch_size: int = Field(16, gt=0, description="Sentences per batch sent to the encoder (small batches pad less).")
