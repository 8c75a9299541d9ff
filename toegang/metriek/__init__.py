"""Prometheus metrics of the installation and the switch for OpenTelemetry tracing
(docs/observability.md). Counts and ages only: never a person, never case content."""
