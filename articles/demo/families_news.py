"""Story families for the templated demo stories: news (see ``templated``)."""

from articles.demo.story import Illustration

FAMILIES = {
    "strike": {
        "section": "war",
        "authors": [("tomas-reiner", ""), ("kasia-holm", "")],
        "tags": ["Shelling", "Korvath"],
        "image": Illustration("pool-strike", "hills", "smoke"),
        "headline": "Shelling damages {target} in {town}",
        "standfirst": "Repairs to {target} will take {days} days, officials said, as {town} "
        "prepares for another week without {service}.",
        "opening": [
            "Korvathi artillery struck {target} in {town} overnight, the regional "
            "administration said on {weekday}, the {nth} attack on the town this month.",
            "{injured} people were treated for injuries. Residents of the {district} district "
            "were without {service} by morning.",
        ],
        "sections": [
            (
                "The damage in {town}",
                "Engineers who inspected the site said the main structure "
                "was intact but that {part} would have to be replaced before {service} returns.",
            ),
            (
                "Life without {service}",
                "The city has set up distribution points at schools in "
                "the {district} district. Volunteers deliver to older residents who cannot queue.",
            ),
            (
                "A pattern of attacks",
                "{town} lies {km} kilometres from the front. Strikes on "
                "its infrastructure have grown more frequent since the spring, local officials "
                "say.",
            ),
        ],
        "quote": "We have fixed it before and we will fix it again. What we need is time "
        "between the strikes.",
        "quote_role": "head of the {town} military administration",
        "facts": (
            "{town} in numbers",
            [
                "Population before the war: {population}",
                "Distance to the front: {km} km",
                "Attacks this month: {nth_n}",
            ],
        ),
        "read_also": "port-halvey-drone-strikes",
        "variants": [
            {
                "town": "Hraviv",
                "target": "a water pumping station",
                "service": "running water",
                "part": "the main pump housing",
                "district": "Riverside",
            },
            {
                "town": "Osk",
                "target": "the rail depot",
                "service": "train services",
                "part": "the signalling cabin",
                "district": "Station",
            },
            {
                "town": "Velna",
                "target": "a power substation",
                "service": "electricity",
                "part": "two transformers",
                "district": "Old Town",
            },
            {
                "town": "Kerrin",
                "target": "the bridge over the Lessa",
                "service": "the road link",
                "part": "a span of the bridge deck",
                "district": "Lower",
            },
            {
                "town": "Dolensk",
                "target": "a heating plant",
                "service": "heating",
                "part": "the boiler hall roof",
                "district": "Northern",
            },
        ],
    },
    "visit": {
        "section": "world",
        "authors": [("ilona-varga", "")],
        "tags": ["Diplomacy"],
        "image": Illustration("pool-visit", "parliament", "steel"),
        "headline": "{country}'s foreign minister in Marisk as talks on {topic} {verb}",
        "standfirst": "{minister}'s first visit since taking office comes as Valdoria presses "
        "{country} for {ask}.",
        "opening": [
            "{minister}, {country}'s foreign minister, arrived in Marisk on {weekday} for talks "
            "on {topic}, the first visit by a {country_adj} minister this year.",
            "Valdorian officials hope to leave the talks with a commitment on {ask}, which "
            "{country} has so far said it needs more time to consider.",
        ],
        "sections": [
            (
                "{country}'s position on {topic}",
                "{country} has supplied {given} since the war "
                "began but has resisted calls for {ask}, citing its own stocks and a coming "
                "election.",
            ),
            (
                "{country}'s relations with Marisk",
                "Trade between the two countries has doubled "
                "in two years, and {country} hosts about {refugees} Valdorian refugees.",
            ),
            (
                "What Marisk wants",
                "Officials say a decision on {ask} before winter would matter more than its size.",
            ),
        ],
        "quote": "We came to listen, and we have heard clearly what Valdoria needs. Our "
        "answer will come from our parliament, not from a press conference.",
        "quote_role": "foreign minister of {country}",
        "facts": (
            "{country} and Valdoria",
            [
                "Aid pledged since the invasion: {aid}",
                "Valdorian refugees hosted: about {refugees}",
                "Previous visit by a foreign minister: {last}",
            ],
        ),
        "read_also": "coastal-union-loan-package",
        "variants": [
            {
                "country": "Ostrov",
                "country_adj": "Ostrovian",
                "topic": "air defence",
                "ask": "two more air-defence batteries",
                "given": "ammunition and radars",
            },
            {
                "country": "Lindmark",
                "country_adj": "Lindish",
                "topic": "grain corridors",
                "ask": "naval escorts for grain ships",
                "given": "mine-clearing equipment",
            },
            {
                "country": "Tessaly",
                "country_adj": "Tessalian",
                "topic": "energy",
                "ask": "a winter gas swap",
                "given": "generators and transformers",
            },
            {
                "country": "Aurenia",
                "country_adj": "Aurenian",
                "topic": "reconstruction",
                "ask": "guarantees for investors",
                "given": "field hospitals",
            },
            {
                "country": "Kestria",
                "country_adj": "Kestrian",
                "topic": "refugees",
                "ask": "longer residence permits",
                "given": "housing for refugees",
            },
        ],
    },
    "bill": {
        "section": "politics",
        "authors": [("mira-sokal", "")],
        "tags": ["Parliament"],
        "image": Illustration("pool-bill", "parliament", "night"),
        "headline": "Deputies back bill to {measure}",
        "standfirst": "{critics} say the bill, which passed its first reading with {votes} "
        "votes, still leaves {gap}.",
        "opening": [
            "Valdoria's parliament voted on {weekday} to {measure}, passing the bill at first "
            "reading with {votes} votes in the 400-seat chamber.",
            "The bill now goes to committee, where deputies have two weeks to propose "
            "amendments before a second reading.",
        ],
        "sections": [
            (
                "What the bill does",
                "If passed, the law would {effect}. It would take effect "
                "{when} after the president signs it.",
            ),
            (
                "The objections",
                "{critics} argue that the bill leaves {gap}, and have promised "
                "amendments at second reading.",
            ),
            (
                "Who pushed for it",
                "The bill was drafted after a campaign by {campaigners}, who "
                "collected more than {signatures} signatures last year.",
            ),
        ],
        "quote": "This is not the end of the fight, but it is the first time the chamber has "
        "voted our way.",
        "quote_role": "coordinator of {campaigners}",
        "facts": (
            "The bill at a glance",
            [
                "First reading: {votes} votes in favour",
                "Needed to pass: 201",
                "Second reading expected in about two weeks",
            ],
        ),
        "read_also": "mobilisation-reform-vote",
        "variants": [
            {
                "measure": "publish officials' asset declarations again",
                "effect": "reopen the register of declarations closed at the start of the war",
                "gap": "military procurement officials out of the register",
                "critics": "Anti-corruption groups",
                "campaigners": "the Open Register coalition",
            },
            {
                "measure": "extend free healthcare for veterans",
                "effect": "cover rehabilitation and prosthetics for five years after discharge",
                "gap": "volunteers who served without contracts uncovered",
                "critics": "Veterans' associations",
                "campaigners": "the Veterans' Health Alliance",
            },
            {
                "measure": "digitise the land registry",
                "effect": "move every land title into a single online registry within two years",
                "gap": "records from occupied areas unaddressed",
                "critics": "Farmers' unions",
                "campaigners": "the Clear Title initiative",
            },
            {
                "measure": "cap retail fuel prices",
                "effect": "cap petrol and diesel prices for six months, with a review each month",
                "gap": "small rural petrol stations exposed to losses",
                "critics": "Economists at the Kyra Institute",
                "campaigners": "the Drivers' Union",
            },
            {
                "measure": "protect journalists' sources",
                "effect": "forbid courts from ordering reporters to reveal their sources",
                "gap": "an exception for 'national security' undefined",
                "critics": "Press freedom groups",
                "campaigners": "the Free Press Council",
            },
        ],
    },
}
