from django.urls import path

from . import views

app_name = "diagnose"

urlpatterns = [
    path("diagnose/", views.diagnose, name="diagnose"),
    # The print queue lives with the messages in the address bar, but its views are here:
    # downloading letters writes the access log, which the messages layer cannot reach.
    path("berichten/printwachtrij/", views.printwachtrij, name="printwachtrij"),
    path("berichten/printwachtrij/nieuw/", views.printbatch_maken, name="printbatch_maken"),
    path("berichten/printwachtrij/<int:printbatch_id>.pdf", views.printbatch_download,
         name="printbatch"),
]
