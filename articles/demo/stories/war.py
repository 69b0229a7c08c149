"""Hand-written headline pieces: War."""

from articles.demo.story import (
    APPEAL,
    Correction,
    Illustration,
    Story,
    facts,
    figure,
    h,
    p,
    quote,
    read_also,
)

STORIES = [
    Story(
        slug="port-halvey-drone-strikes",
        section="war",
        headline="Drones hit Port Halvey grain terminal for a second night",
        standfirst=(
            "Fires burned until morning at the port's northern berths; two dock workers were "
            "injured and loading of three ships was halted."
        ),
        bylines=[("tomas-reiner", ""), ("kasia-holm", "in Dolensk")],
        hours_ago=19,
        image=Illustration("port-halvey-strikes", "port", "smoke"),
        caption="Smoke over the northern berths of Port Halvey on Wednesday morning.",
        tags=["Port Halvey", "Drones", "Grain", "Korvath"],
        updated_hours_after=6,
        corrections=[
            Correction(
                4,
                "An earlier version of this article said five dock workers were injured. Port "
                "officials have since confirmed that two were injured.",
            ),
            Correction(
                6,
                "Adds the air force's account of how many drones were shot down.",
                kind="update",
            ),
        ],
        body=[
            p(
                "Korvathi drones struck the grain terminal at Port Halvey for the second night in "
                "a row, setting fire to a conveyor gallery and two warehouses at the port's "
                "northern berths, the regional administration said on Wednesday."
            ),
            p(
                "Firefighters worked until after sunrise. Two dock workers were taken to hospital "
                "with burns; neither is in a serious condition, according to the port authority."
            ),
            h("What was hit"),
            p(
                "The northern berths handle about a quarter of the port's grain exports. Loading "
                "of three bulk carriers, bound for Ostrov and Lindmark, was halted while "
                "engineers inspected the damaged gallery."
            ),
            quote(
                "We will be loading again within days, not weeks. The silos themselves are "
                "intact.",
                "Marta Voss",
                "director of the Port Halvey authority",
            ),
            h("The air defence picture"),
            p(
                "The air force said it shot down 31 of the 38 drones launched overnight, most of "
                "them over the sea. Our defence analyst Pavel Dranik notes that Korvath has "
                "moved its launches further south, shortening the warning time for the port."
            ),
            read_also("serevia-double-game", "Read also"),
            h("Why the port matters"),
            p(
                "Port Halvey shipped 2.1 million tonnes of grain last month, more than any month "
                "since the war began. Much of that income funds the regional budget, which pays "
                "for the shelters and generators the city relies on during attacks."
            ),
            APPEAL,
            p(
                "The regional governor, Andrei Koval, said schools in the port district would "
                "teach remotely until Friday."
            ),
        ],
    ),
    Story(
        slug="repair-yards-artillery",
        section="war",
        kicker="feature",
        headline="Inside the repair yards that keep Valdoria's artillery firing",
        standfirst=(
            "Barrels wear out, engines seize and spare parts come from six countries. Behind "
            "the front, a few hundred mechanics decide how many guns can fire tomorrow."
        ),
        bylines=[("pavel-dranik", ""), ("kasia-holm", "photographs and reporting")],
        hours_ago=76,
        image=Illustration("repair-yards", "hills", "winter"),
        caption=(
            "A repair yard in the Dolensk region, whose location the Ledger agreed not to name."
        ),
        tags=["Artillery", "Dolensk", "Military aid"],
        body=[
            p(
                "The workshop smells of diesel and wet concrete. Along one wall, six howitzer "
                "barrels lie on trestles like felled trees, each chalked with a number that tells "
                "the mechanics how many rounds it has fired since its last overhaul."
            ),
            p(
                "This is one of four yards in the Dolensk region where Valdoria's army repairs "
                "its artillery. The Ledger was allowed to visit on condition that it did not name "
                "the town or the soldiers below the rank of major."
            ),
            h("A gun is a consumable"),
            p(
                "A modern barrel can fire a few thousand rounds before its accuracy drops. At "
                "the height of last summer's fighting, some batteries fired that many in a "
                "month."
            ),
            quote(
                "People think a gun is a machine that lasts. Out here a gun is closer to a tyre. "
                "You wear it out and you change it.",
                "Maj. Ruslan Teller",
                "commander of the repair battalion",
            ),
            h("Parts from six countries"),
            p(
                "The yard keeps guns from six donor countries in service, each with its own "
                "tools, manuals and part numbers. Mechanics have built a shared catalogue in a "
                "spreadsheet that now runs to 11,000 rows."
            ),
            figure(
                Illustration("repair-yards-map", "map", "winter"),
                "Routes by which spare parts reach the yards, as described by the battalion.",
            ),
            facts(
                "The yards in figures",
                "4 repair yards in the Dolensk region",
                "About 300 mechanics, a third of them volunteers",
                "Average turnaround for a barrel change: 3 days",
            ),
            h("Faster than the factory"),
            p(
                "Manufacturers' workshops abroad can take months to return a repaired gun. The "
                "yards now handle most jobs themselves, calling engineers abroad over video when "
                "they are stuck. Read our earlier reporting on "
                "[[port-halvey-drone-strikes|the strikes on Port Halvey]], through which some of "
                "the parts arrive."
            ),
            APPEAL,
            p(
                "As we left, a truck backed in with two more barrels. Major Teller checked the "
                "chalk numbers and shook his head. \u201cSummer numbers,\u201d he said. "
                "\u201cIn November.\u201d"
            ),
        ],
    ),
]
