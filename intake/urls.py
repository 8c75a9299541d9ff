from django.urls import path

from .views import mijn, privacy, werk

app_name = "intake"
urlpatterns = [
    path("mijn/", mijn.mijn, name="mijn"),
    path("mijn/aanvragen/<int:pk>/", mijn.MijnDetailView.as_view(), name="mijn_detail"),
    path("mijn/aanvragen/<int:pk>/aanvullen/", mijn.MijnAanvullenView.as_view(),
         name="mijn_aanvullen"),
    path("mijn/aanvragen/<int:pk>/export/", mijn.MijnExportView.as_view(), name="mijn_export"),
    path("mijn/aanvragen/<int:pk>/bijlagen/<int:bijlage_id>/", mijn.MijnBijlageView.as_view(),
         name="mijn_bijlage"),
    path("mijn/toestemmingen/", mijn.mijn_toestemmingen, name="mijn_toestemmingen"),
    path("mijn/toestemmingen/<int:toestemming_id>/intrekken/", mijn.mijn_toestemming_intrekken,
         name="mijn_toestemming_intrekken"),
    path("mijn/wie-keek-mee/", mijn.mijn_toegangslog, name="mijn_toegangslog"),
    path("mijn/koppelen/<str:token>/", mijn.mijn_koppelen, name="mijn_koppelen"),
    path("werk/intakes/<int:pk>/", werk.WerkDetailView.as_view(), name="werk_detail"),
    path("werk/intakes/<int:pk>/aanvullen/", werk.WerkAanvullenView.as_view(),
         name="werk_aanvullen"),
    path("werk/intakes/<int:pk>/export/", werk.WerkExportView.as_view(), name="werk_export"),
    path("werk/intakes/<int:pk>/bijlagen/<int:bijlage_id>/", werk.WerkBijlageView.as_view(),
         name="werk_bijlage"),
    path("werk/intakes/<int:pk>/veiligheid/", werk.VeiligheidsmeldingView.as_view(),
         name="veiligheid_nieuw"),
    path("werk/veiligheid/<int:melding_id>/", werk.veiligheid_beoordelen,
         name="veiligheid_beoordelen"),
    path("privacy/toegangslog/", privacy.privacy_toegangslog, name="privacy_toegangslog"),
]
