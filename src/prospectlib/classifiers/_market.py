"""Market: does an organisation buy (B2B) or an individual (B2C)?"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import BuyingRole
from prospectlib.model import Lead
from prospectlib.model._require import require_lead_at


class MarketLabel(enum.StrEnum):
    """Who buys: an organisation or an individual (`Market`).

    Examples:
        >>> MarketLabel.B2B.value
        'b2b'
    """

    B2B = "b2b"
    """An organisation buys."""
    B2C = "b2c"
    """An individual buys."""


FREE_MAIL_DOMAINS: tuple[str, ...] = (
    # global webmail
    "gmail.com",
    "googlemail.com",
    "yahoo.*",
    "ymail.com",
    "rocketmail.com",
    "outlook.*",
    "hotmail.*",
    "live.*",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.*",
    "mail.com",
    "proton.me",
    "protonmail.*",
    "pm.me",
    "tutanota.com",
    "tuta.io",
    "zoho.com",
    "yandex.*",
    "ya.ru",
    "gmx.*",
    # Europe
    "web.de",
    "t-online.de",
    "freenet.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "btinternet.com",
    "sky.com",
    "wp.pl",
    "o2.pl",
    "interia.pl",
    "seznam.cz",
    "mail.ru",
    "bk.ru",
    "inbox.ru",
    "list.ru",
    "ukr.net",
    # Americas
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "cox.net",
    "bol.com.br",
    "uol.com.br",
    # Asia
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "sohu.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "rediffmail.com",
    # the providers of `prospectlib.samples` (reserved .example domains)
    "mail.example",
    "inbox.example",
    "webmail.example",
    "post.example",
)
"""E-mail domains of free and consumer mail providers (lower case).

An entry ending in ``.*`` stands for every domain that starts with it:
``"gmx.*"`` covers ``gmx.de``, ``gmx.net`` and ``gmx.co.uk``.
"""

_NO_SIGNAL = (
    "no company, e-mail, buying role or hint: individuals are the default buyer"
)
_DOMAIN = re.compile(r"[^\s@*.]+(?:\.[^\s@*.]+)*(?:\.\*)?")


# --- converters ------------------------------------------------------------------


def _weight(value: float) -> float:
    return v.real(value, 0, expected="a number >= 0")


def _finite(value: float) -> float:
    return v.real(value)


def _is_domain(value: object) -> bool:
    return (
        type(value) is str and value == value.lower() and bool(_DOMAIN.fullmatch(value))
    )


def _domains(value: Iterable[str]) -> tuple[str, ...]:
    expected = "a list of lower-case e-mail domains like 'gmail.com' or 'gmx.*'"
    return v.tuple_of(value, _is_domain, expected)


def _to_roles(value: Iterable[BuyingRole | str]) -> tuple[BuyingRole, ...]:
    return v.members(BuyingRole, value)


# --- the classifier ---------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Market:
    """Who buys: an organisation (B2B) or an individual (B2C), with confidence.

    Each signal adds its weight to the log-odds that the lead is B2B
    (positive) or B2C (negative), starting from ``prior``:

    - an explicit hint, ``lead.attributes[hint_attribute]`` equal to
      ``"b2b"`` or ``"b2c"`` (any case): ``hint_weight`` (6) towards it;
    - a `Company` on the lead: ``company_weight`` (3) towards B2B;
    - the e-mail domain: ``email_weight`` (2) towards B2C at a free-mail
      provider (``free_mail_domains``), towards B2B at any other domain;
    - a buying role in ``business_roles`` (decision maker, economic buyer,
      gatekeeper: roles of an organisation's buying group): ``role_weight`` (1)
      towards B2B.

    A positive total is B2B, anything else B2C. The ``prior`` (-0.4) leans to
    B2C because individuals are the default buyer: claiming an organisation
    takes a signal of one. The confidence is how far the total is from a coin
    toss, ``tanh(|total| / 2)`` (``2p - 1`` for the probability ``p`` of the
    label): 0.2 with no signal at all, 0.86 for a company alone, 0.98 for a
    company and a business e-mail, 0.83 for a free-mail address alone, and
    low when signals disagree (0.29 for a company with a free-mail address).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> buyer = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     company=pl.Company(name="Acme", industry="logistics"),
        ...     person=pl.Person(email="an@acme.example", role="economic_buyer"),
        ... )
        >>> c = Market().classify(buyer, at=t)
        >>> c.label.value, round(c.confidence, 3)
        ('b2b', 0.993)
        >>> c.reasons
        ('a company on record', 'an e-mail at a business domain',
         'the buying role economic buyer')
        >>> shopper = pl.Lead(
        ...     id="L-2", created_at=t, person=pl.Person(email="linh@gmail.com")
        ... )
        >>> Market().classify(shopper, at=t).label.value
        'b2c'
    """

    labels: ClassVar[type[MarketLabel]] = MarketLabel
    """The labels it answers with."""

    name: str = attrs.field(default="market", validator=v.text())
    """The name to register under; default ``"market"``."""
    hint_attribute: str = attrs.field(
        default="market", validator=v.text("a non-empty attribute name", strip=False)
    )
    """The key in `Lead.attributes` that may hold an explicit ``"b2b"`` or
    ``"b2c"``; default ``"market"``. Other values there are ignored."""
    hint_weight: float = attrs.field(default=6.0, converter=_weight)
    """Log-odds an explicit hint adds towards its market; default 6, as much as
    every other signal together."""
    company_weight: float = attrs.field(default=3.0, converter=_weight)
    """Log-odds a `Company` on the lead adds towards B2B; default 3."""
    email_weight: float = attrs.field(default=2.0, converter=_weight)
    """Log-odds the e-mail domain adds (free mail: B2C, other: B2B); default 2."""
    role_weight: float = attrs.field(default=1.0, converter=_weight)
    """Log-odds a role in ``business_roles`` adds towards B2B; default 1."""
    prior: float = attrs.field(default=-0.4, converter=_finite)
    """Log-odds of B2B before any signal; default -0.4 (a lean to B2C)."""
    business_roles: tuple[BuyingRole, ...] = attrs.field(
        default=(
            BuyingRole.DECISION_MAKER,
            BuyingRole.ECONOMIC_BUYER,
            BuyingRole.GATEKEEPER,
        ),
        converter=_to_roles,
    )
    """Buying roles that suggest an organisation; default decision maker,
    economic buyer and gatekeeper (an influencer or user may be a consumer)."""
    free_mail_domains: tuple[str, ...] = attrs.field(
        default=FREE_MAIL_DOMAINS, converter=_domains
    )
    """Free-mail domains, lower case, ``"name.*"`` for any ending; default
    `FREE_MAIL_DOMAINS`."""
    _exact: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _prefixes: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Split the free-mail domains into exact names and prefixes, once."""
        exact = frozenset(d for d in self.free_mail_domains if not d.endswith(".*"))
        prefixes = tuple(d[:-1] for d in self.free_mail_domains if d.endswith(".*"))
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_prefixes", prefixes)

    def is_free_mail(self, domain: str) -> bool:
        """Whether *domain* (lower case) belongs to a free-mail provider.

        Examples:
            >>> m = Market()
            >>> m.is_free_mail("gmx.de"), m.is_free_mail("acme.example")
            (True, False)
        """
        return domain in self._exact or domain.startswith(self._prefixes)

    def classify(self, lead: Lead, *, at: dt.datetime) -> Classification[MarketLabel]:
        """Classify *lead*'s market; who a lead is does not depend on *at*.

        Raises:
            ValidationError: *at* is not timezone-aware.
        """
        require_lead_at(lead, at)
        # (log-odds towards B2B, reason), one per signal present
        signals: list[tuple[float, str]] = []
        hint = lead.attributes.get(self.hint_attribute)
        hint = hint.lower() if isinstance(hint, str) else None
        if hint in {"b2b", "b2c"}:
            sign = 1.0 if hint == "b2b" else -1.0
            signals.append(
                (
                    sign * self.hint_weight,
                    f"the hint attributes[{self.hint_attribute!r}] = {hint!r}",
                )
            )
        else:
            hint = None
        if lead.company is not None:
            signals.append((self.company_weight, "a company on record"))
        person = lead.person
        domain = None if person is None else person.email_domain
        email = None
        if domain is not None:
            free = self.is_free_mail(domain)
            email = "free_mail" if free else "business"
            signals.append(
                (-self.email_weight, "an e-mail at a free-mail provider")
                if free
                else (self.email_weight, "an e-mail at a business domain")
            )
        role = None if person is None else person.role
        if role is not None and role in self.business_roles:
            signals.append(
                (
                    self.role_weight,
                    f"the buying role {role.value.replace('_', ' ')}",
                )
            )
        logit = self.prior + sum(w for w, _ in signals)
        label = MarketLabel.B2B if logit > 0 else MarketLabel.B2C
        sign = 1.0 if label is MarketLabel.B2B else -1.0
        # strongest first: what supports the label, then what speaks against it
        signals.sort(key=lambda s: (s[0] * sign < 0, -abs(s[0])))
        reasons = [
            reason if w * sign >= 0 else f"despite {reason}" for w, reason in signals
        ]
        if not reasons:
            reasons = [_NO_SIGNAL]
        return Classification(
            classifier=self.name,
            label=label,
            confidence=math.tanh(abs(logit) / 2),
            reasons=reasons,
            evidence={
                "log_odds_b2b": round(logit, 6),
                "b2b_weight": sum((w for w, _ in signals if w > 0), 0.0),
                "b2c_weight": sum((-w for w, _ in signals if w < 0), 0.0),
                "company": lead.company is not None,
                "email": email,
                "role": None if role is None else role.value,
                "hint": hint,
            },
        )
