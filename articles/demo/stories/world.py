"""Hand-written headline pieces: World."""

from articles.demo.story import (
    APPEAL,
    Illustration,
    Story,
    block_quote,
    facts,
    h,
    p,
    quote,
    read_also,
)

STORIES = [
    Story(
        slug="coastal-union-loan-package",
        section="world",
        headline="Coastal Union agrees $18 billion loan to keep Valdoria's state running",
        standfirst=(
            "The package covers pensions and public salaries until next autumn, but two member "
            "states won a clause that lets them review it after six months."
        ),
        bylines=[("ilona-varga", "")],
        hours_ago=9,
        image=Illustration("coastal-union-loan", "parliament", "steel"),
        caption=(
            "The Coastal Union council building in Tessaly, where finance ministers met overnight."
        ),
        tags=["Coastal Union", "Economy", "Diplomacy"],
        body=[
            p(
                "Finance ministers of the Coastal Union agreed early on Thursday to lend Valdoria "
                "$18 billion over the next twelve months, ending three weeks of talks that had "
                "left the government in Marisk unsure how it would pay public salaries in spring."
            ),
            p(
                "The loan is the largest the union has made to a country outside the bloc. It "
                "will be repaid over 25 years, with no interest due until the war ends, according "
                'to <a href="https://council.coastalunion.example/press/valdoria-facility">the '
                "council's statement</a>."
            ),
            h("What the money pays for"),
            p(
                "Roughly two thirds of the package goes straight into the state budget: "
                "pensions, teachers' and doctors' salaries and payments to 1.4 million people "
                "displaced from the east. The rest is earmarked for repairing power substations "
                "before winter."
            ),
            facts(
                "The package in numbers",
                "$18 billion over 12 months, paid in four instalments",
                "25-year term; interest starts after a ceasefire",
                "$6 billion reserved for energy repairs",
            ),
            h("The six-month clause"),
            p(
                "Ostrov and Lindmark held out until the final session for a review after six "
                "months, when ministers can pause later instalments if anti-corruption reforms "
                "stall. Valdoria's finance minister, Oksana Pereira, called the clause "
                "\u201cunderstandable, and something we intend to make irrelevant\u201d."
            ),
            quote(
                "Our taxpayers want to know the money reaches hospitals and not offshore "
                "accounts. Six months is enough time to show that.",
                "Henrik Aalto",
                "finance minister of Lindmark",
            ),
            h("What happens next"),
            p(
                "The first instalment, $5 billion, is due within three weeks. Parliament in "
                "Marisk must first pass the amended budget, which Mira Sokal reports could come "
                "to a vote as early as next week."
            ),
            APPEAL,
            p(
                "The agreement still has to be signed by the union's 14 governments, a formality "
                "that officials expect to finish by the end of the month."
            ),
        ],
    ),
    Story(
        slug="serevia-double-game",
        section="world",
        headline="Serevia sells grain to Valdoria and parts to Korvath. Its luck is running out",
        standfirst=(
            "For two years the government in Velgrad has traded with both sides of the war. "
            "Intercepted shipping records and new sanctions suggest allies will no longer look "
            "away."
        ),
        bylines=[("ilona-varga", ""), ("yuri-benes", "data and additional reporting")],
        hours_ago=5,
        image=Illustration("serevia-double-game", "port", "dawn"),
        caption="Grain silos on the Serevian bank of the Lessa, a few kilometres from the border.",
        tags=["Serevia", "Korvath", "Sanctions", "Diplomacy"],
        updated_hours_after=3,
        body=[
            p(
                "On a single day last month, two ships left the Serevian port of Kalmar within an "
                "hour of each other. One carried 30,000 tonnes of wheat bound for Port Halvey, "
                "Valdoria's largest port. The other carried machine-tool parts that, according to "
                "customs records seen by the Ledger, ended up at an arms factory in Korvath."
            ),
            p(
                "Serevia's government has always said it is neutral. The records, covering 14 "
                "months of traffic through Kalmar, suggest something else: a country doing steady "
                "business with both sides while each of them looks away."
            ),
            h("Serevia's double game on sanctions"),
            p(
                "Serevia signed the Coastal Union's first two sanctions packages against Korvath "
                "but has blocked the third since January. In the same period, exports of "
                "dual-use goods from Serevia to Korvath grew almost fourfold, our analysis of "
                'the <a href="https://trade.serevia.example/open-data">public trade data</a> '
                "shows."
            ),
            quote(
                "Serevia trades with everyone who pays on time. That is not a secret; it is a "
                "policy, and it has kept our factories open.",
                "Radek Mostar",
                "spokesperson for the Serevian foreign ministry",
            ),
            p(
                "Valdoria's foreign intelligence service believes at least a third of the "
                "precision parts in Korvath's newest guided bombs passed through Serevian "
                "intermediaries. Its chief, Lena Dubrava, told the Ledger the pattern was "
                "\u201cimpossible to miss for anyone who wanted to see it\u201d."
            ),
            quote(
                "We have shared the names of eleven companies with Velgrad. Not one has been "
                "closed.",
                "Lena Dubrava",
                "head of Valdoria's foreign intelligence service",
            ),
            h("Serevia's relations with Marisk"),
            p(
                "Officials in Marisk have avoided criticising Velgrad in public. Serevian grain "
                "and fuel matter to the east, and the border crossing at Osk is the only land "
                "route for aid convoys that does not pass within range of Korvath's artillery."
            ),
            p(
                "That patience is thinning. On Monday the foreign ministry summoned Serevia's "
                "ambassador for the first time since the invasion, after a Korvathi drone that "
                "struck Port Halvey was found to contain a Serevian-made navigation board."
            ),
            block_quote(
                "The ministry expects the Republic of Serevia to act without delay against "
                "companies that supply components used to attack Valdoria's cities.",
                "Valdorian foreign ministry statement, Monday",
                "https://mfa.valdoria.example/statements/serevia-ambassador",
            ),
            h("What allies can do"),
            p(
                "The Coastal Union is drafting sanctions on six Serevian companies, two diplomats "
                "involved in the talks said. Such a step would be the first time the bloc has "
                "targeted firms from a country it calls a partner."
            ),
            read_also("coastal-union-loan-package"),
            APPEAL,
            p(
                "Serevia's economy minister is due in Tessaly next week. \u201cThey will come "
                "with a list of promises,\u201d one of the diplomats said. \u201cThis time we "
                "will ask for a list of closures.\u201d"
            ),
        ],
    ),
    Story(
        slug="prisoner-exchange-explainer",
        section="world",
        kicker="explainer",
        headline="What the prisoner exchange deal says, and what it leaves out",
        standfirst=(
            "Valdoria and Korvath agreed to swap 240 prisoners each through Serevian mediators. "
            "Here is what is in the text, and the questions it does not answer."
        ),
        bylines=[("ilona-varga", "")],
        hours_ago=100,
        image=Illustration("prisoner-exchange", "map", "steel"),
        caption="The Osk border crossing, where previous exchanges took place.",
        tags=["Prisoners of war", "Serevia", "Diplomacy"],
        body=[
            p(
                "The agreement, signed in Velgrad on Sunday, is the largest exchange since the "
                "war began and the first to include civilians detained in occupied towns."
            ),
            h("Who is covered"),
            p(
                "Each side will release 240 people: 200 soldiers and 40 civilians. Wounded and "
                "sick prisoners go first. Lists are exchanged through the Serevian Red Crescent, "
                "which will also inspect the buses before they cross."
            ),
            block_quote(
                "The parties undertake to release the persons named in Annex 1 within 21 days "
                "and to allow the mediator access to all places of detention listed in Annex 2.",
                "Article 3 of the agreement",
            ),
            h("What the text leaves out"),
            p(
                "The deal says nothing about the estimated 6,000 Valdorian civilians whose "
                "whereabouts are unknown, and Annex 2 lists only nine detention sites. Human "
                "rights groups believe there are at least thirty."
            ),
            quote(
                "Every name on that list is a family that can breathe again. Every name that is "
                "missing is a family still waiting.",
                "Irina Lasko",
                "coordinator of the Missing Persons Bureau in Marisk",
            ),
            h("Why Serevia is the mediator"),
            p(
                "Serevia keeps embassies in both capitals. That access is useful, and it is also "
                "the reason allies distrust it, as we report in "
                "[[serevia-double-game|Serevia's double game]]."
            ),
            facts(
                "Previous exchanges",
                "14 exchanges since the invasion",
                "2,870 Valdorians returned in total",
                "Largest before this one: 150 each side",
            ),
        ],
    ),
]
