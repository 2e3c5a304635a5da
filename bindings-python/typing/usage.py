"""A typed tour of the public API, checked by mypy --strict (scripts/test-python.sh) and run by the tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

import munity_secrets
from munity_secrets import (
    DEFAULT_EXPIRES_IN,
    ExpiredSecretError,
    InvalidClaimError,
    MintedSecret,
    MunitySecretError,
    Signer,
    VerifiedSecret,
    Verifier,
    connect_secret,
    renew_secret,
    verify_secret,
)

WORKSPACE_ID = "11111111-2222-3333-aaaa-eeeeeeeeeeee"


def tour() -> None:
    private_pem, public_pem = munity_secrets.generate_key_pair(2048)
    signer: Signer = Signer(private_pem)
    fingerprint: str = signer.fingerprint
    secret: str = signer.connect_secret(customer_id="customer1234", workspace_id=WORKSPACE_ID,
                                        name="Acme", expires_in=timedelta(minutes=10),
                                        now=datetime.now(timezone.utc).replace(microsecond=0))
    renew: str = signer.renew_secret(customer_id="customer1234", workspace_id=WORKSPACE_ID,
                                     integration_id="99999999-8888-7777-bbbb-cccccccccccc", expires_in=600)
    verifier: Verifier = Verifier(public_pem)
    claims: VerifiedSecret = verifier.verify(secret, expect="connect", leeway=timedelta(seconds=30))
    expires_at: Optional[datetime] = claims.expires_at
    assert expires_at is not None and expires_at.tzinfo is not None
    assert claims.fingerprint == fingerprint == signer.verifier().fingerprints[0]
    assert verifier.verify(renew, expect="renew").integration_id is not None
    assert Verifier([public_pem]).verify(secret).kind == "connect"
    one_call: str = connect_secret(private_pem, customer_id="customer1234", workspace_id=WORKSPACE_ID, now=0)
    renewed: str = renew_secret(private_pem, customer_id="c1", workspace_id=WORKSPACE_ID,
                                integration_id="99999999-8888-7777-bbbb-cccccccccccc")
    assert verify_secret(public_pem, one_call, now=0).customer_id == "customer1234"
    assert verify_secret(public_pem, renewed, expect="renew").kind == "renew"
    bound = Signer(private_pem, workspace_id=WORKSPACE_ID)
    bound_workspace: Optional[str] = bound.workspace_id
    minted: MintedSecret = bound.mint(customer_id="customer1234", now=0)
    minted_at: Optional[datetime] = minted.expires_at
    assert minted_at is not None and minted.as_dict()["expires_at"] == DEFAULT_EXPIRES_IN
    assert bound_workspace == WORKSPACE_ID and minted.kind == "connect"
    forever: str = bound.connect_secret(customer_id="c1", expires_in=None)
    new_year = datetime(2030, 1, 1, tzinfo=timezone.utc)
    at: str = bound.connect_secret(customer_id="c1", expires_at=new_year, now=new_year - timedelta(days=1))
    assert verifier.verify(forever).expires_at is None
    assert verifier.verify(at, now=new_year - timedelta(hours=1)).expires_at == new_year
    key_ids: list[Optional[str]] = verifier.key_ids
    assert key_ids == [None]
    try:
        signer.connect_secret(customer_id="customer-1234", workspace_id=WORKSPACE_ID)
    except InvalidClaimError as error:
        code: str = error.code
        kind: str = error.kind
        assert (code, kind, error.claim, error.reason) == (
            "INVALID_CLAIM/customer_id", "INVALID_CLAIM", "customer_id", "invalid_character")
    try:
        bound.connect_secret(customer_id="c1", expires_in=1.5)
    except InvalidClaimError as error:
        assert (error.claim, error.reason) == ("expires_in", "fractional")
    old = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, expires_in=1, now=0)
    try:
        verifier.verify(old)
    except ExpiredSecretError as error:
        when: datetime = error.expires_at
        assert when.year == 1970
    except MunitySecretError:
        raise


if __name__ == "__main__":
    tour()
