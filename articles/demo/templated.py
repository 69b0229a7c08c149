"""Thirty more demo stories, built from paragraph templates with a fixed seed.

Each family is a kind of story a newsroom runs every week (a strike on a town,
a minister's visit, a bill, a new factory, a festival, a column); each variant
fills it with its own fictional people, places and numbers, and a seeded
random choice varies the structure (fact box, block quote, read-also link,
appeal marker), so the stories read as distinct pieces.
"""

import random

from django.utils.text import slugify

from articles.demo import families_features, families_news
from articles.demo.story import (
    APPEAL,
    Correction,
    Story,
    block_quote,
    facts,
    h,
    p,
    quote,
    read_also,
)

SEED = 20260101
FIRST_NAMES = ["Olena", "Marek", "Ivana", "Bohdan", "Tereza", "Lukas", "Daria", "Emil", "Nadia"]
LAST_NAMES = ["Horvat", "Klimenko", "Varro", "Sadek", "Lindqvist", "Moravec", "Petrash", "Ruda"]

FAMILIES = {**families_news.FAMILIES, **families_features.FAMILIES}

NTH = ["second", "third", "fourth", "fifth", "sixth"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
WRITERS = ["pavel-dranik", "hanna-lisowska", "yuri-benes", "ilona-varga"]


def _fill(text: str, slots: dict) -> str:
    return text.format(**slots)


def _story(family: str, spec: dict, variant: dict, index: int, rng: random.Random) -> Story:
    n = rng.randrange(0, len(NTH))
    slots = {
        **variant,
        "weekday": rng.choice(WEEKDAYS),
        "nth": NTH[n],
        "nth_n": n + 2,
        "injured": rng.choice(["Three", "Four", "Seven", "Nine", "Twelve"]),
        "days": rng.randrange(3, 15),
        "km": rng.randrange(12, 60),
        "population": f"{rng.randrange(18, 140)},000",
        "verb": rng.choice(["stall", "resume", "enter a second day"]),
        "refugees": f"{rng.randrange(8, 90)},000",
        "aid": f"${rng.randrange(2, 30) * 100} million",
        "last": rng.choice(["two years ago", "last spring", "before the invasion"]),
        "votes": rng.randrange(226, 301),
        "when": rng.choice(["three months", "six months", "a year"]),
        "signatures": f"{rng.randrange(25, 95)},000",
        "jobs": rng.randrange(12, 90) * 10,
        "years": rng.randrange(2, 5),
        "visitors": f"{rng.randrange(8, 40)},000",
        "events": rng.randrange(30, 140),
    }
    slots["policy_cap"] = slots.get("policy", "").capitalize()
    speaker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    slots.setdefault("minister", speaker)
    slug = slugify(_fill(spec["headline"], slots))[:60].strip("-")

    body = [p(_fill(text, slots)) for text in spec["opening"]]
    sections = spec["sections"] if rng.random() < 0.6 else spec["sections"][:2]
    for number, (heading, text) in enumerate(sections):
        body += [h(_fill(heading, slots)), p(_fill(text, slots))]
        if number == 0:
            body.append(
                quote(_fill(spec["quote"], slots), speaker, _fill(spec["quote_role"], slots))
            )
        if number == 1 and spec["facts"] and rng.random() < 0.6:
            title, items = spec["facts"]
            body.append(facts(_fill(title, slots), *(_fill(i, slots) for i in items)))
        if number == 1 and rng.random() < 0.3:
            body.append(
                block_quote(
                    _fill(
                        "The situation in {city} remains under review.",
                        {"city": slots.get("town", slots.get("city", "Marisk"))},
                    ),
                    "Statement from the regional administration",
                )
            )
    if rng.random() < 0.5:
        body.append(read_also(spec["read_also"]))
    if rng.random() < 0.6:
        body.append(APPEAL)
    authors = list(spec["authors"][:1])
    if rng.random() < 0.3:
        authors.append((rng.choice(WRITERS), "additional reporting"))
    hours_ago = 55 + index * 22 + rng.randrange(0, 12)
    corrections = []
    if index % 7 == 3:
        corrections.append(
            Correction(
                rng.randrange(2, 20),
                "Adds a response from the regional administration.",
                kind="update",
            )
        )
    return Story(
        slug=slug,
        section=spec["section"],
        kicker=spec.get("kicker", ""),
        headline=_fill(spec["headline"], slots),
        standfirst=_fill(spec["standfirst"], slots),
        bylines=authors,
        hours_ago=hours_ago,
        image=spec["image"],
        caption=_fill(
            "{place}, where the events in this story took place.",
            {"place": slots.get("town") or slots.get("city") or "Marisk"},
        ),
        body=body,
        tags=[*spec["tags"], *(t for t in [slots.get("town"), slots.get("country")] if t)],
        updated_hours_after=corrections[0].hours_after if corrections else None,
        corrections=corrections,
    )


def templated_stories() -> list[Story]:
    rng = random.Random(SEED)  # noqa: S311 (a fixed seed for repeatable demo data)
    stories = []
    index = 0
    for round_ in range(5):
        for family, spec in FAMILIES.items():
            stories.append(_story(family, spec, spec["variants"][round_], index, rng))
            index += 1
    return stories
