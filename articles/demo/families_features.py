"""Story families for the templated demo stories: business, culture, opinion."""

from articles.demo.story import Illustration

FAMILIES = {
    "company": {
        "section": "business",
        "authors": [("daniel-okafor", ""), ("yuri-benes", "")],
        "tags": ["Economy", "Investment"],
        "image": Illustration("pool-company", "skyline", "harvest"),
        "headline": "{company} to open {plant} in {city}, creating {jobs} jobs",
        "standfirst": "The investment of {amount} is among the largest in {city} since the war "
        "began, and depends on {condition}.",
        "opening": [
            "{company} will open {plant} in {city} next year, the company said on {weekday}, "
            "an investment of {amount} that it expects to create {jobs} jobs.",
            "The company said its decision depended on {condition}, which the government "
            "promised in the spring.",
        ],
        "sections": [
            (
                "Why {city}",
                "{city} offered the company land on a former industrial site and "
                "a five-year break on local taxes, the mayor's office said.",
            ),
            (
                "The risk",
                "Insurers still charge premiums several times higher than before the "
                "war, and {company} has asked the state guarantee agency to cover part of the "
                "investment.",
            ),
            (
                "Who will work there",
                "The company plans to train about half of the staff itself "
                "and has approached veterans' groups about hiring.",
            ),
        ],
        "quote": "Every investor asks me the same question: will it be safe? I tell them the "
        "people of {city} go to work every morning. That is my answer.",
        "quote_role": "mayor of {city}",
        "facts": ("The investment", ["Amount: {amount}", "Jobs: {jobs}", "Opening: next year"]),
        "read_also": "central-bank-holds-rate",
        "variants": [
            {
                "company": "Halvey Foods",
                "plant": "a grain-processing plant",
                "city": "Tiraz",
                "amount": "$48 million",
                "condition": "war-risk insurance",
            },
            {
                "company": "Norrvolt",
                "plant": "a battery factory",
                "city": "Marisk",
                "amount": "$120 million",
                "condition": "a grid connection by spring",
            },
            {
                "company": "Kestrel Pharma",
                "plant": "a generic-medicines plant",
                "city": "Osk",
                "amount": "$35 million",
                "condition": "faster drug approvals",
            },
            {
                "company": "Lessa Steelworks",
                "plant": "an electric-arc furnace",
                "city": "Kerrin",
                "amount": "$210 million",
                "condition": "a long-term power contract",
            },
            {
                "company": "Brightway Software",
                "plant": "an engineering centre",
                "city": "Port Halvey",
                "amount": "$12 million",
                "condition": "deferral rules for its engineers",
            },
        ],
    },
    "festival": {
        "section": "culture",
        "authors": [("sofia-marchetti", "")],
        "tags": ["Festivals"],
        "image": Illustration("pool-festival", "fields", "harvest"),
        "headline": "{festival} returns to {city} after a {years}-year pause",
        "standfirst": "Organisers expect {visitors} visitors; shelters have been mapped for "
        "every venue and the programme ends before the curfew.",
        "opening": [
            "{festival} opens in {city} on {weekday}, for the first time in {years} years, with "
            "{events} events over four days.",
            "The programme favours {focus}, and all proceeds from ticket sales go to {charity}.",
        ],
        "sections": [
            (
                "Why now",
                "Organisers said audiences had asked for the festival back. Volunteers "
                "spent the summer mapping shelters near every venue.",
            ),
            (
                "The programme",
                "Highlights include {highlight}. Most events end by nine in the "
                "evening, before the curfew.",
            ),
            (
                "Who pays",
                "A grant from the city covers about a third of the costs; the rest "
                "comes from ticket sales and small donors.",
            ),
        ],
        "quote": "We argued for months about whether it was right to hold a festival now. In "
        "the end the audience decided for us.",
        "quote_role": "director of {festival}",
        "facts": (
            "Festival guide",
            ["Dates: four days from {weekday}", "Events: {events}", "Tickets: pay what you can"],
        ),
        "read_also": "metro-theatre-turns-two",
        "variants": [
            {
                "festival": "The Lessa Jazz Festival",
                "city": "Tiraz",
                "focus": "young Valdorian bands",
                "highlight": "a night-long session on a river barge",
                "charity": "a fund for musicians in the army",
            },
            {
                "festival": "The Marisk Book Fair",
                "city": "Marisk",
                "focus": "war memoirs and poetry",
                "highlight": "readings by authors serving at the front",
                "charity": "libraries in liberated towns",
            },
            {
                "festival": "Kerrin Film Week",
                "city": "Kerrin",
                "focus": "documentaries",
                "highlight": "the premiere of a film shot in Hraviv",
                "charity": "a children's cinema club",
            },
            {
                "festival": "The Coastal Folk Festival",
                "city": "Port Halvey",
                "focus": "folk music",
                "highlight": "a choir of dock workers",
                "charity": "families of port workers",
            },
            {
                "festival": "Velna Street Art Week",
                "city": "Velna",
                "focus": "murals",
                "highlight": "a mural on the rebuilt school",
                "charity": "rebuilding the art school",
            },
        ],
    },
    "column": {
        "section": "opinion",
        "kicker": "opinion",
        "authors": [("amara-nwosu", "")],
        "tags": ["Comment"],
        "image": Illustration("pool-column", "map", "forest"),
        "headline": "The case for {policy}",
        "standfirst": "{argument} It is time parliament stopped treating {policy} as a luxury.",
        "opening": [
            "Every few months someone in Marisk proposes {policy}, and every few months it is "
            "put off until after the war. That is a mistake.",
            "{argument} Waiting does not make the problem smaller; it makes it more expensive.",
        ],
        "sections": [
            (
                "The objection",
                "The usual objection is cost. But the cost of doing nothing is "
                "paid already, by {who}, every single day.",
            ),
            (
                "What it would take",
                "{policy_cap} needs a law, a budget line and an office that "
                "answers for it. None of these are beyond a parliament that sits every week.",
            ),
        ],
        "quote": "We keep being told that this can wait. Ask {who} whether it can wait.",
        "quote_role": "a volunteer who works with {who}",
        "facts": None,
        "read_also": "serevia-must-choose",
        "variants": [
            {
                "policy": "a public register of war damage",
                "who": "families who lost homes",
                "argument": "Without a register, compensation claims will take a decade.",
            },
            {
                "policy": "mental-health care in every school",
                "who": "children in frontline towns",
                "argument": "A generation is growing up under air-raid sirens.",
            },
            {
                "policy": "open data on defence spending",
                "who": "taxpayers and soldiers alike",
                "argument": "Secrecy has protected the thieves more than the army.",
            },
            {
                "policy": "a national volunteer corps",
                "who": "the volunteers who burn out",
                "argument": "The country runs on volunteers, and they are exhausted.",
            },
            {
                "policy": "free rail travel for evacuees",
                "who": "displaced families",
                "argument": "Evacuees spend a week's income visiting the relatives they left.",
            },
        ],
    },
}
