from django.urls import path

from dashboards import home, views

urlpatterns = [
    path("", views.index, name="dashboards"),
    path("home/", home.home, name="supervisors-home"),
    path("home/<slug:item>/<slug:figure>/", home.clocks, name="supervisors-home-clocks"),
]
