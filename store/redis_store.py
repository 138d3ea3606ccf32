"""Redis backend (redis-py). Every key carries one hash tag, `{prefix}`, so multi-key scripts stay legal
on Redis Cluster. Key layout:

    {p}:source:<id>            string  SourceState JSON
    {p}:sources                set     source ids with state
    {p}:seen:<id>              zset    entry id → first-seen time
    {p}:alert:<alert id>       string  Alert JSON (SET NX: once per item per rule)
    {p}:alerts                 zset    alert id → created time
    {p}:delivery:<alert id>    hash    target → Delivery JSON
    {p}:outbox                 zset    "<alert id>\\x1f<target>" → next attempt time (pending only)
    {p}:held / {p}:failed      zset    "<alert id>\\x1f<target>" → last update (held for a digest / dead letters)
    {p}:silenced               zset    "<alert id>\\x1f<target>" → last update (held by a reader's silence)
    {p}:key:<event key>        string  "<alert id>\\x1f<claimed at>" (event and similarity keys; expire later)
    {p}:budget:<key>:<window>  string  units used in that window (expires after it)
    {p}:series:<series id>     hash    period → {"value", "vintage"} JSON (one observation per period)
    {p}:lease:<name>           string  owner id, PX = lease left (fleet: `poll:<source>`, `deliver:<target>`, `digests`)
    {p}:archive                zset    "<source>\x1f<entry id>" → archived time (for `wirewatch replay`)
    {p}:archive:items          hash    "<source>\x1f<entry id>" → Item JSON
    {p}:meta:<key>             string  the store's own notes: its identity marker, Slack channel ids
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from typing import Any, TypeVar

import redis
import redis.exceptions

from domain.alert import Alert
from domain.delivery import Delivery
from domain.item import Item
from domain.judgements import Silence, Verdict
from domain.observation import Observation
from domain.source_state import SourceState
from store.base import Store, StoreUnavailable

T = TypeVar("T")
SEP = "\x1f"

# KEYS: alert key, alerts index, delivery hash, outbox (or the silenced index). ARGV: alert json, created, id,
# then targets' json.
_ADD_ALERT = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[4], ARGV[2], ARGV[3] .. '\\31' .. ARGV[i])
end
return 1
"""

# KEYS: the claim keys. ARGV: alert id, now, window, ttl. Returns each key's owner (see Store.claim_keys).
_CLAIM_KEYS = """
local out = {}
for i, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  local owner = false
  if v then
    local sep = string.find(v, '\\31', 1, true)
    if sep and tonumber(string.sub(v, sep + 1)) >= tonumber(ARGV[2]) - tonumber(ARGV[3]) then
      owner = string.sub(v, 1, sep - 1)
    end
  end
  if not owner then
    redis.call('SET', k, ARGV[1] .. '\\31' .. ARGV[2], 'EX', ARGV[4])
    owner = ARGV[1]
  end
  out[i] = owner
end
return out
"""

# KEYS: the budget counter. ARGV: limit, ttl.
_TAKE_BUDGET = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""
# KEYS: the lease. ARGV: owner, ms. Extends (renew) or shortens to ms (release with keep) only our own lease.
_LEASE_EXPIRE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
"""

# KEYS: the lease. ARGV: owner. Deletes only our own lease.
_LEASE_RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
"""
_INDEXED = ("pending", "held", "failed", "silenced")


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


class RedisStore(Store):
    def __init__(self, url: str, prefix: str = "wirewatch", client: redis.Redis | None = None):
        self.url = url
        self.prefix = prefix
        self._r: redis.Redis = client or redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30
        )
        self._add_alert = self._r.register_script(_ADD_ALERT)
        self._claim_keys = self._r.register_script(_CLAIM_KEYS)
        self._take_budget = self._r.register_script(_TAKE_BUDGET)
        self._lease_expire = self._r.register_script(_LEASE_EXPIRE)
        self._lease_release = self._r.register_script(_LEASE_RELEASE)

    def _k(self, *parts: str) -> str:
        return ":".join(("{" + self.prefix + "}", *parts))

    def _call(self, fn: Callable[[], T]) -> T:
        """Every Redis error is the store being unavailable: unreachable, loading, out of memory (OOM),
        unable to persist (MISCONF), a read-only replica (READONLY), a refused login."""
        try:
            return fn()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreUnavailable(f"redis at {self._safe_url()} unavailable: {exc}") from exc
        except redis.exceptions.RedisError as exc:
            text = str(exc).splitlines()[0] if str(exc) else ""
            raise StoreUnavailable(f"redis at {self._safe_url()} refused: {type(exc).__name__}: {text}") from exc

    def _safe_url(self) -> str:
        kw = self._r.connection_pool.connection_kwargs
        return f"{kw.get('host', '?')}:{kw.get('port', '?')}/{kw.get('db', 0)}"

    # --- sources -------------------------------------------------------------------------------------
    def get_source_state(self, source_id: str) -> SourceState | None:
        raw = self._call(lambda: self._r.get(self._k("source", source_id)))
        return SourceState.from_json(raw) if raw else None

    def save_source_state(self, state: SourceState) -> None:
        self.save_source_states((state,))

    def save_source_states(self, states: Sequence[SourceState]) -> None:
        if not states:
            return

        def go() -> None:
            pipe = self._r.pipeline(transaction=True)
            pipe.mset({self._k("source", st.source_id): st.to_json() for st in states})
            pipe.sadd(self._k("sources"), *(st.source_id for st in states))
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
    def add_alert(self, alert: Alert, targets: Sequence[str], *, silenced: str | None = None) -> bool:
        status = "pending" if silenced is None else "silenced"
        args: list[Any] = [alert.to_json(), alert.created_at, alert.id]
        for t in targets:
            d = Delivery(
                alert.id, t, status, next_attempt=alert.created_at, last_error=silenced, updated_at=alert.created_at
            )
            args += [t, json.dumps(asdict(d))]
        keys = [
            self._k("alert", alert.id),
            self._k("alerts"),
            self._k("delivery", alert.id),
            self._index_key(status),
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

    def _index_key(self, status: str) -> str:
        return self._k("outbox" if status == "pending" else status)

    def _write(self, pipe: Any, d: Delivery) -> None:
        """Queue the delivery's JSON and keep the status indexes (outbox, held, failed) in step with it."""
        pipe.hset(self._k("delivery", d.alert_id), d.target, json.dumps(asdict(d)))
        member = d.alert_id + SEP + d.target
        for status in _INDEXED:
            if d.status == status:
                pipe.zadd(self._index_key(status), {member: d.next_attempt if status == "pending" else d.updated_at})
            else:
                pipe.zrem(self._index_key(status), member)

    def _update(
        self, alert_id: str, target: str, *, only_pending: bool = False, attempt: bool = True, **changes: Any
    ) -> None:
        current = self._get_delivery(alert_id, target)
        if current is None or (only_pending and current.status != "pending"):
            return
        updated = replace(current, **{"attempts": current.attempts + (1 if attempt else 0), **changes})

        def go() -> None:
            pipe = self._r.pipeline(transaction=True)
            self._write(pipe, updated)
            pipe.execute()

        self._call(go)

    def mark_sent(self, alert_id: str, target: str, ref: str | None, now: float) -> None:
        self._update(alert_id, target, status="sent", ref=ref, last_error=None, updated_at=now, in_doubt_since=None)

    def mark_retry(
        self, alert_id: str, target: str, error: str, next_attempt: float, now: float, *, in_doubt: bool = False
    ) -> None:
        # Like SQLite: only a pending delivery is retried; a sent or dead-lettered one stays as it is.
        changes: dict[str, Any] = {} if in_doubt else {"in_doubt_since": None}
        self._update(
            alert_id,
            target,
            only_pending=True,
            last_error=error,
            next_attempt=next_attempt,
            updated_at=now,
            **changes,
        )

    def mark_failed(self, alert_id: str, target: str, error: str, now: float) -> None:
        self._update(alert_id, target, status="failed", last_error=error, updated_at=now, in_doubt_since=None)

    # --- delivery guarantees ---------------------------------------------------------------------------
    def begin_attempt(self, alert_id: str, target: str, now: float) -> None:
        self._update(alert_id, target, only_pending=True, attempt=False, in_doubt_since=now)

    def hold(self, alert_id: str, target: str, reason: str, now: float) -> None:
        self._update(
            alert_id,
            target,
            only_pending=True,
            attempt=False,
            status="held",
            last_error=reason,
            updated_at=now,
            in_doubt_since=None,
        )

    def deliveries_in(self, status: str, limit: int = 1000) -> list[Delivery]:
        if status not in _INDEXED:
            raise ValueError(f"cannot list deliveries in status {status!r}")

        def go() -> list[Delivery]:
            members = [str(m) for m in self._r.zrange(self._index_key(status), 0, limit - 1)]
            pipe = self._r.pipeline(transaction=False)
            for m in members:
                alert_id, _, target = m.partition(SEP)
                pipe.hget(self._k("delivery", alert_id), target)
            found = [Delivery(**json.loads(raw)) for raw in pipe.execute() if raw]
            order = (lambda d: (d.next_attempt, d.alert_id, d.target)) if status == "pending" else None
            found = [d for d in found if d.status == status]
            return sorted(found, key=order or (lambda d: (d.updated_at, d.alert_id, d.target)))

        return self._call(go)

    def add_digest(self, digest: Alert, target: str, members: Sequence[str]) -> bool:
        akey = self._k("alert", digest.id)
        dkeys = [self._k("delivery", m) for m in members]

        def tx(pipe: Any) -> bool:
            if pipe.exists(akey):
                return False
            raws = [pipe.hget(k, target) for k in dkeys]
            pipe.multi()
            pipe.set(akey, digest.to_json())
            pipe.zadd(self._k("alerts"), {digest.id: digest.created_at})
            own = Delivery(digest.id, target, next_attempt=digest.created_at, updated_at=digest.created_at)
            self._write(pipe, own)
            for raw in raws:
                d = Delivery(**json.loads(raw)) if raw else None
                if d is not None and d.status == "held":
                    self._write(pipe, replace(d, status="digested", ref=digest.id, updated_at=digest.created_at))
            return True

        run: Any = self._r.transaction  # typed as returning None, but value_from_callable returns tx's result
        return bool(self._call(lambda: run(tx, akey, *dkeys, value_from_callable=True)))

    def requeue_failed(self, alert_id: str | None, now: float) -> int:
        if alert_id is not None:
            failed = [d for d in self.deliveries(alert_id) if d.status == "failed"]
        else:
            failed = self.deliveries_in("failed", limit=1_000_000)
        for d in failed:
            self._update(
                d.alert_id,
                d.target,
                attempt=False,
                status="pending",
                attempts=0,
                next_attempt=now,
                updated_at=now,
                in_doubt_since=None,
            )
        return len(failed)

    def take_budget(self, key: str, window: float, limit: int) -> bool:
        counter = self._k("budget", key, repr(float(window)))
        ttl = 7 * 86400  # only for clean-up: windows are never read again once over
        return bool(self._call(lambda: self._take_budget(keys=[counter], args=[limit, ttl])))

    def claim_keys(self, keys: Sequence[str], alert_id: str, now: float, window: float) -> dict[str, str]:
        unique = list(dict.fromkeys(keys))
        if not unique:
            return {}
        ttl = int(window) + 86400  # clean-up only; the window itself is judged by the stored claim time
        owners = self._call(
            lambda: self._claim_keys(keys=[self._k("key", k) for k in unique], args=[alert_id, repr(now), window, ttl])
        )
        return {k: str(o) for k, o in zip(unique, owners, strict=True)}

    # --- fleet leases ----------------------------------------------------------------------------------
    def acquire_lease(self, name: str, owner: str, ttl: float) -> bool:
        return bool(self._call(lambda: self._r.set(self._k("lease", name), owner, nx=True, px=_ms(ttl))))

    def renew_lease(self, name: str, owner: str, ttl: float) -> bool:
        return bool(self._call(lambda: self._lease_expire(keys=[self._k("lease", name)], args=[owner, _ms(ttl)])))

    def release_lease(self, name: str, owner: str, keep: float = 0.0) -> bool:
        key = self._k("lease", name)
        if keep > 0:
            return bool(self._call(lambda: self._lease_expire(keys=[key], args=[owner, _ms(keep)])))
        return bool(self._call(lambda: self._lease_release(keys=[key], args=[owner])))

    def lease(self, name: str) -> tuple[str, float] | None:
        def go() -> tuple[str, float] | None:
            pipe = self._r.pipeline(transaction=True)
            pipe.get(self._k("lease", name))
            pipe.pttl(self._k("lease", name))
            owner, left = pipe.execute()
            return None if owner is None or left < 0 else (str(owner), left / 1000.0)

        return self._call(go)

    def recent_alerts(self, limit: int = 50) -> list[Alert]:
        def go() -> list[Alert]:
            ids = [str(i) for i in self._r.zrevrange(self._k("alerts"), 0, limit - 1)]
            raws = self._r.mget([self._k("alert", i) for i in ids]) if ids else []
            return [Alert.from_json(r) for r in raws if r]

        return self._call(go)

    # --- series observations ------------------------------------------------------------------------
    def archive_items(self, items: Sequence[Item], at: float) -> None:
        if not items:
            return

        def go() -> None:
            pipe = self._r.pipeline(transaction=True)
            for i in items:
                member = i.source + SEP + i.id
                pipe.zadd(self._k("archive"), {member: at}, nx=True)
                pipe.hsetnx(self._k("archive", "items"), member, i.to_json())
            pipe.execute()

        self._call(go)

    def archived_items(self, since: float, limit: int | None = None) -> list[Item]:
        def go() -> list[Item]:
            members = self._r.zrangebyscore(
                self._k("archive"), since, "+inf", start=0, num=-1 if limit is None else limit
            )
            out: list[Item] = []
            for i in range(0, len(members), 500):
                chunk = [str(m) for m in members[i : i + 500]]
                raws = self._r.hmget(self._k("archive", "items"), chunk)
                out.extend(Item.from_dict(json.loads(r)) for r in raws if r)
            return out

        return self._call(go)

    def prune_archive(self, before: float) -> int:
        def go() -> int:
            members = [str(m) for m in self._r.zrangebyscore(self._k("archive"), "-inf", f"({before}")]
            if not members:
                return 0
            pipe = self._r.pipeline(transaction=True)
            for i in range(0, len(members), 500):
                pipe.hdel(self._k("archive", "items"), *members[i : i + 500])
            pipe.zremrangebyscore(self._k("archive"), "-inf", f"({before}")
            pipe.execute()
            return len(members)

        return self._call(go)

    def observations(self, series: str) -> list[Observation]:
        raw = self._call(lambda: self._r.hgetall(self._k("series", series)))
        out = []
        for period, data in sorted(raw.items()):
            d = json.loads(data)
            out.append(Observation(series, str(period), float(d["value"]), str(d["vintage"])))
        return out

    def save_observations(self, observations: Sequence[Observation]) -> None:
        by_series: dict[str, dict[Any, Any]] = {}  # period → JSON; redis-py's mapping type is invariant
        for o in observations:
            by_series.setdefault(o.series, {})[o.period] = json.dumps({"value": o.value, "vintage": o.vintage})
        if not by_series:
            return

        def go() -> None:
            pipe = self._r.pipeline(transaction=True)  # MULTI/EXEC: all series of one poll or none
            for series, mapping in by_series.items():
                pipe.hset(self._k("series", series), mapping=mapping)
            pipe.execute()

        self._call(go)

    def close(self) -> None:
        self._r.close()

    def durability_warning(self) -> str | None:
        try:
            info = self._call(lambda: self._r.info("persistence"))
        except StoreUnavailable:
            return None  # unreachable: said elsewhere
        if str(info.get("aof_enabled", "1")) != "1":
            return (
                f"redis at {self._safe_url()} runs without an append-only file (appendonly no): a restart empties "
                "it; Wirewatch then re-baselines every source (nothing re-posted) but alerts not yet sent are lost. "
                "Run it with appendonly yes and appendfsync always"
            )
        with contextlib.suppress(StoreUnavailable):  # managed Redis often refuses CONFIG
            fsync = self._call(lambda: self._r.config_get("appendfsync")).get("appendfsync")
            if fsync and fsync != "always":
                return (
                    f"redis at {self._safe_url()} syncs its append-only file {fsync!r}: a crash of its host may "
                    "lose the last writes it acknowledged (use appendfsync always)"
                )
        return None

    def claim_writer(self, wait: float) -> None:
        """Nothing to claim: replicas share Redis by design, kept apart by the fleet's leases."""

    def get_meta(self, key: str) -> str | None:
        raw = self._call(lambda: self._r.get(self._k("meta", key)))
        return str(raw) if raw is not None else None

    def set_meta(self, key: str, value: str, *, if_missing: bool = False) -> bool:
        return bool(self._call(lambda: self._r.set(self._k("meta", key), value, nx=if_missing)))

    # --- readers' silences and verdicts (issue 12) --------------------------------------------------------
    # {p}:silence:<id>           string  Silence JSON (SET NX: a redelivered action adds nothing)
    # {p}:silences               zset    silence id → created time (every silence, never deleted: audit)
    # {p}:silences:ends          zset    silence id → effective end (end, or early expiry): active ones by range
    # {p}:verdicts               hash    verdict id → Verdict JSON (HSETNX)
    # {p}:verdicts:at            zset    verdict id → time given
    # {p}:verdicts:alert:<id>    zset    verdict id → time given, for one alert
    _ADD_SILENCE = """
    if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
    redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
    redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
    return 1
    """
    _ADD_VERDICT = """
    if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
    redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
    redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
    return 1
    """

    def add_silence(self, silence: Silence) -> bool:
        keys = [self._k("silence", silence.id), self._k("silences"), self._k("silences", "ends")]
        args = [silence.to_json(), repr(silence.created_at), repr(silence.ended_at), silence.id]
        script = self._r.register_script(self._ADD_SILENCE)
        return bool(self._call(lambda: script(keys=keys, args=args)))

    def get_silence(self, silence_id: str) -> Silence | None:
        raw = self._call(lambda: self._r.get(self._k("silence", silence_id)))
        return Silence.from_json(raw) if raw else None

    def silences(self, now: float | None = None) -> list[Silence]:
        def go() -> list[Silence]:
            if now is None:
                ids = [str(i) for i in self._r.zrange(self._k("silences"), 0, -1)]
            else:
                ids = [str(i) for i in self._r.zrangebyscore(self._k("silences", "ends"), f"({now!r}", "+inf")]
            found: list[Silence] = []
            for i in range(0, len(ids), 500):
                raws = self._r.mget([self._k("silence", s) for s in ids[i : i + 500]])
                found.extend(Silence.from_json(r) for r in raws if r)
            return sorted(found, key=lambda s: (-s.created_at, s.id))

        return self._call(go)

    def expire_silence(self, silence_id: str, by: str, at: float) -> bool:
        key = self._k("silence", silence_id)

        def tx(pipe: Any) -> bool:
            raw = pipe.get(key)
            if not raw:
                return False
            current = Silence.from_json(raw)
            if current.ended_at <= at:
                return False
            ended = current.evolve(expired_at=at, expired_by=by)
            pipe.multi()
            pipe.set(key, ended.to_json())
            pipe.zadd(self._k("silences", "ends"), {ended.id: ended.ended_at})
            return True

        run: Any = self._r.transaction  # typed as returning None, but value_from_callable returns tx's result
        return bool(self._call(lambda: run(tx, key, value_from_callable=True)))

    def _change_silenced(self, alert_id: str, target: str, **changes: Any) -> bool:
        """Rewrite a delivery only while it is silenced (WATCH: a concurrent release by another replica wins once)."""
        key = self._k("delivery", alert_id)

        def tx(pipe: Any) -> bool:
            raw = pipe.hget(key, target)
            current = Delivery(**json.loads(raw)) if raw else None
            if current is None or current.status != "silenced":
                return False
            pipe.multi()
            self._write(pipe, replace(current, **changes))
            return True

        run: Any = self._r.transaction
        return bool(self._call(lambda: run(tx, key, value_from_callable=True)))

    def release_silenced(self, alert_id: str, target: str, now: float) -> bool:
        return self._change_silenced(
            alert_id, target, status="pending", next_attempt=now, last_error=None, updated_at=now, in_doubt_since=None
        )

    def reassign_silenced(self, alert_id: str, target: str, reason: str, now: float) -> bool:
        return self._change_silenced(alert_id, target, last_error=reason, updated_at=now)

    def add_verdict(self, verdict: Verdict) -> bool:
        keys = [self._k("verdicts"), self._k("verdicts", "at"), self._k("verdicts", "alert", verdict.alert_id)]
        args = [verdict.id, verdict.to_json(), repr(verdict.at)]
        script = self._r.register_script(self._ADD_VERDICT)
        return bool(self._call(lambda: script(keys=keys, args=args)))

    def verdicts(self, since: float = 0.0, until: float | None = None, alert_id: str | None = None) -> list[Verdict]:
        index = self._k("verdicts", "at") if alert_id is None else self._k("verdicts", "alert", alert_id)
        upper = "+inf" if until is None else f"({until!r}"

        def go() -> list[Verdict]:
            ids = [str(i) for i in self._r.zrangebyscore(index, repr(since), upper)]
            found: list[Verdict] = []
            for i in range(0, len(ids), 500):
                raws = self._r.hmget(self._k("verdicts"), ids[i : i + 500])
                found.extend(Verdict.from_json(r) for r in raws if r)
            return sorted(found, key=lambda v: (v.at, v.id))

        return self._call(go)
