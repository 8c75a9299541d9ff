"""Toegang: one front door for a municipality's social domain."""

from toegang.celery import app as celery_app

__all__ = ["celery_app"]
