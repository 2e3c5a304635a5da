"""What the example tells Munity about a user: the optional ``name`` of its secrets."""

from __future__ import annotations

from typing import Any, Optional


def customer_name(user: Any) -> Optional[str]:
    """The username, shown by Munity next to the customer's integrations (None: no name)."""
    return user.get_username() or None
