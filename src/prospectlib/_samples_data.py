"""The made-up world that `prospectlib.samples` draws its leads from.

Word lists and weights only, no logic. Names, companies and domains are
invented; e-mail domains end in the reserved ``.example`` top-level domain and
phone numbers use the fictional ``555`` block, so no sample can reach anyone.

Weights are relative (they need not sum to 1). Tables keyed by market hold the
B2B row first, then the B2C row. Tables keyed by market and funnel depth hold
six rows: B2B aware, researching, ready, then B2C aware, researching, ready.
"""

from __future__ import annotations

from typing import NamedTuple

from prospectlib.model import Activity
from prospectlib.model import BuyingRole
from prospectlib.model import Channel
from prospectlib.model import ObjectionKind
from prospectlib.model import Source

# --- where leads are ----------------------------------------------------------------


class Country(NamedTuple):
    """A country leads live in, and how money looks there."""

    code: str
    weight: float
    currency: str
    per_usd: float
    """Units of ``currency`` per US dollar, roughly."""
    step: int
    """Amounts are rounded to this many cents (``100_000`` is 1,000 VND)."""
    income: int
    """Median yearly income in USD."""
    cities: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country("VN", 14, "VND", 25_000.0, 100_000, 4_500,
            ("Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Can Tho")),
    Country("US", 20, "USD", 1.0, 1, 56_000,
            ("New York", "Chicago", "Austin", "Seattle", "Atlanta", "Denver")),
    Country("GB", 9, "GBP", 0.79, 1, 38_000,
            ("London", "Manchester", "Leeds", "Bristol", "Glasgow")),
    Country("DE", 9, "EUR", 0.92, 1, 43_000,
            ("Berlin", "Hamburg", "Munich", "Cologne", "Leipzig")),
    Country("FR", 7, "EUR", 0.92, 1, 38_000,
            ("Paris", "Lyon", "Marseille", "Toulouse", "Lille")),
    Country("ES", 5, "EUR", 0.92, 1, 29_000,
            ("Madrid", "Barcelona", "Valencia", "Seville")),
    Country("IN", 9, "INR", 83.0, 100, 3_200,
            ("Bengaluru", "Mumbai", "Delhi", "Pune", "Chennai", "Hyderabad")),
    Country("JP", 6, "JPY", 150.0, 1_000, 35_000,
            ("Tokyo", "Osaka", "Nagoya", "Fukuoka", "Sapporo")),
    Country("AU", 5, "AUD", 1.5, 1, 51_000,
            ("Sydney", "Melbourne", "Brisbane", "Perth")),
    Country("BR", 5, "BRL", 5.0, 1, 9_000,
            ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba")),
    Country("SG", 3, "SGD", 1.35, 1, 60_000, ("Singapore",)),
    Country("NL", 3, "EUR", 0.92, 1, 46_000, ("Amsterdam", "Rotterdam", "Utrecht")),
    Country("CA", 3, "CAD", 1.36, 1, 49_000, ("Toronto", "Vancouver", "Montreal")),
    Country("TH", 2, "THB", 36.0, 100, 7_000, ("Bangkok", "Chiang Mai")),
)  # fmt: skip
"""Countries in a realistic mix, with the currency their purchases are made in."""

CALLING_CODES: dict[str, int] = {
    "VN": 84, "US": 1, "GB": 44, "DE": 49, "FR": 33, "ES": 34, "IN": 91,
    "JP": 81, "AU": 61, "BR": 55, "SG": 65, "NL": 31, "CA": 1, "TH": 66,
}  # fmt: skip
"""International calling code of each country, for the fictional phone numbers."""

# --- who leads are ------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Alvo", "Brina", "Caelan", "Dariel", "Elin", "Faro", "Galen", "Hesta", "Ilan",
    "Jorah", "Kemi", "Linh", "Mirela", "Navin", "Oska", "Pell", "Quyen", "Rhea",
    "Soren", "Tavi", "Uma", "Vesna", "Wren", "Xuan", "Yara", "Zeno", "Anouk", "Bao",
    "Corin", "Dalia", "Emeric", "Fenna", "Hana", "Ines", "Kaito", "Lior", "Maren",
    "Nilo", "Priya", "Tomas",
)  # fmt: skip
"""Made-up first names."""

LAST_NAMES: tuple[str, ...] = (
    "Ashdown", "Brevik", "Castellan", "Dunmore", "Esterhall", "Fairweather", "Greaves",
    "Halloran", "Ibarra", "Jansky", "Kovalenko", "Lindqvist", "Marrow", "Nakagawa",
    "Okafor", "Pemberton", "Quenneville", "Rasmussen", "Sato", "Thornbury", "Underhill",
    "Vantongeren", "Whitcombe", "Yilmaz", "Zandvoort", "Nguyenova", "Tranholm",
    "Phamley", "Morcant", "Delacroix",
)  # fmt: skip
"""Made-up last names."""

FREE_MAIL_DOMAINS: tuple[str, ...] = (
    "mail.example",
    "inbox.example",
    "webmail.example",
    "post.example",
)
"""Free e-mail providers of consumer leads."""

GENDERS: tuple[tuple[str | None, float], ...] = (
    ("female", 47),
    ("male", 47),
    ("non-binary", 1),
    (None, 5),
)
"""Genders as people give them; ``None`` when they gave none."""

OCCUPATIONS: tuple[str, ...] = (
    "nurse", "teacher", "engineer", "designer", "shop owner", "accountant", "driver",
    "chef", "freelancer", "sales assistant", "doctor", "civil servant", "developer",
    "electrician", "marketing specialist",
)  # fmt: skip
"""Occupations of working-age consumers (students and the retired come from age)."""

INTERESTS: tuple[str, ...] = (
    "cycling", "running", "photography", "cooking", "travel", "gaming", "gardening",
    "fashion", "fitness", "music", "reading", "home decor", "hiking", "tech gadgets",
    "yoga", "coffee",
)  # fmt: skip
"""Consumer interests."""

LIFESTYLES: tuple[str, ...] = (
    "outdoors", "family", "urban", "budget-conscious", "premium", "health-conscious",
    "eco-friendly", "busy professional", "homebody",
)  # fmt: skip
"""Consumer lifestyle descriptors."""

VALUES: tuple[str, ...] = (
    "sustainability",
    "quality",
    "convenience",
    "value for money",
    "local business",
)
"""Values consumers hold."""

JOB_TITLES: tuple[tuple[str, BuyingRole, float], ...] = (
    ("Chief Executive Officer", BuyingRole.DECISION_MAKER, 3),
    ("Founder", BuyingRole.DECISION_MAKER, 2),
    ("Managing Director", BuyingRole.DECISION_MAKER, 2),
    ("Head of Operations", BuyingRole.DECISION_MAKER, 4),
    ("Chief Financial Officer", BuyingRole.ECONOMIC_BUYER, 2),
    ("Finance Manager", BuyingRole.ECONOMIC_BUYER, 3),
    ("Operations Manager", BuyingRole.INFLUENCER, 5),
    ("IT Manager", BuyingRole.INFLUENCER, 4),
    ("Marketing Manager", BuyingRole.INFLUENCER, 4),
    ("Team Lead", BuyingRole.CHAMPION, 3),
    ("Project Manager", BuyingRole.CHAMPION, 3),
    ("Supply Chain Analyst", BuyingRole.USER, 4),
    ("Software Engineer", BuyingRole.USER, 3),
    ("Dispatcher", BuyingRole.USER, 2),
    ("Procurement Officer", BuyingRole.GATEKEEPER, 3),
    ("Office Manager", BuyingRole.GATEKEEPER, 2),
    ("Executive Assistant", BuyingRole.GATEKEEPER, 1),
)
"""Job titles of business contacts, the buying role that goes with each, and weight."""

INDUSTRIES: tuple[tuple[str, float, int, tuple[str, ...]], ...] = (
    # industry, weight, revenue per employee in USD, company-name suffixes
    ("logistics", 14, 180_000, ("Freight", "Logistics", "Haulage")),
    ("manufacturing", 14, 250_000, ("Works", "Industries", "Fabrication")),
    ("software", 13, 220_000, ("Labs", "Software", "Systems")),
    ("healthcare", 10, 120_000, ("Health", "Clinics", "Care")),
    ("retail", 12, 200_000, ("Stores", "Retail", "Market")),
    ("construction", 10, 200_000, ("Builders", "Construction")),
    ("finance", 9, 350_000, ("Capital", "Finance", "Partners")),
    ("education", 9, 80_000, ("Academy", "Learning", "College")),
    ("hospitality", 9, 70_000, ("Hotels", "Hospitality", "Inns")),
)
"""Industries of business leads."""

COMPANY_STEMS: tuple[str, ...] = (
    "Norvale", "Brightwater", "Kestrel", "Lumenfield", "Halcyon", "Tamarind",
    "Ironbark", "Saffronway", "Bluepeak", "Corvid", "Quillon", "Ambergate", "Marlowe",
    "Sunderby", "Tidewell", "Vantor", "Elmstead", "Orchardrow", "Redlantern",
    "Silverfern",
)  # fmt: skip
"""Made-up company names, completed by an industry suffix."""

# --- what leads do ------------------------------------------------------------------

MARKET_WEIGHTS: tuple[float, float] = (50, 50)
"""B2B and B2C leads, about half each."""

AGE_SKEW = 1.5
"""How a lead's age (up to a year) leans young: a year times ``uniform ** AGE_SKEW``."""

DEPTH_WEIGHTS: tuple[tuple[float, float, float], ...] = ((55, 30, 15), (55, 30, 15))
"""How far down the funnel leads are (aware, researching, ready), per market."""

SOURCES: tuple[tuple[Source, float, float], ...] = (
    # source, B2B weight, B2C weight
    (Source.WEBSITE, 20, 18),
    (Source.SEARCH, 12, 14),
    (Source.SOCIAL, 6, 18),
    (Source.ADVERTISING, 6, 15),
    (Source.EVENT, 14, 2),
    (Source.WALK_IN, 1.5, 12),
    (Source.REFERRAL, 12, 10),
    (Source.EMAIL, 10, 6),
    (Source.PARTNER, 12, 1.5),
    (Source.OTHER, 2, 1.5),
    (Source.UNKNOWN, 1, 0.5),
)
"""Where leads come from, per market."""

ORIGINS: dict[Source, tuple[Activity, tuple[str, ...]]] = {
    Source.WEBSITE: (
        Activity.WEBSITE_VISIT,
        ("home page", "landing page: spring offer"),
    ),
    Source.SEARCH: (Activity.WEBSITE_VISIT, ("organic search", "paid search")),
    Source.SOCIAL: (Activity.SOCIAL_ENGAGEMENT, ("followed the page", "shared a post")),
    Source.ADVERTISING: (
        Activity.AD_CLICK,
        ("TV spot", "radio spot", "online banner", "social ad"),
    ),
    Source.EVENT: (
        Activity.EVENT_VISIT,
        ("trade fair stand", "industry seminar", "meetup talk"),
    ),
    Source.WALK_IN: (Activity.STORE_VISIT, ("flagship store", "city office")),
    Source.REFERRAL: (Activity.FORM_SUBMISSION, ("referred by a customer",)),
    Source.EMAIL: (Activity.EMAIL_CLICK, ("monthly newsletter", "product launch mail")),
    Source.PARTNER: (Activity.CONTACT_REQUEST, ("reseller hand-over",)),
    Source.OTHER: (Activity.FORM_SUBMISSION, ("contact form",)),
    Source.UNKNOWN: (Activity.PAGE_VIEW, ()),
}
"""The interaction that brought a lead in, at its ``created_at``, per source."""

ACTIVITIES: tuple[tuple[Activity, int, Channel, tuple[float, ...]], ...] = (
    # activity, funnel tier (later tiers tend to come later), channel,
    # weights for B2B aware/researching/ready, then B2C aware/researching/ready
    (Activity.WEBSITE_VISIT, 0, Channel.WEB, (25, 18, 12, 22, 16, 12)),
    (Activity.PAGE_VIEW, 0, Channel.WEB, (25, 18, 12, 22, 16, 12)),
    (Activity.PRICING_PAGE_VIEW, 1, Channel.WEB, (2, 6, 8, 2, 5, 6)),
    (Activity.CONTENT_DOWNLOAD, 0, Channel.WEB, (5, 6, 3, 1, 1, 1)),
    (Activity.CASE_STUDY_DOWNLOAD, 1, Channel.WEB, (1, 6, 5, 0.2, 0.3, 0.3)),
    (Activity.SOLUTION_VIDEO_VIEW, 1, Channel.WEB, (1, 5, 4, 1, 2, 2)),
    (Activity.WEBINAR_REGISTRATION, 1, Channel.WEB, (1, 4, 3, 0.3, 0.5, 0.5)),
    (Activity.WEBINAR_ATTENDANCE, 2, Channel.WEB, (0.5, 3, 3, 0.2, 0.3, 0.3)),
    (Activity.EVENT_VISIT, 1, Channel.IN_PERSON, (1, 2, 2, 0.5, 1, 1)),
    (Activity.AD_CLICK, 0, Channel.WEB, (4, 2, 1, 8, 5, 3)),
    (Activity.STORE_VISIT, 1, Channel.IN_PERSON, (0.2, 0.3, 0.5, 4, 6, 8)),
    (Activity.SOCIAL_ENGAGEMENT, 0, Channel.SOCIAL, (3, 2, 1, 10, 6, 4)),
    (Activity.EMAIL_OPEN, 0, Channel.EMAIL, (20, 14, 10, 14, 10, 8)),
    (Activity.EMAIL_CLICK, 0, Channel.EMAIL, (5, 5, 4, 4, 4, 3)),
    (Activity.FORM_SUBMISSION, 1, Channel.WEB, (1, 3, 3, 1, 2, 2)),
    (Activity.NEWSLETTER_SIGNUP, 0, Channel.WEB, (2, 1, 0.5, 3, 2, 1)),
    (Activity.DEMO_REQUEST, 2, Channel.WEB, (0.1, 1, 5, 0.02, 0.05, 0.1)),
    (Activity.CONTACT_REQUEST, 2, Channel.WEB, (0.2, 1, 3, 0.3, 1, 2)),
    (Activity.CALL, 2, Channel.PHONE, (0.2, 1.5, 5, 0.2, 0.5, 1)),
    (Activity.MEETING, 3, Channel.IN_PERSON, (0.1, 1, 4, 0.1, 0.2, 0.5)),
    (Activity.QUOTE_REQUEST, 3, Channel.EMAIL, (0.1, 1, 4, 0.1, 0.5, 1)),
    (Activity.CART_ADD, 2, Channel.WEB, (0.02, 0.05, 0.2, 3, 8, 12)),
    (Activity.WISHLIST_ADD, 1, Channel.WEB, (0.02, 0.05, 0.1, 3, 5, 4)),
    (Activity.TRIAL_START, 2, Channel.WEB, (0.2, 2, 3, 0.2, 0.5, 0.5)),
    (Activity.REVIEW_WRITTEN, 3, Channel.WEB, (0.05, 0.1, 0.3, 0.5, 1, 1.5)),
    (Activity.REFERRAL_MADE, 3, Channel.OTHER, (0.1, 0.2, 0.5, 0.5, 0.8, 1)),
    (Activity.UNSUBSCRIBE, 1, Channel.EMAIL, (1, 0.5, 0.3, 1, 0.5, 0.3)),
)
"""Every activity: its place in the funnel, its channel and how often it happens."""

INTERACTIONS_PER_LEAD: tuple[tuple[float, float, float], ...] = (
    (2.5, 5.0, 8.0),
    (2.0, 4.0, 7.0),
)
"""Mean number of interactions after the first one, per market and funnel depth."""

KEENNESS_SHAPE = 2.0
"""Shape of the gamma-distributed keenness that scales a lead's interaction count."""

MOST_INTERACTIONS = 40
"""At most this many interactions after the first one."""

TIER_NOISE = 2.0
"""How loosely interactions keep funnel order: 0 is strict, 2 lets near tiers swap."""

RECENCY_LOG_SPREAD = 0.7
"""Spread of how a lead's interactions lean to the start or to the recent end."""

INTERACTION_VALUES: dict[Activity, tuple[int, int]] = {
    Activity.WEBSITE_VISIT: (1, 12),
    Activity.SOLUTION_VIDEO_VIEW: (20, 600),
    Activity.WEBINAR_ATTENDANCE: (5, 55),
}
"""`Interaction.value` per activity: the lowest value and how many values follow.

Pages viewed in a visit, seconds of a video watched, minutes of a webinar attended.
"""

DETAILS: dict[Activity, tuple[str, ...]] = {
    Activity.CONTENT_DOWNLOAD: (
        "Guide: cutting delivery costs",
        "E-book: warehouse KPIs",
        "Checklist: peak season",
    ),
    Activity.CASE_STUDY_DOWNLOAD: (
        "Case study: Kestrel Freight",
        "Case study: Tidewell Health",
        "Case study: Bluepeak Retail",
    ),
    Activity.SOLUTION_VIDEO_VIEW: ("Product tour", "Routing in five minutes"),
    Activity.WEBINAR_REGISTRATION: ("Routing 101", "Peak season planning"),
    Activity.WEBINAR_ATTENDANCE: ("Routing 101", "Peak season planning"),
    Activity.EVENT_VISIT: ("trade fair stand", "industry seminar"),
    Activity.PAGE_VIEW: ("/features", "/pricing", "/customers", "/blog", "/about"),
    Activity.EMAIL_OPEN: (
        "monthly newsletter",
        "product launch mail",
        "offer reminder",
    ),
}
"""What an interaction was about, per activity (others have no detail)."""

# --- what leads buy and what holds them back ----------------------------------------

CUSTOMER_CHANCE: tuple[tuple[float, float, float], ...] = (
    (0.02, 0.10, 0.40),
    (0.05, 0.20, 0.50),
)
"""Chance that a lead has bought, per market and funnel depth."""

REPEAT_CHANCE: tuple[float, float] = (0.30, 0.45)
"""Chance that a customer buys once more, again and again, per market."""

UNIT_PRICE_USD: tuple[tuple[float, float], ...] = ((400.0, 1.0), (45.0, 0.8))
"""Median unit price in USD and its log-normal spread, per market."""

MOST_PURCHASES = 12
"""At most this many purchases per customer."""

QUANTITIES: tuple[tuple[float, int], ...] = ((0.12, 250), (0.65, 10))
"""Units per purchase, per market: geometric with this chance to stop, and at most."""

PRODUCTS: tuple[tuple[str, ...], ...] = (
    (
        "Route Planner licence",
        "Fleet Tracker seat",
        "Warehouse Suite",
        "Analytics add-on",
        "Onboarding package",
        "Support plan",
    ),
    (
        "Trail shoes",
        "Rain jacket",
        "Coffee grinder",
        "Yoga mat",
        "Smart watch",
        "Backpack",
        "Desk lamp",
        "Gift card",
    ),
)
"""What B2B and B2C customers buy."""

OBJECTION_CHANCE: tuple[tuple[float, float, float], ...] = (
    (0.20, 0.40, 0.50),
    (0.20, 0.35, 0.40),
)
"""Chance that a lead raised an objection, per market and funnel depth."""

OBJECTIONS: tuple[tuple[ObjectionKind, float, float], ...] = (
    # kind, B2B weight, B2C weight
    (ObjectionKind.PRICE, 5, 6),
    (ObjectionKind.REVIEWS, 1, 3),
    (ObjectionKind.QUALITY, 1, 3),
    (ObjectionKind.SHIPPING_COST, 0.3, 3),
    (ObjectionKind.TIMING, 4, 2),
    (ObjectionKind.COMPETITOR, 3, 2),
    (ObjectionKind.NEED, 2, 1.5),
    (ObjectionKind.AUTHORITY, 3, 0.3),
    (ObjectionKind.OTHER, 1, 1),
)
"""What holds leads back, per market."""

EVIDENCE_CHANCE: tuple[float, float, float] = (0.15, 0.5, 0.8)
"""Chance that a B2B lead has BANT evidence, per funnel depth."""

BANT: tuple[str, ...] = ("budget", "authority", "need", "timing")
"""The BANT criteria, as `Evidence.criterion` names."""

VERDICT_WEIGHTS: tuple[tuple[float, float, float], ...] = (
    # met, unmet, unknown; per funnel depth
    (25, 25, 50),
    (45, 20, 35),
    (70, 10, 20),
)
"""How BANT criteria turn out, per funnel depth."""

TAGS: tuple[str, ...] = (
    "vip",
    "newsletter",
    "trade-fair",
    "black-friday",
    "reactivated",
    "partner-program",
    "beta-tester",
)
"""Tags that leads occasionally carry."""

# --- how often things are so --------------------------------------------------------

MAIL_NUMBER_CHANCE = 0.5
"""Chance that a free-mail address carries a number, e.g. ``wren.sato42@...``."""

PHONE_CHANCE = 0.45
"""Chance that a lead left a phone number."""

REACH_CHANCE: tuple[float, float] = (0.25, 0.4)
"""Chance that a lead's social reach is known, per market."""

REACH_LOG_MEDIAN: tuple[float, float] = (6.0, 5.0)
"""Log of the median social reach, per market."""

REACH_LOG_SPREAD: tuple[float, float] = (1.0, 1.6)
"""Log-normal spread of social reach, per market: a few consumers are influencers."""

EMPLOYEES_LOG_MEDIAN = 3.7
"""Log of the median headcount of companies (about 40 people)."""

EMPLOYEES_LOG_SPREAD = 1.5
"""Log-normal spread of headcounts."""

COMPANY_SIZES: tuple[tuple[int, str], ...] = (
    (50, "small_business"),
    (1000, "mid_market"),
    (250_000, "enterprise"),
)
"""Company types by headcount: each applies below its upper bound."""

REVENUE_LOG_SPREAD = 0.4
"""Log-normal spread of revenue per employee around the industry's figure."""

NONPROFIT_INDUSTRIES: frozenset[str] = frozenset({"education", "healthcare"})
"""Industries with non-profit organisations."""

NONPROFIT_CHANCE = 0.35
"""Chance that a company in a non-profit industry is one."""

STARTUP_CHANCE = 0.5
"""Chance that a small software company is a startup."""

AGE_MEAN, AGE_SPREAD, AGE_MIN, AGE_MAX = 38.0, 13.0, 16, 85
"""Ages of consumers: normal, clipped."""

STUDENT_AGE, STUDENT_CHANCE, STUDENT_INCOME = 23, 0.7, 0.25
"""Consumers under this age are mostly students, on a fraction of the income."""

RETIREMENT_AGE, RETIRED_CHANCE, RETIRED_INCOME = 66, 0.8, 0.6
"""Consumers from this age are mostly retired, on a fraction of the income."""

INCOME_LOG_SPREAD = 0.6
"""Log-normal spread of incomes around the country's median."""

INTERESTS_PER_PERSON, LIFESTYLES_PER_PERSON, VALUES_PER_PERSON = (1, 4), (0, 2), (0, 1)
"""Fewest and most interests, lifestyle descriptors and values of a consumer."""

SECOND_OBJECTION_CHANCE = 0.25
"""Chance that a lead with an objection raised a second one."""

RESOLVED_CHANCE: tuple[float, float] = (0.35, 0.8)
"""Chance that an objection gets resolved, for prospects and for customers."""

RESOLUTION_DAYS = 7.0
"""Mean days from raising an objection to resolving it."""

CRITERION_CHANCE = 0.7
"""Chance that a lead with BANT evidence has evidence on a given criterion."""

AUTHORITY_CHANCE = 0.85
"""Chance that a decision maker or economic buyer meets BANT's authority."""

EMAIL_STATUS: tuple[float, float, float] = (70, 8, 22)
"""E-mail consent granted, denied, unknown."""

PHONE_STATUS: tuple[float, float, float] = (50, 15, 35)
"""Phone consent granted, denied, unknown."""

LAWFUL_BASES: tuple[tuple[float, float, float], ...] = (
    # consent, contract, legitimate interests; for a B2B prospect, a B2B customer,
    # a B2C prospect and a B2C customer
    (40, 0, 60),
    (30, 40, 30),
    (90, 0, 10),
    (60, 40, 0),
)
"""The lawful basis of granted consent."""

TAG_CHANCE, SECOND_TAG_CHANCE = 0.1, 0.3
"""Chance that a lead carries a tag, and that a tagged lead carries two."""
