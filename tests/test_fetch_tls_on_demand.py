"""The fetcher builds its TLS transport (CA bundle and all) at the first https request, not at start: a deployment
polling only http:// feeds never pays for it, and one polling https:// feeds still verifies certificates."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from pathlib import Path

import pytest

from collectors.http_fetch import Fetcher, FetchLimits, FetchResult, TlsOnDemand
from tests.servers.feeds import FeedServer, rss

FEED = rss([{"guid": "a", "title": "A", "link": "http://news.test/a", "description": "A."}])


def self_signed(tmp: Path) -> tuple[Path, Path]:
    key, cert = tmp / "loopback.key", tmp / "loopback.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def fetch(fetcher: Fetcher, url: str) -> FetchResult:
    async def go() -> FetchResult:
        try:
            return await fetcher.fetch(url)
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


def transport(fetcher: Fetcher) -> TlsOnDemand:
    t = fetcher._client._transport
    assert isinstance(t, TlsOnDemand)
    return t


@pytest.mark.parametrize("private", [True, False], ids=["direct", "vetted"])
def test_http_polling_builds_no_tls_transport(feed_server: FeedServer, private: bool) -> None:
    fetcher = Fetcher(FetchLimits(allow_private_addresses=private))
    if not private:  # loopback is refused when vetting; the refusal is enough to show which transport ran
        assert fetch(fetcher, feed_server.url("/f.xml")).error is not None
    else:
        feed_server.put("/f.xml", FEED)
        assert fetch(fetcher, feed_server.url("/f.xml")).status == 200
    assert transport(fetcher)._tls is None


def test_https_is_verified_by_the_transport_built_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        cert, key = self_signed(tmp_path)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("openssl cannot make a test certificate here")
    server = FeedServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    server.start()
    server.put("/f.xml", FEED)
    url = server.url("/f.xml").replace("http://", "https://")
    try:
        untrusting = Fetcher(FetchLimits(allow_private_addresses=True))
        refused = fetch(untrusting, url)
        assert refused.status is None and refused.error is not None and "certificate" in refused.error.lower()
        assert transport(untrusting)._tls is not None

        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted the way an operator would trust a private CA
        trusting = Fetcher(FetchLimits(allow_private_addresses=True))
        ok = fetch(trusting, url)
        assert ok.status == 200 and ok.body == FEED.encode()
    finally:
        server.stop()
