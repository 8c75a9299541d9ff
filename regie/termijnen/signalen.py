"""Signals of the legal clocks, sent inside the transaction that changes the clock, so a
listener's writes (the zaaksysteem's outbox) commit or roll back with the change. Layers
above listen (the clocks know none of them)."""

from django.dispatch import Signal

# sender=Termijn, termijn=<the clock>, reden=<why>, vanaf=<date>, user=<who>
termijn_opgeschort = Signal()
# sender=Termijn, termijn=<the clock, running again>, op=<date>, user=<who>
termijn_hervat = Signal()
# sender=Termijn, termijn=<the clock>, oude_deadline=<datetime>, reden=<why>, user=<who>;
# the new deadline is termijn.deadline.
termijn_verdaagd = Signal()
