import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from toegang.accounts.models import Rol
from toegang.accounts.permissions import role_required

from .health import health_report
from .models import WorkerHeartbeat
from .taken import enqueue_on_commit
from .tasks import worker_heartbeat


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "core/start.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@role_required([Rol.BEHEERDER])
def diagnose(request: HttpRequest) -> HttpResponse:
    """Show the health of the installation and let the beheerder send a test task."""
    if request.method == "POST":
        token = f"diagnose-{uuid.uuid4().hex[:12]}"
        enqueue_on_commit(worker_heartbeat, token)
        return redirect(f"{reverse('core:diagnose')}?taak={token}")
    healthy, report = health_report()
    token = request.GET.get("taak", "")
    task_done = bool(token) and WorkerHeartbeat.objects.filter(hostname=token[:64]).exists()
    return render(request, "core/diagnose.html",
                  {"healthy": healthy, "report": report, "token": token, "task_done": task_done})
