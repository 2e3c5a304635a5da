"""A signer bound to its workspace: Signer(certificate, workspace_id=...) and Signer.from_env()
reading MUNITY_WORKSPACE_ID; calls may leave workspace_id out; another workspace is refused."""

from __future__ import annotations

import pytest

import munity_secrets as ms
from conftest import INTEGRATION_ID, NOW, WORKSPACE_ID

OTHER_WORKSPACE = "22222222-3333-4444-bbbb-ffffffffffff"


def test_a_bound_signer_fills_in_its_workspace(private_pem: str, signer: ms.Signer) -> None:
    bound = ms.Signer(private_pem, workspace_id=WORKSPACE_ID.upper())
    assert bound.workspace_id == WORKSPACE_ID and signer.workspace_id is None
    assert bound.fingerprint == signer.fingerprint
    expected = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, now=NOW)
    assert bound.connect_secret(customer_id="c1", now=NOW) == expected
    assert bound.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID, now=NOW) == expected
    assert bound.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID.upper(), now=NOW) == expected
    assert bound.renew_secret(customer_id="c1", integration_id=INTEGRATION_ID, now=NOW) == signer.renew_secret(
        customer_id="c1", workspace_id=WORKSPACE_ID, integration_id=INTEGRATION_ID, now=NOW)
    assert bound.mint(customer_id="c1", now=NOW).secret == expected
    assert WORKSPACE_ID in repr(bound) and "MII" not in repr(bound)


def test_another_workspace_is_refused(private_pem: str) -> None:
    bound = ms.Signer(private_pem, workspace_id=WORKSPACE_ID)
    for call in (lambda: bound.connect_secret(customer_id="c1", workspace_id=OTHER_WORKSPACE),
                 lambda: bound.renew_secret(customer_id="c1", workspace_id=OTHER_WORKSPACE,
                                            integration_id=INTEGRATION_ID),
                 lambda: bound.mint(customer_id="c1", workspace_id=OTHER_WORKSPACE)):
        with pytest.raises(ms.InvalidClaimError) as raised:
            call()
        err = raised.value
        assert (err.code, err.kind, err.claim, err.reason) == (
            "INVALID_CLAIM/workspace_id", "INVALID_CLAIM", "workspace_id", "other_workspace")


def test_an_unbound_signer_needs_the_workspace(signer: ms.Signer) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        signer.connect_secret(customer_id="c1")
    assert (raised.value.claim, raised.value.reason) == ("workspace_id", "missing")
    with pytest.raises(TypeError):  # the one-call forms have no signer to be bound: a required argument
        ms.connect_secret("unused", customer_id="c1")  # type: ignore[call-arg]


def test_binding_checks_the_workspace(private_pem: str) -> None:
    with pytest.raises(ms.InvalidClaimError) as raised:
        ms.Signer(private_pem, workspace_id="{" + WORKSPACE_ID + "}")
    assert (raised.value.code, raised.value.reason) == ("INVALID_CLAIM/workspace_id", "invalid_uuid")
    with pytest.raises(ms.InvalidClaimError) as raised:
        ms.Signer(private_pem, workspace_id="\ud800")
    assert raised.value.reason == "lone_surrogate"
    with pytest.raises(TypeError):
        ms.Signer(private_pem, workspace_id=123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ms.Signer(private_pem, WORKSPACE_ID)  # type: ignore[misc]
    assert ms.Signer(private_pem, workspace_id=None).workspace_id is None


def test_from_env_binds_to_munity_workspace_id(monkeypatch: pytest.MonkeyPatch, private_pem: str) -> None:
    monkeypatch.setenv("MUNITY_CERTIFICATE", private_pem)
    monkeypatch.setenv("MUNITY_WORKSPACE_ID", WORKSPACE_ID)
    signer = ms.Signer.from_env()
    assert signer.workspace_id == WORKSPACE_ID
    assert signer.connect_secret(customer_id="c1", now=NOW) == ms.Signer(private_pem).connect_secret(
        customer_id="c1", workspace_id=WORKSPACE_ID, now=NOW)
    assert ms.Signer.from_env(workspace_id_name=None).workspace_id is None
    monkeypatch.setenv("MY_WORKSPACE", OTHER_WORKSPACE)
    assert ms.Signer.from_env(workspace_id_name="MY_WORKSPACE").workspace_id == OTHER_WORKSPACE
    monkeypatch.setenv("MUNITY_WORKSPACE_ID", "")
    assert ms.Signer.from_env().workspace_id is None
    monkeypatch.delenv("MUNITY_WORKSPACE_ID")
    assert ms.Signer.from_env().workspace_id is None
    monkeypatch.setenv("MUNITY_WORKSPACE_ID", "not-a-uuid")
    with pytest.raises(ms.InvalidClaimError) as raised:
        ms.Signer.from_env()
    assert (raised.value.claim, raised.value.reason) == ("workspace_id", "invalid_uuid")
    with pytest.raises(TypeError):
        ms.Signer.from_env(workspace_id_name=1)  # type: ignore[arg-type]
