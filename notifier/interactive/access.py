"""Who may act: the configured workspace only, and optionally listed users or members of listed user groups.

Group membership comes from `usergroups.users.list` (scope `usergroups:read`) and is cached for `ttl`
seconds, so a burst of presses costs one call. When Slack cannot be asked, the last list we had is used
(logged); with none, the press is refused: access fails closed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from notifier.interactive.actions import Actor

log = logging.getLogger("wirewatch.interactive")
MembersOf = Callable[[str], Iterable[str]]


@dataclass(frozen=True, slots=True)
class AccessRules:
    team_id: str
    users: frozenset[str] = field(default_factory=frozenset)
    usergroups: tuple[str, ...] = ()

    @property
    def open_to_workspace(self) -> bool:
        return not self.users and not self.usergroups


class AccessPolicy:
    def __init__(
        self,
        rules: AccessRules,
        members_of: MembersOf | None = None,
        ttl: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        if rules.usergroups and members_of is None:
            raise ValueError("user groups are listed but nothing can read their members")
        self.rules = rules
        self._members_of = members_of
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def refusal(self, actor: Actor) -> str | None:
        """None when the actor may act; else why not, in a line for the log and the reader."""
        if actor.team_id != self.rules.team_id:
            return f"workspace {actor.team_id} is not the configured one"
        if self.rules.open_to_workspace or actor.user_id in self.rules.users:
            return None
        for group in self.rules.usergroups:
            if actor.user_id in self._members(group):
                return None
        return f"user {actor.user_id} is not allowed to act on alerts"

    def _members(self, group: str) -> frozenset[str]:
        now = self._clock()
        with self._lock:
            cached = self._cache.get(group)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        assert self._members_of is not None
        try:
            members = frozenset(self._members_of(group))
        except Exception as exc:  # Slack down or the scope missing: keep what we knew
            log.warning("cannot read members of user group %s: %s", group, exc)
            return cached[1] if cached is not None else frozenset()
        with self._lock:
            self._cache[group] = (now, members)
        return members


def slack_group_members(client: WebClient) -> MembersOf:
    """`usergroups.users.list` through the bot's WebClient; errors raise (the policy handles them)."""

    def members(group: str) -> list[str]:
        try:
            response = client.usergroups_users_list(usergroup=group)
        except SlackApiError as exc:  # the message names the error code (missing_scope…), never the token
            raise RuntimeError(f"usergroups.users.list: {exc.response.get('error')}") from None
        except SlackClientError as exc:
            raise RuntimeError(f"usergroups.users.list: {type(exc).__name__}") from None
        users = response.get("users") or []
        return [str(u) for u in users]

    return members
