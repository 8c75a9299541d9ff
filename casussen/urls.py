from django.urls import path

from .views import casus, plan, werkvoorraad

app_name = "casussen"
urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
    path("casussen/<int:pk>/", casus.CasusDetailView.as_view(), name="detail"),
    path("casussen/<int:pk>/plan/", plan.PlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/bewerken/", plan.PlanBewerkenView.as_view(),
         name="plan_bewerken"),
    path("casussen/<int:pk>/plan/delen/", plan.PlanDelenView.as_view(), name="plan_delen"),
    path("casussen/<int:pk>/plan/pdf/", plan.PlanPdfView.as_view(), name="plan_pdf"),
]
