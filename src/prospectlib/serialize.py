"""Lead values to plain dicts and JSON text, and back, with strict checks.

`to_dict` turns any model value (`Lead`, `Person`, `Interaction`, ...) into
JSON-compatible data: only dicts, lists, strings, numbers, booleans and ``None``.
Every field is written, defaults included, so consumers see one stable schema:

- datetimes as ISO 8601 text with their offset (``isoformat()``);
- `Decimal` amounts as strings, so no digit is lost;
- enums as their values, tuples as lists, ``Lead.tags`` as a sorted list;
- ``Lead.evidence`` and ``Lead.consent`` as lists of records, in their order;
- ``Lead.attributes`` as a dict.

`from_dict` reads such data back, strictly: a string field refuses a number, a
whole-number field refuses a string, a float or a boolean, an amount must be a
numeric string or a whole number, a datetime must carry its offset, and an
unknown key is refused (typo protection). All faults are reported at once, in
one `InvalidLeadError` whose ``problems`` name every bad field path; messages
describe a bad value by its type only, because values may be personal data.

``from_dict(type(x), to_dict(x)) == x`` for every value ``x``, and dumping what
was loaded gives the same data again.

Examples:
    >>> import datetime as dt
    >>> from prospectlib import Lead, Person
    >>> from prospectlib.serialize import from_dict, to_dict
    >>> lead = Lead(
    ...     id="L-1",
    ...     created_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
    ...     person=Person(job_title="Buyer"),
    ...     tags={"vip", "fair"},
    ... )
    >>> data = to_dict(lead)
    >>> data["created_at"], data["source"], data["tags"]
    ('2026-03-01T09:00:00+00:00', 'unknown', ['fair', 'vip'])
    >>> from_dict(Lead, data) == lead
    True
"""

from prospectlib import _public
from prospectlib import criteria as _criteria  # registers the criteria
from prospectlib import lifecycle as _lifecycle  # registers pipelines
from prospectlib import scoring as _scoring  # registers score models
from prospectlib import workflow as _workflow  # registers policies
from prospectlib._convert import from_dict
from prospectlib._convert import from_json
from prospectlib._convert import to_dict
from prospectlib._convert import to_json

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

del _criteria, _lifecycle, _scoring, _workflow

_public.publish(globals())
