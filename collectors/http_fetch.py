"""The network edge of the collect stage: bounded, conditional fetches over HTTP(S) or file://.

Bounded in every direction: connect/read/total timeouts, a streamed body cap, a per-host concurrency limit
(hundreds of feeds on one publisher must not look like an attack), and no fetches of private, loopback or
link-local addresses unless the config allows them: every address of every hop, redirects too, is checked
where the connection is made, and the connection goes to the address that was checked (`address_guard`).
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpcore
import httpx

from collectors.address_guard import (
    POOL_LIMITS,
    AddressRefused,
    VettedTransport,
    VettingBackend,
    is_public,
    literal_address,
    refuse_non_public,
    system_resolve,
)
from collectors.schedule import parse_max_age

__all__ = ["USER_AGENT", "AddressRefused", "BodyTooLarge", "FetchLimits", "FetchResult", "Fetcher", "is_public"]

USER_AGENT = "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; market-signal monitor)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # a slow-drip body cannot hold a poll longer than this
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = USER_AGENT
    per_host_limit: int = 4  # concurrent fetches per host name
    # Permissive here so library callers and tests on 127.0.0.1 work; the config default (what the app
    # passes, see wirewatch.wiring.fetch_limits) is False.
    allow_private_addresses: bool = True


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int | None = None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    not_modified: bool = False
    retry_after: float | None = None
    error: str | None = None
    elapsed: float = 0.0
    max_age: float | None = None  # Cache-Control freshness of the response, seconds
    permanent_redirect: str | None = None  # where the leading 301/308 hops of this fetch led, if any

    @property
    def gone(self) -> bool:
        """HTTP 410: the publisher says the feed is gone for good."""
        return self.status == 410

    @property
    def ok(self) -> bool:
        return self.error is None


class BodyTooLarge(Exception):
    pass


async def check_public(url: httpx.URL, *, resolve: bool = True) -> None:
    """Refuse a non-http(s) URL, or a host any of whose addresses is not public.

    With `resolve=False` only an IP-literal host is judged (no lookup): for requests whose connection is
    vetted where it is made (VettedTransport), this refuses what is plainly private before anything is sent.
    """
    if url.scheme not in ("http", "https"):
        raise AddressRefused(f"refused: {url.scheme}: URLs are not fetched over the network")
    host = url.host
    literal = literal_address(host)
    if literal is not None:
        refuse_non_public(host, [literal])
    elif resolve:
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = await system_resolve(host, port)
        except OSError as exc:
            raise httpx.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
        refuse_non_public(host, addresses)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Retry-After is seconds or an HTTP date; return seconds from now (never negative)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - now)


def _describe(exc: BaseException, limits: FetchLimits, url: str = "") -> str:
    if isinstance(exc, BodyTooLarge):
        return f"body larger than {limits.max_bytes} bytes"
    if isinstance(exc, AddressRefused):
        return str(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connect timed out after {limits.connect_timeout:g}s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"read timed out after {limits.read_timeout:g}s"
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return f"fetch took longer than {limits.total_timeout:g}s"
    if isinstance(exc, httpx.ConnectError):
        host = urlparse(url).hostname or url
        if str(exc).startswith("cannot resolve"):
            return str(exc)
        return f"cannot connect to {host}: {exc or type(exc).__name__}"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.HTTPError):
        return f"{type(exc).__name__}: {exc}"
    return f"{type(exc).__name__}: {exc}"


def permanent_target(history: list[httpx.Response], final: httpx.URL) -> str | None:
    """The URL reached through the leading run of 301/308 hops: only those say "moved for good"."""
    target = None
    for i, hop in enumerate(history):
        if hop.status_code not in (301, 308):
            break
        target = str(history[i + 1].url if i + 1 < len(history) else final)
    return target


# The context of a transport that never makes a TLS connection (http:// only): creating it loads no CA bundle.
_PLAIN_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class TlsOnDemand(httpx.AsyncBaseTransport):
    """http:// requests through `plain`; https:// through a transport built at the first https request. Its TLS
    context (the CA bundle: ~1.5 MiB and ~20 ms) is then paid only by a deployment that polls https feeds."""

    def __init__(self, plain: httpx.AsyncBaseTransport, tls: Callable[[], httpx.AsyncBaseTransport]):
        self.plain = plain
        self._build_tls = tls
        self._tls: httpx.AsyncBaseTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "https":
            return await self.plain.handle_async_request(request)
        if self._tls is None:
            self._tls = self._build_tls()
        return await self._tls.handle_async_request(request)

    async def aclose(self) -> None:
        await self.plain.aclose()
        if self._tls is not None:
            await self._tls.aclose()


class Fetcher:
    """One shared HTTP client: connection reuse, per-request caps, validators sent as received.

    When private addresses are refused, connections are made by a VettedTransport (resolve once, vet, connect
    to the vetted address); `connector` is its TCP connector and `resolver` its name lookup, both parameters
    for tests only. A caller-supplied `transport` makes its own connections, so hosts are then checked by a
    lookup before each request, as the only check possible.
    """

    def __init__(
        self,
        limits: FetchLimits | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        connector: httpcore.AsyncNetworkBackend | None = None,
        resolver: Callable[[str, int], Awaitable[list[str]]] | None = None,
    ):
        self.limits = limits or FetchLimits()
        vetting = not self.limits.allow_private_addresses
        self._vetted_at_connect = vetting and transport is None
        if self._vetted_at_connect:
            backend = VettingBackend(connector, resolver)
            transport = TlsOnDemand(
                VettedTransport(backend, ssl_context=_PLAIN_CONTEXT),
                lambda: VettedTransport(backend),
            )
        elif transport is None:
            transport = TlsOnDemand(
                httpx.AsyncHTTPTransport(verify=_PLAIN_CONTEXT, limits=POOL_LIMITS),
                lambda: httpx.AsyncHTTPTransport(limits=POOL_LIMITS),
            )
        timeout = httpx.Timeout(
            connect=self.limits.connect_timeout,
            read=self.limits.read_timeout,
            write=self.limits.read_timeout,
            pool=self.limits.total_timeout,
        )
        self._client = httpx.AsyncClient(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": self.limits.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
            # every hop, redirects included, is checked before it is sent (and again where it connects)
            event_hooks={"request": [self._guard] if vetting else []},
        )
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    async def _guard(self, request: httpx.Request) -> None:
        await check_public(request.url, resolve=not self._vetted_at_connect)

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        """The semaphore of the URL's host (used directly: a context-manager generator per poll costs more)."""
        host = (urlparse(url).hostname or "").lower()
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self.limits.per_host_limit)
        return slot

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        start = time.monotonic()
        if url.startswith("file:"):
            return self._fetch_file(url, etag, start)
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        async with self._host_slot(url):  # a Semaphore is its own async context manager
            start = time.monotonic()  # waiting for a slot is not the server's fault: the caps start now
            try:
                async with asyncio.timeout(self.limits.total_timeout):
                    return await self._get(url, headers, start)
            except (httpx.HTTPError, BodyTooLarge, AddressRefused, TimeoutError, OSError) as exc:
                error = _describe(exc, self.limits, url)
                return FetchResult(url=url, error=error, elapsed=time.monotonic() - start)

    async def _get(self, url: str, headers: dict[str, str], start: float) -> FetchResult:
        async with self._client.stream("GET", url, headers=headers) as resp:
            retry_after = parse_retry_after(resp.headers.get("retry-after"), time.time())
            common = {
                "url": str(resp.url),
                "status": resp.status_code,
                "etag": resp.headers.get("etag"),
                "last_modified": resp.headers.get("last-modified"),
                "content_type": resp.headers.get("content-type"),
                "retry_after": retry_after,
                "max_age": parse_max_age(resp.headers.get("cache-control"), resp.headers.get("age")),
                "permanent_redirect": permanent_target(resp.history, resp.url),
            }
            if resp.status_code == 304:
                # A 304 has no body, but reading its (empty) end lets the connection be reused: without
                # this httpcore closes it, and every unchanged poll pays for a new TCP (and TLS) handshake.
                await resp.aread()
                return FetchResult(**common, not_modified=True, elapsed=time.monotonic() - start)
            if resp.status_code >= 400:
                reason = resp.reason_phrase or ""
                return FetchResult(
                    **common,
                    error=f"HTTP {resp.status_code} {reason}".strip(),
                    elapsed=time.monotonic() - start,
                )
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise BodyTooLarge
            chunks: list[bytes] = []
            size = 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise BodyTooLarge
                chunks.append(chunk)
            return FetchResult(**common, body=b"".join(chunks), elapsed=time.monotonic() - start)

    def _fetch_file(self, url: str, etag: str | None, start: float) -> FetchResult:
        """file:///abs/path or file:relative/path (resolved by the config loader before we get here)."""
        parsed = urlparse(url)
        path = Path(unquote(parsed.path if parsed.netloc in ("", "localhost") else parsed.netloc + parsed.path))
        try:
            size = path.stat().st_size
            if size > self.limits.max_bytes:
                raise BodyTooLarge
            body = path.read_bytes()
        except BodyTooLarge as exc:
            return FetchResult(url=url, error=_describe(exc, self.limits))
        except OSError as exc:
            return FetchResult(url=url, error=f"cannot read {path}: {exc.strerror or exc}")
        digest = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if etag == digest:
            return FetchResult(url=url, status=304, etag=digest, not_modified=True)
        return FetchResult(url=url, status=200, body=body, etag=digest, elapsed=time.monotonic() - start)
