"""The network edge of the collect stage: bounded, conditional fetches over HTTP(S) or file://."""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

USER_AGENT = "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; market-signal monitor)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # a slow-drip body cannot hold a poll longer than this
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = USER_AGENT


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

    @property
    def ok(self) -> bool:
        return self.error is None


class BodyTooLarge(Exception):
    pass


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
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connect timed out after {limits.connect_timeout:g}s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"read timed out after {limits.read_timeout:g}s"
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return f"fetch took longer than {limits.total_timeout:g}s"
    if isinstance(exc, httpx.ConnectError):
        host = urlparse(url).hostname or url
        return f"cannot connect to {host}: {exc or type(exc).__name__}"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.HTTPError):
        return f"{type(exc).__name__}: {exc}"
    return f"{type(exc).__name__}: {exc}"


class Fetcher:
    """One shared HTTP client: connection reuse, per-request caps, validators sent as received."""

    def __init__(self, limits: FetchLimits | None = None, transport: httpx.AsyncBaseTransport | None = None):
        self.limits = limits or FetchLimits()
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
        )

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
        try:
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._get(url, headers, start)
        except (httpx.HTTPError, BodyTooLarge, TimeoutError, OSError) as exc:
            return FetchResult(url=url, error=_describe(exc, self.limits, url), elapsed=time.monotonic() - start)

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
            }
            if resp.status_code == 304:
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
