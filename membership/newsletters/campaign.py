"""The campaign parameters on every newsletter link to the site, and reading
them back on the join page, so a membership started from a newsletter click
is attributed to that newsletter and issue.

A link carries ``utm_source=newsletter``, ``utm_medium=email``,
``utm_campaign=<slug>``, ``utm_content=issue-<id>`` (or ``appeal``) and
``utm_id=n<newsletter id>-i<issue id>``: ids, because a slug can be edited.
Only ``utm_*`` names are used, so the full-page cache (which drops them from
its key) keeps one copy of each article however many issues link to it.
"""

import re
from collections.abc import Mapping

from membership.ids import parse_id

SOURCE = "newsletter"
_UTM_ID = re.compile(r"n([0-9]{1,10})(?:-i([0-9]{1,10}))?")


def params(newsletter, issue_id: int | None, content: str = "") -> dict[str, str]:
    return {
        "utm_source": SOURCE,
        "utm_medium": "email",
        "utm_campaign": newsletter.slug,
        "utm_content": content or (f"issue-{issue_id}" if issue_id else "newsletter"),
        "utm_id": f"n{newsletter.pk}" + (f"-i{issue_id}" if issue_id else ""),
    }


def from_query(query: Mapping) -> tuple[int | None, int | None]:
    """(newsletter id, issue id) named by a request's query: the join forms'
    own ``newsletter`` and ``issue`` fields (carried through signing in), else
    a newsletter link's ``utm_id``. Unverified ids: the webhook checks them."""
    newsletter, issue = parse_id(query.get("newsletter")), parse_id(query.get("issue"))
    if newsletter is not None:
        return newsletter, issue
    match = _UTM_ID.fullmatch(str(query.get("utm_id") or ""))
    if query.get("utm_source") != SOURCE or match is None:
        return None, None
    newsletter, issue = parse_id(match.group(1)), parse_id(match.group(2))
    return (newsletter, issue) if newsletter is not None else (None, None)
