from django.urls import path

from .views import casus, plan, werkvoorraad, zrm

app_name = "casussen"
urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
    path("casussen/<int:pk>/", casus.CasusDetailView.as_view(), name="detail"),
    path("casussen/<int:pk>/contact/", casus.ContactView.as_view(), name="contact"),
    path("casussen/<int:pk>/notitie/", casus.NotitieView.as_view(), name="notitie"),
    path("casussen/<int:pk>/status/", casus.StatusView.as_view(), name="status"),
    path("casussen/<int:pk>/ave/", casus.AveView.as_view(), name="ave"),
    path("casussen/<int:pk>/betrokkene/", casus.BetrokkeneView.as_view(), name="betrokkene"),
    path("casussen/<int:pk>/overdracht/", casus.OverdrachtView.as_view(), name="overdracht"),
    path("casussen/<int:pk>/toewijzen/", casus.ToewijzenView.as_view(), name="toewijzen"),
    path("casussen/<int:pk>/betrokkene/<int:betrokkenheid_id>/stoppen/",
         casus.BetrokkeneStoppenView.as_view(), name="betrokkene_stoppen"),
    path("intakes/<int:pk>/oppakken/", casus.oppakken, name="oppakken"),
    path("overdrachten/<int:overdracht_id>/", casus.overdracht, name="overdracht_besluit"),
    path("casussen/<int:pk>/zrm/", zrm.ZrmView.as_view(), name="zrm"),
    path("casussen/<int:pk>/zrm/nieuw/", zrm.ZrmNieuwView.as_view(), name="zrm_nieuw"),
    path("casussen/<int:pk>/plan/", plan.PlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/bewerken/", plan.PlanBewerkenView.as_view(),
         name="plan_bewerken"),
    path("casussen/<int:pk>/plan/delen/", plan.PlanDelenView.as_view(), name="plan_delen"),
    path("casussen/<int:pk>/plan/pdf/", plan.PlanPdfView.as_view(), name="plan_pdf"),
]
