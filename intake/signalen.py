"""Signals of the record, sent inside the transaction that changes it, so a listener's writes
(the API's webhook outbox) commit or roll back with the change. Layers above listen (the
record knows none of them)."""

from django.dispatch import Signal

# sender=Intake, intake_id=<pk>, status=<the new IntakeStatus>; only when it really changed.
intake_status_gewijzigd = Signal()
