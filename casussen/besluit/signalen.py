"""Signals of the decision path, sent inside the transaction that takes the step, so a
listener's writes (the toewijzing messages) commit or roll back with the decision."""

from django.dispatch import Signal

# sender=Beschikking, beschikking=<the decision just taken (a herziening has .vervangt)>
beschikking_genomen = Signal()
# sender=Beschikking, beschikking=<the decision withdrawn>, per=<date the care stops>
beschikking_ingetrokken = Signal()
# sender=Aanvraag, aanvraag=<the aanvraag just recorded>, user=<who recorded it>
aanvraag_ontvangen = Signal()
