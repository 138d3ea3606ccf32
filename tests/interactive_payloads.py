"""Slack interaction payloads as Slack sends them (block_actions from a card's buttons or menus; a modal's
view_submission), and the alerts they point at. Shared by the interactive tests."""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

from collectors.item import Item
from store.records import Alert, alert_id

TEAM = "T0WIREWATCH"
CHANNEL = "CMARKETSIG"
MESSAGE_TS = "1700000000.000100"
_ts = itertools.count(1)


def deal_alert(n: int = 1, **changes: Any) -> Alert:
    item = Item(
        id=f"guid-{n}",
        source="etnet",
        title="《異動股》石藥集團升3%,與阿斯利康訂獨家授權預收1億美元",
        summary="集團已與阿斯利康訂立獨家授權協議…將收取1億美元的預付款",
        link=f"https://news.test/{n}",
        published="2024-10-08T01:02:03+00:00",
    )
    alert = Alert(
        id=alert_id(item.source, item.id, "bd_deal"),
        rule="bd-deal",
        item=item,
        event="bd_deal",
        severity="high",
        description="licensing deal",
        fields={
            "licensor": "石藥集團",
            "licensee": "AstraZeneca",
            "asset": "YS2302018",
            "deal_type": "license",
            "upfront": 100_000_000,
            "total": 2_020_000_000,
            "currency": "USD",
        },
        created_at=1_700_000_000.0,
        rules=("bd-deal",),
    )
    return dataclasses.replace(alert, **changes)


def action_ts() -> str:
    """Slack's `action_ts`: unique per press."""
    return f"1700000100.{next(_ts):06d}"


def block_actions(
    action_id: str,
    value: str | None,
    *,
    user: str = "U0ANA",
    username: str = "ana",
    team: str | None = TEAM,
    ts: str | None = None,
    menu: bool = False,
    message_ts: str = MESSAGE_TS,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "action_id": action_id,
        "block_id": "ww.actions",
        "type": "overflow" if menu else "button",
        "action_ts": ts or action_ts(),
    }
    if value is not None:
        if menu:
            element["selected_option"] = {"text": {"type": "plain_text", "text": "…"}, "value": value}
        else:
            element["value"] = value
            element["text"] = {"type": "plain_text", "text": "Mute"}
    return {
        "type": "block_actions",
        "user": {"id": user, "username": username, "name": username, "team_id": team},
        "api_app_id": "A0WIREWATCH",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": CHANNEL, "is_ephemeral": False},
        "trigger_id": "1.2.3",
        "team": {"id": team, "domain": "wirewatch-test"} if team else None,
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": CHANNEL, "name": "market-signals"},
        "message": {"type": "message", "ts": message_ts, "text": "card", "blocks": []},
        "response_url": "https://hooks.slack.test/actions/T0/1/xyz",
        "actions": [element],
    }


def reason_submission(alert: str, reason: str, *, view_id: str = "V1", user: str = "U0ANA") -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "wirewatch-test"},
        "user": {"id": user, "username": "ana", "team_id": TEAM},
        "view": {
            "id": view_id,
            "hash": "156772938.1827394",
            "callback_id": "ww.not_relevant",
            "private_metadata": json.dumps({"alert": alert, "channel": CHANNEL, "ts": MESSAGE_TS}),
            "state": {"values": {"reason": {"text": {"type": "plain_text_input", "value": reason}}}},
        },
    }
