from django.urls import path

from . import berichtenverkeer, views

app_name = "diagnose"

urlpatterns = [
    path("diagnose/", views.diagnose, name="diagnose"),
    # The print queue lives with the messages in the address bar, but its views are here:
    # downloading letters writes the access log, which the messages layer cannot reach.
    path("berichten/printwachtrij/", views.printwachtrij, name="printwachtrij"),
    path("berichten/printwachtrij/nieuw/", views.printbatch_maken, name="printbatch_maken"),
    path("berichten/printwachtrij/<int:printbatch_id>.pdf", views.printbatch_download,
         name="printbatch"),
    # The iWmo/iJw messages with providers: their state, not their content.
    path("berichtenverkeer/", berichtenverkeer.berichtenverkeer, name="berichtenverkeer"),
    path("berichtenverkeer/<int:bericht_id>/", berichtenverkeer.bericht, name="bericht"),
    path("berichtenverkeer/<int:bericht_id>/opnieuw/", berichtenverkeer.bericht_opnieuw,
         name="bericht_opnieuw"),
    path("berichtenverkeer/quarantaine/", berichtenverkeer.quarantaine, name="quarantaine"),
    path("berichtenverkeer/quarantaine/<int:quarantaine_id>/afgehandeld/",
         berichtenverkeer.quarantaine_afgehandeld, name="quarantaine_afgehandeld"),
]
