"""Who and what the demo newsroom is: its identity, sections and staff.

The Meridian Ledger is a fictional reader-funded newsroom in Marisk, capital
of the fictional Valdoria, which is at war with its neighbour Korvath. Every
person and place here is invented for the demo.
"""

from dataclasses import dataclass

NAME = "The Meridian Ledger"
TAGLINE = "Independent news from Valdoria and its neighbours, free to read"
X_HANDLE = "meridianledger"
SOCIAL = {
    "bluesky_url": "https://bsky.app/profile/meridianledger.example",
    "facebook_url": "https://www.facebook.com/meridianledger.example",
    "telegram_url": "https://t.me/meridianledger_example",
}
CONTACT_EMAIL = "newsdesk@meridianledger.example"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str


SECTIONS = [
    Section("world", "World", "Valdoria's neighbours, allies and the diplomacy around the war."),
    Section("war", "War", "Reporting from the front line and the cities behind it."),
    Section(
        "politics", "Politics", "Parliament, government and the people who hold them to account."
    ),
    Section("business", "Business", "The wartime economy: money, trade, energy and work."),
    Section("culture", "Culture", "Books, theatre, music and the life that carries on."),
    Section("opinion", "Opinion", "Argument and analysis from our writers and guests."),
]


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    role: str
    bio: str


AUTHORS = [
    Person(
        "ilona-varga",
        "Ilona Varga",
        "Foreign affairs editor",
        "Ilona covers Valdoria's neighbours and its allies. She reported from Tessaly and Ostrov "
        "before joining the Ledger in its first year.",
    ),
    Person(
        "tomas-reiner",
        "Tomas Reiner",
        "War correspondent",
        "Tomas has reported from the eastern front since the first week of the invasion.",
    ),
    Person(
        "mira-sokal",
        "Mira Sokal",
        "Political reporter",
        "Mira covers parliament, the cabinet and the parties. Before journalism she taught law.",
    ),
    Person(
        "daniel-okafor",
        "Daniel Okafor",
        "Business editor",
        "Daniel writes about trade, energy and the money that keeps a country at war running.",
    ),
    Person(
        "hanna-lisowska",
        "Hanna Lisowska",
        "Investigations reporter",
        "Hanna follows public money. Tips welcome through the contact page.",
    ),
    Person(
        "pavel-dranik",
        "Pavel Dranik",
        "Defence analyst",
        "Pavel served twelve years in the air-defence forces and now writes about the war.",
    ),
    Person(
        "sofia-marchetti",
        "Sofia Marchetti",
        "Culture writer",
        "Sofia writes about books, stages and the artists who stayed.",
    ),
    Person(
        "yuri-benes",
        "Yuri Benes",
        "Data reporter",
        "Yuri turns budgets, casualty reports and shipping logs into charts and stories.",
    ),
    Person(
        "amara-nwosu",
        "Amara Nwosu",
        "Opinion editor",
        "Amara edits the Ledger's opinion pages and writes a fortnightly column.",
    ),
    Person(
        "kasia-holm",
        "Kasia Holm",
        "Reporter, eastern bureau",
        "Kasia reports from Dolensk and the towns near the front.",
    ),
]
