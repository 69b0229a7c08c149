"""Hand-written headline pieces: Politics and Business."""

from articles.demo.story import (
    APPEAL,
    Correction,
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
        slug="mobilisation-reform-vote",
        section="politics",
        headline="Parliament passes mobilisation reform after a 14-hour session",
        standfirst=(
            "The law lowers the call-up age to 23 and promises fixed terms of service, but "
            "the government has yet to say how it will pay for the demobilisation it promises."
        ),
        bylines=[("mira-sokal", "")],
        hours_ago=31,
        image=Illustration("mobilisation-vote", "parliament", "night"),
        caption="The Supreme Assembly in Marisk, where the vote ended shortly before midnight.",
        tags=["Parliament", "Mobilisation", "Defence"],
        body=[
            p(
                "Valdoria's parliament passed the long-delayed mobilisation law late on Tuesday, "
                "with 246 votes in favour and 58 against, after a session in which deputies "
                "debated more than 1,200 amendments."
            ),
            p(
                "The law lowers the age at which men can be called up from 25 to 23 and, for "
                "the first time, sets a maximum term of service: 36 months, after which soldiers "
                "may apply for discharge."
            ),
            h("What changes for soldiers"),
            p(
                "Soldiers who reach 36 months will be released within 90 days if a replacement "
                "is available. Families of the missing get a single office in each region instead "
                "of the five agencies they deal with today."
            ),
            quote(
                "We could not ask people to fight without ever telling them when they could come "
                "home. Now we have a date.",
                "Roman Halas",
                "chair of the parliamentary defence committee",
            ),
            h("The question of money"),
            p(
                "The finance ministry has not published an estimate of what the law costs. The "
                "opposition Civic Platform says demobilisation bonuses alone could add 3% to "
                "next year's defence budget, money that depends on the "
                "[[coastal-union-loan-package|Coastal Union loan]] arriving on time."
            ),
            quote(
                "A promise without a budget line is a press release.",
                "Vera Kostyk",
                "Civic Platform deputy",
            ),
            h("What happens next"),
            p(
                "The president is expected to sign the law this week. It comes into force three "
                "months later, a delay the defence ministry says it needs to build the new "
                "registry."
            ),
            APPEAL,
        ],
    ),
    Story(
        slug="fortification-contract-investigation",
        section="politics",
        kicker="investigation",
        headline="The missing millions: how a fortification contract disappeared into shell firms",
        standfirst=(
            "A Ledger investigation traces 410 million valdors meant for trenches and bunkers "
            "near Hraviv through four companies that share one address and no employees."
        ),
        bylines=[("hanna-lisowska", ""), ("yuri-benes", "data analysis")],
        hours_ago=150,
        image=Illustration("fortification-contract", "fields", "smoke"),
        caption=(
            "Fields south of Hraviv, where the contract said a second defensive line "
            "would be built."
        ),
        tags=["Corruption", "Hraviv", "Public money"],
        updated_hours_after=30,
        corrections=[
            Correction(
                30,
                "An earlier version gave the contract's value as 440 million valdors. The "
                "correct figure, from the signed contract, is 410 million valdors.",
            ),
        ],
        body=[
            p(
                "In March last year the Dolensk regional administration signed a contract worth "
                "410 million valdors to build a second line of fortifications south of Hraviv. "
                "Soldiers who reached the area in the autumn found shallow trenches and four "
                "unfinished bunkers."
            ),
            p(
                "Over six months the Ledger followed the money through company registers, court "
                "filings and payment records. Most of it went to four subcontractors registered "
                "at the same flat in Tiraz."
            ),
            h("One address, four companies"),
            p(
                "None of the four companies reported any employees in their tax filings. Three "
                "were founded in the month before the contract was signed. Their directors "
                "include a driver and a retired schoolteacher, who told us she had "
                "\u201cnever heard\u201d of the firm she runs."
            ),
            facts(
                "Where the money went",
                "410 million valdors: total contract value",
                "287 million: paid to four subcontractors in Tiraz",
                "31 million: spent on materials, according to delivery notes",
            ),
            h("What officials say"),
            quote(
                "The administration acted on the information it had. We have handed every "
                "document to investigators.",
                "Stepan Irkov",
                "spokesperson for the Dolensk regional administration",
            ),
            p(
                "The national anti-corruption bureau confirmed it opened a case in January but "
                "would not say whether anyone had been questioned."
            ),
            block_quote(
                "Pre-trial investigation has been opened into the possible misappropriation of "
                "funds allocated for defensive structures in the Dolensk region.",
                "Anti-corruption bureau statement, 14 January",
                "https://nabu.valdoria.example/news/dolensk-fortifications",
            ),
            h("How we reported this"),
            p(
                "We compared the contract with 212 payment records from the state treasury's "
                "open data portal and visited the sites with a military engineer. Every company "
                "named was given a week to reply."
            ),
            APPEAL,
        ],
    ),
    Story(
        slug="central-bank-holds-rate",
        section="business",
        headline="Central bank holds its rate at 13% as war spending keeps prices rising",
        standfirst=(
            "Inflation rose to 9.4% last month; the bank's governor said a cut would have to "
            "wait until the harvest and the Coastal Union loan were in hand."
        ),
        bylines=[("daniel-okafor", "")],
        hours_ago=52,
        image=Illustration("central-bank", "skyline", "steel"),
        caption="The National Bank of Valdoria's headquarters in central Marisk.",
        tags=["Economy", "Inflation", "National Bank"],
        body=[
            p(
                "The National Bank of Valdoria kept its main interest rate at 13% on Thursday, "
                "the fourth meeting in a row without a change, as food and fuel prices pushed "
                "inflation up for a third month."
            ),
            h("Why the bank waited"),
            p(
                "The governor, Teodora Meszaros, said the bank wanted to see whether this year's "
                "harvest and the new [[coastal-union-loan-package|Coastal Union loan]] would "
                "steady the valdor before easing."
            ),
            quote(
                "We will not cut rates on hope. We will cut them on evidence, and the evidence "
                "is not here yet.",
                "Teodora Meszaros",
                "governor of the National Bank of Valdoria",
            ),
            h("What it means for borrowers"),
            p(
                "Mortgage rates at the big banks remain above 17%, and small businesses say "
                "credit is all but closed to them. A state guarantee scheme covers only firms "
                "with more than 20 employees."
            ),
            facts(
                "The numbers",
                "Main rate: 13%, unchanged",
                "Inflation: 9.4% year on year",
                "Next decision: in six weeks",
            ),
            APPEAL,
        ],
    ),
    Story(
        slug="exporters-river-barges",
        section="business",
        headline="Exporters turn to river barges while sea lanes stay dangerous",
        standfirst=(
            "Barge traffic on the Lessa has tripled in a year, and a shipyard in Tiraz is "
            "building flat-bottomed boats again for the first time since the 1990s."
        ),
        bylines=[("daniel-okafor", "")],
        hours_ago=200,
        image=Illustration("river-barges", "port", "sea"),
        caption="Barges waiting to load at the river port of Tiraz.",
        tags=["Trade", "Grain", "Shipping"],
        source_name="Lessa Valley Courier",
        source_url="https://lessacourier.example/business/barges-return-to-the-lessa",
        body=[
            p(
                "This article first appeared in the Lessa Valley Courier and is republished "
                "under our content-sharing partnership."
            ),
            p(
                "The river port of Tiraz handled 1.1 million tonnes of cargo in the first half of "
                "the year, three times as much as a year earlier, as exporters looked for routes "
                "that avoid the sea lanes off Port Halvey."
            ),
            h("A shipyard wakes up"),
            p(
                "The Tiraz shipyard, which last built a barge in 1994, has orders for 26. Its "
                "director, Ivo Brandt, has hired back welders who had retired."
            ),
            quote(
                "A barge is slow, but nobody aims missiles at a barge on the Lessa. For grain, "
                "slow and safe beats fast and insured at any price.",
                "Ivo Brandt",
                "director of the Tiraz shipyard",
            ),
            h("The limits of the river"),
            p(
                "The river is too shallow for loaded barges for about six weeks each summer, and "
                "locks near the Serevian border can take only one convoy at a time."
            ),
            read_also("port-halvey-drone-strikes"),
        ],
    ),
]
