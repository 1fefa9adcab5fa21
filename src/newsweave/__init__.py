"""newsweave: many news reports of one event, woven into one trustworthy, cited brief."""

from .articles import read
from .brief import brief
from .models import Article, Brief, ReadResult, RemovedLine, Sentence
from .settings import Settings

__all__ = ["read", "brief", "Brief", "Article", "ReadResult", "RemovedLine", "Sentence", "Settings"]
__version__ = "0.1.0"
