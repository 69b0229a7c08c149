"""Hand-written headline pieces: Culture and Opinion."""

from articles.demo.story import (
    APPEAL,
    Illustration,
    Story,
    block_quote,
    h,
    p,
    quote,
)

STORIES = [
    Story(
        slug="metro-theatre-turns-two",
        section="culture",
        kicker="feature",
        headline="A theatre in a metro station: Marisk's underground stage turns two",
        standfirst=(
            "It started as a way to pass the nights during air raids. Two years on, the "
            "company at Lessa Square station sells out every performance."
        ),
        bylines=[("sofia-marchetti", "")],
        hours_ago=130,
        image=Illustration("metro-theatre", "skyline", "night"),
        caption="The entrance to Lessa Square station, home of the Underground Stage.",
        tags=["Theatre", "Marisk"],
        body=[
            p(
                "At seven in the evening the escalators at Lessa Square stop, and the platform "
                "becomes a stage. Tonight it is a comedy about a wedding planned during a "
                "blackout; 180 people sit on folding chairs between the tracks and the stairs."
            ),
            h("How it began"),
            p(
                "The company formed in the first winter of the war, when actors from three "
                "closed theatres found themselves sheltering in the same station and started "
                "reading plays aloud to pass the time."
            ),
            quote(
                "The first audience did not choose to come. They were hiding. Now they buy "
                "tickets weeks in advance.",
                "Alina Petrova",
                "artistic director of the Underground Stage",
            ),
            h("The rules of the platform"),
            p(
                "Performances stop for announcements, and when the sirens sound, the doors open "
                "to anyone who needs shelter, ticket or not. The actors have learned to pause "
                "mid-line and pick up where they left off."
            ),
            h("What comes next"),
            p(
                "The city has offered the company a permanent home in a restored cinema. "
                "Petrova says they will move, but keep one night a week underground."
            ),
        ],
    ),
    Story(
        slug="serevia-must-choose",
        section="opinion",
        kicker="opinion",
        headline="Neutrality is not a policy. Serevia has to choose",
        standfirst=(
            "Velgrad wants the benefits of partnership with the Coastal Union and the profits "
            "of trade with Korvath. Allies should stop pretending it can have both."
        ),
        bylines=[("amara-nwosu", "")],
        hours_ago=40,
        image=Illustration("serevia-must-choose", "map", "dawn"),
        caption="The Lessa river border between Serevia and Valdoria.",
        tags=["Serevia", "Sanctions", "Diplomacy"],
        body=[
            p(
                "There is a comfortable story that Serevia tells about itself: a small country, "
                "caught between larger ones, keeping its head down and its factories open. It "
                "is a sympathetic story. It is also no longer true."
            ),
            p(
                "As our colleagues report in [[serevia-double-game|their investigation of "
                "shipping through Kalmar]], Serevian components are turning up in the drones "
                "that hit Port Halvey. A country whose parts are in the weapons is not neutral; "
                "it is a supplier."
            ),
            h("The cost of looking away"),
            p(
                "Allies have tolerated this because Serevia is useful: it mediates prisoner "
                "exchanges, and its border crossing at Osk keeps aid moving. Those are real "
                "services. They do not buy a licence to arm the other side."
            ),
            quote(
                "We are grateful for every prisoner who comes home through Velgrad. We are not "
                "grateful for the drones.",
                "Oleh Marchuk",
                "deputy foreign minister of Valdoria",
            ),
            h("What choosing would look like"),
            p(
                "Serevia does not need to send weapons or join an alliance. It needs to close the "
                "eleven companies Valdoria's intelligence service has named, and sign the "
                "sanctions package it has blocked since January. That is a small price for a "
                "country that wants to be treated as a partner."
            ),
            APPEAL,
            p(
                "Neutrality that pays is a business model. Serevia should be honest about "
                "which it is."
            ),
        ],
    ),
    Story(
        slug="hraviv-evacuees-deserve-more",
        section="opinion",
        kicker="opinion",
        headline="We owe the evacuees of Hraviv more than sympathy",
        standfirst=(
            "Eleven thousand people left Hraviv with a suitcase each. A year later, most still "
            "live in dormitories, and the housing programme meant for them has barely started."
        ),
        bylines=[("kasia-holm", "")],
        hours_ago=170,
        image=Illustration("hraviv-evacuees", "hills", "forest"),
        caption="A former student dormitory in Tiraz that now houses families from Hraviv.",
        tags=["Hraviv", "Displaced people", "Housing"],
        body=[
            p(
                "I have reported from Hraviv since before the evacuation. I have watched the town "
                "empty, and I have visited the people who left it in the dormitories of Tiraz, "
                "where many of them still live, four to a room."
            ),
            h("A programme on paper"),
            p(
                "The government promised 4,000 flats for evacuees within a year. Eighteen months "
                "on, 312 have been handed over, according to the ministry's own figures."
            ),
            block_quote(
                "Construction of housing for internally displaced persons is proceeding in "
                "accordance with available financing.",
                "Ministry for Communities, written reply to the Ledger",
            ),
            quote(
                "My children ask when we are going home. I don't know what home means for them "
                "any more.",
                "Natalia Oresko",
                "a teacher from Hraviv living in Tiraz",
            ),
            h("What would help"),
            p(
                "Rent vouchers for private flats would move families faster than new buildings. "
                "The budget has room for them if parliament chooses; it found money quickly "
                "enough for the [[mobilisation-reform-vote|mobilisation reform]]."
            ),
            APPEAL,
        ],
    ),
]
