"""Diagnose and the print queue: the functioneel beheerder's view of what waits to leave.

It sits at the top (docs/architecture.md): it may read the state of every layer's queues
and outboxes (the iWmo/iJw berichtenverkeer too: berichtenverkeer.py), and no layer below
knows it. Diagnose shows no case content, only counts and
states. The print queue shows no names either; only the batch PDF carries the letters, and
each download writes one access-log row per letter, which only this layer can do (the access
log sits above the messages).
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.toewijzing.selectors import berichtenstand
from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import role_required
from toegang.api.webhooks import webhookstand
from toegang.audit.models import Actie, Grond
from toegang.audit.services import Gegeven, toegangslog_write_many
from toegang.berichten.printen import printbatch_pdf
from toegang.berichten.selectors import (
    PRINT_WACHT_WERKDAGEN,
    brieven_in,
    postvak_stand,
    printbatch_of,
    printbatches,
    printwachtrij_stand,
)
from toegang.berichten.services import PRINTBATCH_MAX_BRIEVEN, printbatch_make
from toegang.core.beveiliging import BESTAAT_NIET, Geweigerd
from toegang.core.diagnose import onderdelen
from toegang.core.health import health_report
from toegang.core.models import WorkerHeartbeat
from toegang.core.taken import enqueue_on_commit
from toegang.core.tasks import worker_heartbeat

beheerder_required = role_required([Rol.BEHEERDER])

PER_PAGINA = 20


@beheerder_required
def diagnose(request: HttpRequest) -> HttpResponse:
    """Show the health of the installation and let the beheerder send a test task."""
    if request.method == "POST":
        token = f"diagnose-{uuid.uuid4().hex[:12]}"
        enqueue_on_commit(worker_heartbeat, token)
        return redirect(f"{reverse('diagnose:diagnose')}?taak={token}")
    healthy, report = health_report()
    token = request.GET.get("taak", "")
    task_done = bool(token) and WorkerHeartbeat.objects.filter(hostname=token[:64]).exists()
    database = report["database"] == "ok"
    return render(request, "diagnose/diagnose.html",
                  {"healthy": healthy, "report": report, "token": token, "task_done": task_done,
                   "postvak": postvak_stand() if database else None,
                   "printwachtrij": printwachtrij_stand() if database else None,
                   "berichtenverkeer": berichtenstand() if database else None,
                   "webhooks": webhookstand() if database else None,
                   "onderdelen": onderdelen() if database else [],
                   "print_wacht_werkdagen": PRINT_WACHT_WERKDAGEN})


@beheerder_required
def printwachtrij(request: AuthenticatedRequest) -> HttpResponse:
    """How many letters wait (no names, no content) and the batches printed so far."""
    page = Paginator(printbatches(), PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "diagnose/printwachtrij.html",
                  {"stand": printwachtrij_stand(), "page": page,
                   "max_brieven": PRINTBATCH_MAX_BRIEVEN,
                   "print_wacht_werkdagen": PRINT_WACHT_WERKDAGEN})


@beheerder_required  # the gate first: another role gets 404, not 405
@require_POST
def printbatch_maken(request: AuthenticatedRequest) -> HttpResponse:
    """Take the waiting letters into a new batch, then download its PDF."""
    batch = printbatch_make(user=request.user)
    if batch is None:
        messages.info(request, _("Er wachten geen brieven. Misschien heeft een collega ze net "
                                 "in een printbatch gezet; die staat dan in de lijst."))
        return redirect("diagnose:printwachtrij")
    return redirect("diagnose:printbatch", printbatch_id=batch.pk)


@beheerder_required
def printbatch_download(request: AuthenticatedRequest, printbatch_id: int) -> HttpResponse:
    """The batch's letters as one PDF; every download is logged, one row per letter."""
    batch = printbatch_of(printbatch_id=printbatch_id)
    if batch is None:
        raise Geweigerd(reden=BESTAAT_NIET, object_type="printbatch", object_id=printbatch_id)
    brieven = brieven_in(printbatch=batch)
    pdf = printbatch_pdf(printbatch=batch, brieven=brieven)
    toegangslog_write_many(
        user=request.user, actie=Actie.EXPORTEREN, grond=Grond.BRIEF, object_type="brief",
        gegevens=[Gegeven(object_id=b.pk, intake_id=b.intake_id, inwoner_id=b.inwoner_id)
                  for b in brieven],
        doel=f"printbatch {batch.pk}", request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = f"printbatch-{batch.pk}-{timezone.localdate(batch.created_at):%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"  # personal data: never in a cache
    return response
