"""What a whole-edition action would change, page by page: shown before it acts, then done.

The confirmation pages list the plan and carry its fingerprint; the action recomputes the plan
under its lock and refuses if the fingerprint differs, so what acts is what was shown.
"""

import hashlib
from dataclasses import dataclass

from .models.editions import edition_pages

PUBLISH, UNPUBLISH = "publish", "unpublish"


@dataclass
class EditionPlan:
    edition: object
    first_time: list  # not live: published for the first time
    changed: list  # live, with a newer revision: its changes go live
    unchanged: list  # live as they are: not touched
    live: list  # every live page: what unpublishing takes offline

    @property
    def to_publish(self):
        """The pages publishing acts on, in reading order."""
        chosen = {p.pk for p in self.first_time} | {p.pk for p in self.changed}
        return [p for p in self.pages if p.pk in chosen]

    @property
    def pages(self):
        return sorted(self.first_time + self.changed + self.unchanged, key=lambda p: p.path)

    def fingerprint(self, action):
        """A short digest of what `action` would do now; a stale confirmation will not match."""
        if action == PUBLISH:
            parts = [f"{p.pk}:{p.latest_revision_id}" for p in self.to_publish]
        elif action == UNPUBLISH:
            parts = [str(p.pk) for p in self.live]
        else:
            raise ValueError(f"No plan for {action!r}")
        digest = hashlib.sha256(f"{self.edition.pk}|{action}|{','.join(parts)}".encode())
        return digest.hexdigest()[:20]


def edition_plan(edition, pages=None):
    """The plan for the edition as it is now (`pages`: its pages, if already loaded)."""
    pages = edition_pages(edition) if pages is None else pages
    first_time, changed, unchanged = [], [], []
    for page in pages:
        if not page.live:
            first_time.append(page)
        elif page.has_unpublished_changes:
            changed.append(page)
        else:
            unchanged.append(page)
    return EditionPlan(
        edition=edition,
        first_time=first_time,
        changed=changed,
        unchanged=unchanged,
        live=[p for p in pages if p.live],
    )
