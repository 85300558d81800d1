from django.urls import path

from reports.views import actions, board, compare, release
from reports.views import admin as views
from reports.views.translations import TranslationBoardView

app_name = "reports_editions"
urlpatterns = [
    path("", views.EditionIndexView.as_view(), name="index"),
    path("<int:pk>/", views.EditionDashboardView.as_view(), name="dashboard"),
    path("<int:pk>/preview/", views.EditionPreviewView.as_view(), name="preview"),
    path("<int:pk>/publish/", actions.PublishEditionView.as_view(), name="publish"),
    path("<int:pk>/unpublish/", actions.UnpublishEditionView.as_view(), name="unpublish"),
    path("<int:pk>/schedule/", release.ScheduleEditionView.as_view(), name="schedule"),
    path("<int:pk>/cancel-release/", release.CancelReleaseView.as_view(), name="cancel_release"),
    path("<int:pk>/review-links/", views.CreateReviewLinkView.as_view(), name="create_review_link"),
    path(
        "<int:pk>/review-links/<int:link_pk>/revoke/",
        views.RevokeReviewLinkView.as_view(),
        name="revoke_review_link",
    ),
    path("<int:pk>/start-next/", views.StartNextEditionView.as_view(), name="start_next"),
    path("<int:pk>/assignments/", board.AssignSectionsView.as_view(), name="assign"),
    path(
        "<int:pk>/assignments/confirm/",
        board.ConfirmAssignmentsView.as_view(),
        name="confirm_assignments",
    ),
    path("<int:pk>/board.csv", board.BoardCSVView.as_view(), name="board_csv"),
    path(
        "<int:pk>/sections/<int:page_pk>/carried-over/",
        compare.CarryOverView.as_view(),
        name="carry_over",
    ),
    path(
        "compare/<int:page_id>/",
        compare.CompareWithPreviousView.as_view(),
        name="compare_with_previous",
    ),
    path("<int:pk>/translations/", TranslationBoardView.as_view(), name="translations"),
]
