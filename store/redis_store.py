"""Redis backend (redis-py). Every key carries one hash tag, `{prefix}`, so multi-key scripts stay legal
on Redis Cluster. Key layout:

    {p}:source:<id>            string  SourceState JSON
    {p}:sources                set     source ids with state
    {p}:seen:<id>              zset    entry id → first-seen time
    {p}:alert:<alert id>       string  Alert JSON (SET NX: once per item per rule)
    {p}:alerts                 zset    alert id → created time
    {p}:delivery:<alert id>    hash    target → Delivery JSON
    {p}:outbox                 zset    "<alert id>\\x1f<target>" → next attempt time (pending only)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from typing import Any, TypeVar

import redis
import redis.exceptions

from store.base import Store, StoreUnavailable
from store.records import Alert, Delivery, SourceState

T = TypeVar("T")
SEP = "\x1f"

# KEYS: alert key, alerts index, delivery hash, outbox. ARGV: alert json, created, id, then targets' json.
_ADD_ALERT = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[4], ARGV[2], ARGV[3] .. '\\31' .. ARGV[i])
end
return 1
"""


class RedisStore(Store):
    def __init__(self, url: str, prefix: str = "wirewatch", client: redis.Redis | None = None):
        self.url = url
        self.prefix = prefix
        self._r: redis.Redis = client or redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30
        )
        self._add_alert = self._r.register_script(_ADD_ALERT)

    def _k(self, *parts: str) -> str:
        return ":".join(("{" + self.prefix + "}", *parts))

    def _call(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreUnavailable(f"redis at {self._safe_url()} unavailable: {exc}") from exc

    def _safe_url(self) -> str:
        kw = self._r.connection_pool.connection_kwargs
        return f"{kw.get('host', '?')}:{kw.get('port', '?')}/{kw.get('db', 0)}"

    # --- sources -------------------------------------------------------------------------------------
    def get_source_state(self, source_id: str) -> SourceState | None:
        raw = self._call(lambda: self._r.get(self._k("source", source_id)))
        return SourceState.from_json(raw) if raw else None

    def save_source_state(self, state: SourceState) -> None:
        def go() -> None:
            pipe = self._r.pipeline(transaction=True)
            pipe.set(self._k("source", state.source_id), state.to_json())
            pipe.sadd(self._k("sources"), state.source_id)
            pipe.execute()

        self._call(go)

    def list_source_states(self) -> list[SourceState]:
        def go() -> list[SourceState]:
            ids = sorted(str(i) for i in self._r.smembers(self._k("sources")))
            raws = self._r.mget([self._k("source", i) for i in ids]) if ids else []
            return [SourceState.from_json(r) for r in raws if r]

        return self._call(go)

    # --- seen ----------------------------------------------------------------------------------------
    def unseen(self, source_id: str, entry_ids: Sequence[str]) -> list[str]:
        ids = list(dict.fromkeys(entry_ids))
        if not ids:
            return []
        scores = self._call(lambda: self._r.zmscore(self._k("seen", source_id), ids))
        return [e for e, s in zip(ids, scores, strict=True) if s is None]

    def mark_seen(self, source_id: str, entry_ids: Sequence[str], at: float) -> None:
        if entry_ids:
            mapping = dict.fromkeys(entry_ids, at)
            self._call(lambda: self._r.zadd(self._k("seen", source_id), mapping, nx=True))

    # --- alerts --------------------------------------------------------------------------------------
    def add_alert(self, alert: Alert, targets: Sequence[str]) -> bool:
        args: list[Any] = [alert.to_json(), alert.created_at, alert.id]
        for t in targets:
            d = Delivery(alert.id, t, next_attempt=alert.created_at, updated_at=alert.created_at)
            args += [t, json.dumps(asdict(d))]
        keys = [
            self._k("alert", alert.id),
            self._k("alerts"),
            self._k("delivery", alert.id),
            self._k("outbox"),
        ]
        return bool(self._call(lambda: self._add_alert(keys=keys, args=args)))

    def get_alert(self, alert_id: str) -> Alert | None:
        raw = self._call(lambda: self._r.get(self._k("alert", alert_id)))
        return Alert.from_json(raw) if raw else None

    def _get_delivery(self, alert_id: str, target: str) -> Delivery | None:
        raw = self._call(lambda: self._r.hget(self._k("delivery", alert_id), target))
        return Delivery(**json.loads(raw)) if raw else None

    def due_deliveries(self, now: float, limit: int = 100) -> list[Delivery]:
        members = self._call(lambda: self._r.zrangebyscore(self._k("outbox"), "-inf", now, start=0, num=limit))
        out: list[Delivery] = []
        for m in members:
            alert_id, _, target = str(m).partition(SEP)
            d = self._get_delivery(alert_id, target)
            if d is not None and d.status == "pending":
                out.append(d)
        return out

    def deliveries(self, alert_id: str) -> list[Delivery]:
        raw = self._call(lambda: self._r.hgetall(self._k("delivery", alert_id)))
        return [Delivery(**json.loads(v)) for _, v in sorted(raw.items())]

    def _update(
        self,
        alert_id: str,
        target: str,
        outbox_score: float | None,
        only_pending: bool = False,
        **changes: Any,
    ) -> None:
        current = self._get_delivery(alert_id, target)
        if current is None or (only_pending and current.status != "pending"):
            return
        updated = replace(current, attempts=current.attempts + 1, **changes)

        def go() -> None:
            pipe = self._r.pipeline(transaction=True)
            pipe.hset(self._k("delivery", alert_id), target, json.dumps(asdict(updated)))
            member = alert_id + SEP + target
            if outbox_score is None:
                pipe.zrem(self._k("outbox"), member)
            else:
                pipe.zadd(self._k("outbox"), {member: outbox_score})
            pipe.execute()

        self._call(go)

    def mark_sent(self, alert_id: str, target: str, ref: str | None, now: float) -> None:
        self._update(alert_id, target, None, status="sent", ref=ref, last_error=None, updated_at=now)

    def mark_retry(self, alert_id: str, target: str, error: str, next_attempt: float, now: float) -> None:
        # Like SQLite: only a pending delivery is retried; a sent or dead-lettered one stays as it is.
        self._update(
            alert_id,
            target,
            next_attempt,
            only_pending=True,
            last_error=error,
            next_attempt=next_attempt,
            updated_at=now,
        )

    def mark_failed(self, alert_id: str, target: str, error: str, now: float) -> None:
        self._update(alert_id, target, None, status="failed", last_error=error, updated_at=now)

    def recent_alerts(self, limit: int = 50) -> list[Alert]:
        def go() -> list[Alert]:
            ids = [str(i) for i in self._r.zrevrange(self._k("alerts"), 0, limit - 1)]
            raws = self._r.mget([self._k("alert", i) for i in ids]) if ids else []
            return [Alert.from_json(r) for r in raws if r]

        return self._call(go)

    def close(self) -> None:
        self._r.close()
