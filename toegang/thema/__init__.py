"""The look of the resident pages per municipality (docs/thema.md)."""
