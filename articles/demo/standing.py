"""The standing pages every newsroom needs: About, Ethics, Corrections, Contact."""

from dataclasses import dataclass

from articles.demo.newsroom import CONTACT_EMAIL, NAME
from articles.demo.story import facts, h, p


@dataclass(frozen=True)
class Standing:
    slug: str
    title: str
    intro: str
    body: list


PAGES = [
    Standing(
        "about",
        "About us",
        f"{NAME} is an independent newsroom in Marisk, funded by its readers.",
        [
            p(
                f"{NAME} was founded by eleven journalists in the first month of the war, when "
                "the country needed news it could trust and most of them had lost the jobs "
                "where they used to report it."
            ),
            h("Free to read"),
            p(
                "Every article we publish is free to read, for everyone. We are paid for by "
                "members who give a few dollars a month because they want the reporting to "
                "exist, not because they are locked out of it."
            ),
            h("Who owns us"),
            p(
                "The Ledger is owned by a non-profit foundation. No oligarch, party or "
                "government holds a share, and no single donor gives more than 5% of our "
                "income. We publish our accounts every year."
            ),
            facts(
                "The Ledger in numbers",
                "Founded in the first month of the war",
                "32 journalists and editors",
                "Tens of thousands of paying members",
            ),
        ],
    ),
    Standing(
        "ethics-policy",
        "Ethics policy",
        "The standards our journalists follow, and what you can expect from us.",
        [
            h("Accuracy"),
            p(
                "We check facts before we publish. Claims by officials, militaries and "
                "companies on any side are attributed, and we say when we could not verify "
                "them independently."
            ),
            h("Independence"),
            p(
                "Our journalists do not accept gifts, paid travel or payment from the people "
                "and organisations they cover. Members and donors have no say in what we "
                "report."
            ),
            h("Sources and safety"),
            p(
                "We protect the people who talk to us. We name sources wherever we can and "
                "explain why when we cannot. We do not publish details that would help an "
                "enemy target soldiers or civilians."
            ),
        ],
    ),
    Standing(
        "corrections-policy",
        "Corrections policy",
        "When we get something wrong, we say so, at the foot of the article, with the date.",
        [
            p(
                "We correct errors of fact as soon as we confirm them. The correction appears at "
                "the end of the article, with the date and what changed; we never change a "
                "published article silently."
            ),
            h("Updates"),
            p(
                "When a story develops, we update it and note the update at the foot of the "
                "article. The \u201cupdated\u201d time under the headline shows the latest change."
            ),
            h("Asking for a correction"),
            p(
                f'Write to <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> with the '
                "article's address and what you believe is wrong. An editor who was not "
                "involved in the story will reply within two working days."
            ),
        ],
    ),
    Standing(
        "contact",
        "Contact",
        "How to reach the newsroom, send a tip or ask about your membership.",
        [
            h("News tips"),
            p(
                f'Write to <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>. If your '
                "safety depends on it, say so in your first message and do not include your "
                "name; a reporter will reply with a safer way to talk."
            ),
            h("Members"),
            p(
                "You can change or cancel your membership at any time from your account page. "
                "For anything else, reply to any email we have sent you."
            ),
            h("Address"),
            p(f"{NAME}, 14 Lessa Embankment, Marisk, Valdoria."),
        ],
    ),
]
