from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("mijn/", views.mijn, name="mijn"),
    path("mijn/aanvragen/<int:pk>/", views.MijnDetailView.as_view(), name="mijn_detail"),
    path("mijn/aanvragen/<int:pk>/aanvullen/", views.MijnAanvullenView.as_view(),
         name="mijn_aanvullen"),
    path("mijn/aanvragen/<int:pk>/export/", views.MijnExportView.as_view(), name="mijn_export"),
    path("mijn/aanvragen/<int:pk>/bijlagen/<int:bijlage_id>/", views.MijnBijlageView.as_view(),
         name="mijn_bijlage"),
    path("mijn/toestemmingen/", views.mijn_toestemmingen, name="mijn_toestemmingen"),
    path("mijn/toestemmingen/<int:toestemming_id>/intrekken/", views.mijn_toestemming_intrekken,
         name="mijn_toestemming_intrekken"),
    path("mijn/wie-keek-mee/", views.mijn_toegangslog, name="mijn_toegangslog"),
    path("werk/intakes/<int:pk>/", views.WerkDetailView.as_view(), name="werk_detail"),
    path("werk/intakes/<int:pk>/aanvullen/", views.WerkAanvullenView.as_view(),
         name="werk_aanvullen"),
    path("werk/intakes/<int:pk>/export/", views.WerkExportView.as_view(), name="werk_export"),
    path("werk/intakes/<int:pk>/bijlagen/<int:bijlage_id>/", views.WerkBijlageView.as_view(),
         name="werk_bijlage"),
    path("werk/intakes/<int:pk>/veiligheid/", views.VeiligheidsmeldingView.as_view(),
         name="veiligheid_nieuw"),
    path("werk/veiligheid/<int:melding_id>/", views.veiligheid_beoordelen,
         name="veiligheid_beoordelen"),
    path("privacy/toegangslog/", views.privacy_toegangslog, name="privacy_toegangslog"),
]
