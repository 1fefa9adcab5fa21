"""Renderers: turn models into terminal tables, JSON, Markdown and HTML. Models know nothing of them."""
