"""Appointment pages: for staff under /werk/casussen/<pk>/afspraken/ (namespace `casussen`),
for the resident under /mijn/casussen/<pk>/afspraken/ (namespace `casussen_mijn`)."""

from django.urls import path

from . import views

werk_urlpatterns = [
    path("casussen/<int:pk>/afspraken/", views.AfsprakenView.as_view(), name="afspraken"),
    path("casussen/<int:pk>/afspraken/nieuw/", views.AfspraakPlannenView.as_view(),
         name="afspraak_plannen"),
    path("casussen/<int:pk>/afspraken/<int:afspraak_id>/verzetten/",
         views.AfspraakVerzettenView.as_view(), name="afspraak_verzetten"),
    path("casussen/<int:pk>/afspraken/<int:afspraak_id>/annuleren/",
         views.AfspraakAnnulerenView.as_view(), name="afspraak_annuleren"),
    path("casussen/<int:pk>/afspraken/<int:afspraak_id>/verslag/",
         views.AfspraakVerslagView.as_view(), name="afspraak_verslag"),
]

mijn_urlpatterns = [
    path("casussen/<int:pk>/afspraken/<int:afspraak_id>/", views.MijnAfspraakView.as_view(),
         name="afspraak"),
    path("casussen/<int:pk>/afspraken/<int:afspraak_id>/agenda.ics",
         views.MijnAfspraakAgendaView.as_view(), name="afspraak_ics"),
]
