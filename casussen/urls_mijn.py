"""The resident's pages on their own casus, under Mijn toegang (/mijn/)."""

from django.urls import path

from .views import plan, zrm

app_name = "casussen_mijn"
urlpatterns = [
    path("casussen/<int:pk>/zrm/", zrm.MijnZrmView.as_view(), name="zrm"),
    path("casussen/<int:pk>/zrm/invullen/", zrm.MijnZrmInvullenView.as_view(),
         name="zrm_invullen"),
    path("casussen/<int:pk>/plan/", plan.MijnPlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/pdf/", plan.MijnPlanPdfView.as_view(), name="plan_pdf"),
]
