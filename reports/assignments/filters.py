"""What the edition dashboard shows of production: the board's rows, filtered as asked."""

from django import forms

from reports.models.assignment_forms import may_assign

from .board import LABELS, assignee_choices, board_rows, filter_rows


class BoardFilterForm(forms.Form):
    state = forms.ChoiceField(required=False, label="State")
    assignee = forms.ChoiceField(required=False, label="Assignee")

    def __init__(self, data, rows):
        super().__init__(data)
        self.fields["state"].choices = [("", "Any state"), *LABELS.items()]
        self.fields["assignee"].choices = [("", "Anyone"), *assignee_choices(rows)]


def board_context(request, edition):
    """The dashboard's board: rows filtered as asked, overdue first, and the filter form."""
    rows = board_rows(edition)
    form = BoardFilterForm(request.GET, rows)
    state = assignee = ""
    if form.is_valid():
        state, assignee = form.cleaned_data["state"], form.cleaned_data["assignee"]
    return {
        "all_rows": rows,
        "rows": filter_rows(rows, state, assignee),
        "filter_form": form,
        "filtered": bool(state or assignee),
        "overdue": sum(1 for r in rows if r.days_late),
        "unconfirmed": sum(1 for r in rows if r.assignment and not r.assignment.confirmed),
        "can_assign": may_assign(request.user),
    }
