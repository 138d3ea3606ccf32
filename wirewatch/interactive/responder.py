"""What follows a press in Slack, once the handler has stored what it changed: the card redrawn, the reason
modal, the *Why?* answer, and a word to a reader whose press did nothing.

- The card is redrawn from the store with `chat.update`: its content (`card_for`) followed by
  `reader_blocks` — the mutes made from it that still hold, each with Undo ("Muted AstraZeneca for 7 d by
  @ana"), who found it useful or not relevant, and the buttons again. Drawn from the store rather than from the
  press, and one card at a time (a short store lease per message, so on every replica): each redraw reads
  the store after its own press was written, so the last redraw shows every press — presses on several
  replicas, in any order, leave the same card.
- *Not relevant* stores the verdict at once and opens a modal (`views.open`, while the press's trigger is
  fresh) for an optional reason; submitting it stores the verdict again with the reason (the reader's latest
  counts); closing it keeps the verdict without one.
- *Why?* answers with `why.explain` (the running rules re-matched on the alert's item): to the reader alone
  (`chat.postEphemeral`, the default) or in the card's thread (`notify.interactive.why_reply: thread`).
- Refused and failed presses get `reply_text` as an ephemeral message; nothing else changes.

Runs on a small pool, off the acknowledgement path: Slack wants an answer within 3 s, and the writes are
already stored when this starts. A Slack error here is logged; the writes stand.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from domain.alert import Alert
from notifier.blocks import MAX_BLOCKS
from notifier.card import card_for, takes_actions
from notifier.interactive.actions import MAX_REASON, Action, NotRelevant, Why
from notifier.interactive.blocks import reader_blocks, reply_text
from notifier.interactive.outcome import Outcome
from rules.ruleset import RuleSet
from store.base import Store
from wirewatch.interactive.why import explain

log = logging.getLogger("wirewatch.interactive")
REASON_BLOCK = "reason"
CARD_LEASE = 10.0  # seconds: longer than a chat.update takes; a redraw that dies holding it blocks no one long
CARD_WAIT = 5.0  # how long a redraw waits for another to finish before drawing anyway


def reason_modal(action: Action) -> dict[str, Any]:
    """The optional-reason modal; its submission decodes as `ww.not_relevant` (notifier.interactive.actions)."""
    meta = {"alert": action.alert_id, "channel": action.where.channel_id, "ts": action.where.message_ts}
    return {
        "type": "modal",
        "callback_id": "ww.not_relevant",
        "private_metadata": json.dumps(meta),
        "title": {"type": "plain_text", "text": "Not relevant"},
        "submit": {"type": "plain_text", "text": "Save reason"},
        "close": {"type": "plain_text", "text": "Skip"},
        "blocks": [
            {
                "type": "input",
                "block_id": REASON_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Why is it not relevant? (optional)"},
                "hint": {"type": "plain_text", "text": "Marked not relevant already; a reason helps tune the rules."},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "max_length": MAX_REASON,
                    "placeholder": {"type": "plain_text", "text": "e.g. not a deal: an old agreement amended"},
                },
            }
        ],
    }


class SlackResponder:
    def __init__(
        self,
        client: WebClient,
        store: Store,
        rules: Callable[[], RuleSet],
        *,
        why_reply: str = "ephemeral",
        clock: Callable[[], float] = time.time,
        workers: int = 2,
    ):
        self.client = client
        self.store = store
        self.rules = rules
        self.why_reply = why_reply
        self.clock = clock
        self._owner = uuid.uuid4().hex[:12]
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slack-followup")

    def __call__(self, outcome: Outcome) -> None:
        self._pool.submit(self._safely, outcome)

    def close(self) -> None:
        """Finish the follow-ups already asked for, then stop."""
        self._pool.shutdown(wait=True)

    def _safely(self, outcome: Outcome) -> None:
        a = outcome.action
        try:
            self.follow_up(outcome)
        except SlackApiError as exc:
            log.warning("after %s on alert %s: Slack said %s", a.verb, a.alert_id, exc.response.get("error"))
        except (SlackClientError, OSError) as exc:
            log.warning("after %s on alert %s: Slack unreachable: %s", a.verb, a.alert_id, type(exc).__name__)
        except Exception:
            log.exception("after %s on alert %s: follow-up failed", a.verb, a.alert_id)

    def follow_up(self, outcome: Outcome) -> None:
        """Synchronously: what the pool runs for each outcome."""
        action, alert = outcome.action, outcome.alert
        if outcome.status in ("refused", "failed") or alert is None:
            self.ephemeral(action, reply_text(outcome))
            return
        if isinstance(action.intent, Why):
            self.answer_why(action, alert)
            return
        self.redraw(action, alert)
        fresh_press = outcome.status == "done" and action.where.trigger_id is not None
        if isinstance(action.intent, NotRelevant) and fresh_press and not action.intent.reason:
            self.client.views_open(trigger_id=action.where.trigger_id, view=reason_modal(action))

    def redraw(self, action: Action, alert: Alert) -> None:
        """The card as the store says it is now (see the module doc)."""
        where = action.where
        if not where.channel_id or not where.message_ts or not takes_actions(alert):
            return
        with self._one_at_a_time(f"card:{where.channel_id}:{where.message_ts}"):
            now = self.clock()
            state = reader_blocks(alert, self.store.silences(now), self.store.verdicts(alert_id=alert.id), now)
            card = card_for(alert)
            blocks = [*card.blocks[: MAX_BLOCKS - len(state)], *state]
            self.client.chat_update(channel=where.channel_id, ts=where.message_ts, text=card.text, blocks=blocks)

    @contextlib.contextmanager
    def _one_at_a_time(self, name: str) -> Iterator[None]:
        owner = f"{self._owner}:{uuid.uuid4().hex[:8]}"
        deadline = time.monotonic() + CARD_WAIT
        while not (held := self.store.acquire_lease(name, owner, CARD_LEASE)) and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            yield
        finally:
            if held:
                self.store.release_lease(name, owner)

    def answer_why(self, action: Action, alert: Alert) -> None:
        text = explain(alert, self.rules())
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
        where = action.where
        if self.why_reply == "thread" and where.channel_id and where.message_ts:
            self.client.chat_postMessage(
                channel=where.channel_id, thread_ts=where.message_ts, text=text, blocks=blocks, unfurl_links=False
            )
        else:
            self.ephemeral(action, text, blocks)

    def ephemeral(self, action: Action, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """To the reader alone, in the card's channel (and thread, when it has one)."""
        where = action.where
        if not where.channel_id:
            log.info("no channel to answer %s in: %s", action.actor.user_id, text)
            return
        args: dict[str, Any] = {"channel": where.channel_id, "user": action.actor.user_id, "text": text}
        if blocks:
            args["blocks"] = blocks
        self.client.chat_postEphemeral(**args)
