from django.urls import path, re_path

from reports.views.data import all_figures, data_catalogue, page_figures
from reports.views.review import review_edition

urlpatterns = [
    path("review/<str:token>/", review_edition, name="review_edition"),
    path("data/", data_catalogue, name="data_catalogue"),
    re_path(r"^data/figures\.(?P<fmt>csv|json)$", all_figures, name="all_figures"),
]

# An edition's or a profile's figures, beside its page: /annual-reports/2020/figures.csv, and
# beside its translation (/ja/annual-reports/2020/figures.csv: oif_site/urls.py's languages).
page_figure_urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)figures\.(?P<fmt>csv|json)$",
        page_figures,
        name="page_figures",
    ),
]
