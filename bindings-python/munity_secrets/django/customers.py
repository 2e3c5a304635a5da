"""The default customer id of a Django user.

Munity's ``customer_id`` is 1 to 255 ASCII letters and digits. The default is ``"user"`` followed by
the primary key: ``user42`` for an integer key, ``user`` and the 32 lowercase hex digits for a UUID key
(``user0b7e3c...``). It is stable (the same user always gets the same id, in every process), one user
never shares another's id, and it keeps the ids of the earlier example (``f"user{pk}"``) for integer keys.
Any other key type is passed on as ``user<pk>`` and the core refuses it when it is not letters and digits:
set ``MUNITY["CUSTOMER_ID"]`` for such a model (hyphens or other characters are never dropped, since
dropping them could give two users the same customer id).
"""

from __future__ import annotations

import uuid
from typing import Any


def default_customer_id(user: Any) -> str:
    """``user<pk>``: the decimal integer key, or the UUID key as 32 lowercase hex digits."""
    pk = user.pk
    if isinstance(pk, uuid.UUID):
        return f"user{pk.hex}"
    return f"user{pk}"
