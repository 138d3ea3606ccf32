"""DNS rebinding: the address that was vetted is the address connected to.

DNS cannot run here, so a patched resolver answers names, and a stand-in for the internet routes the one
"public" address to a loopback server playing the publisher. Every other connection is real: a second loopback
server plays the internal service a rebinding name points at, and counts the connections it accepts.
"""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest

from collectors.address_guard import VettedTransport, VettingBackend
from collectors.http_fetch import Fetcher, FetchLimits, FetchResult
from tests.servers.feeds import FeedServer, rss

PUBLIC = "93.184.216.34"  # a globally routable address: only the stand-in internet below knows a way there
REFUSE = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=5, allow_private_addresses=False)
FEED = rss([{"guid": "p-1", "title": "From the publisher", "link": "http://news.test/p-1"}])


class CountingServer(FeedServer):
    """A feed server that counts the TCP connections it accepts (before any request is read)."""

    def __init__(self) -> None:
        super().__init__()
        self.connections = 0
        verify = self.httpd.verify_request

        def counted(request: Any, client_address: Any) -> bool:
            self.connections += 1
            return verify(request, client_address)

        self.httpd.verify_request = counted  # type: ignore[method-assign]


class Internet(httpcore.AsyncNetworkBackend):
    """Stands in for the public internet: PUBLIC leads to the publisher's loopback port; loopback addresses
    are connected to for real (what a rebinding would reach). Every address asked for is recorded."""

    def __init__(self, publisher_port: int) -> None:
        self.real = httpcore.AnyIOBackend()
        self.publisher_port = publisher_port
        self.asked: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.asked.append((host, port))
        if host == PUBLIC:
            return await self.real.connect_tcp("127.0.0.1", self.publisher_port, timeout=timeout)
        return await self.real.connect_tcp(host, port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class Rebinding:
    """A resolver that answers from a script, one answer per lookup (the last answer repeats)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def servers() -> Iterator[tuple[CountingServer, CountingServer]]:
    publisher, internal = CountingServer().start(), CountingServer().start()
    publisher.put("/feed.xml", FEED)
    internal.put("/feed.xml", rss([{"guid": "secret", "title": "INTERNAL ONLY"}]))
    try:
        yield publisher, internal
    finally:
        publisher.stop()
        internal.stop()


def port_of(server: FeedServer) -> int:
    return int(server.httpd.server_address[1])


def fetch_all(fetcher: Fetcher, urls: list[str]) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        try:
            return [await fetcher.fetch(u) for u in urls]
        finally:
            await fetcher.aclose()

    return asyncio.run(go())


def test_a_name_that_rebinds_to_loopback_after_the_check_never_reaches_loopback(
    servers: tuple[CountingServer, CountingServer],
) -> None:
    publisher, internal = servers
    internet = Internet(port_of(publisher))
    resolver = Rebinding([PUBLIC], ["127.0.0.1"])  # public to the first lookup, loopback to any later one
    url = f"http://rebind.test:{port_of(internal)}/feed.xml"
    [result] = fetch_all(Fetcher(REFUSE, connector=internet, resolver=resolver), [url])
    assert result.ok and result.status == 200, result.error
    assert result.body == FEED.encode()  # from the vetted address
    assert resolver.lookups == ["rebind.test"]  # one lookup: the checked answer is the one used
    assert internet.asked == [(PUBLIC, port_of(internal))]
    assert internal.connections == 0


def test_once_the_name_answers_loopback_a_new_connection_is_refused(
    servers: tuple[CountingServer, CountingServer],
) -> None:
    publisher, internal = servers
    internet = Internet(port_of(publisher))
    resolver = Rebinding([PUBLIC], ["127.0.0.1"])
    url = f"http://rebind.test:{port_of(internal)}/feed.xml"
    first, second = fetch_all(Fetcher(REFUSE, connector=internet, resolver=resolver), [url, url])
    assert first.ok and second.ok  # the second poll reuses the vetted, kept-alive connection: no lookup
    assert resolver.lookups == ["rebind.test"]
    [third] = fetch_all(Fetcher(REFUSE, connector=internet, resolver=resolver), [url])  # a new connection
    assert not third.ok
    assert third.error == (
        "refused: rebind.test resolves to non-public address 127.0.0.1 (set fetch.allow_private_addresses: true "
        "to allow)"
    )
    assert internal.connections == 0
    assert internet.asked == [(PUBLIC, port_of(internal))]


@pytest.mark.parametrize("answer", [[PUBLIC, "127.0.0.1"], ["127.0.0.1", PUBLIC], ["::ffff:127.0.0.1"]])
def test_any_private_address_in_the_answer_refuses_the_name(
    servers: tuple[CountingServer, CountingServer], answer: list[str]
) -> None:
    publisher, internal = servers
    internet = Internet(port_of(publisher))
    [result] = fetch_all(
        Fetcher(REFUSE, connector=internet, resolver=Rebinding(answer)),
        [f"http://mixed.test:{port_of(internal)}/feed.xml"],
    )
    assert result.error is not None and result.error.startswith("refused: mixed.test resolves to non-public")
    assert internet.asked == [] and internal.connections == 0 and publisher.connections == 0


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused_at_the_hop(
    servers: tuple[CountingServer, CountingServer],
) -> None:
    publisher, internal = servers
    publisher.put("/moved.xml", b"", status=301, headers={"Location": f"http://inside.test:{port_of(internal)}/"})
    internet = Internet(port_of(publisher))

    async def resolve(host: str, port: int) -> list[str]:
        return {"public.test": [PUBLIC], "inside.test": ["10.0.0.7", "127.0.0.1"]}[host]

    [result] = fetch_all(
        Fetcher(REFUSE, connector=internet, resolver=resolve), [f"http://public.test:{port_of(publisher)}/moved.xml"]
    )
    assert result.error is not None and result.error.startswith("refused: inside.test resolves to non-public")
    assert [h.status for h in publisher.hits_for("/moved.xml")] == [301]
    assert internal.connections == 0


def test_names_that_do_not_resolve_are_a_clear_error(servers: tuple[CountingServer, CountingServer]) -> None:
    async def nxdomain(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    [result] = fetch_all(Fetcher(REFUSE, resolver=nxdomain), ["http://nowhere.test/feed.xml"])
    assert result.error == "cannot resolve nowhere.test: Name or service not known"


# --- TLS: the connection goes to the vetted IP, SNI and certificate checks stay with the name --------------


def make_cert(tmp: Path, name: str) -> tuple[Path, Path]:
    key, cert = tmp / f"{name}.key", tmp / f"{name}.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class TlsServer(CountingServer):
    """The publisher over TLS; records the SNI name each handshake asked for."""

    def __init__(self, cert: Path, key: Path) -> None:
        super().__init__()
        self.sni: list[str | None] = []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.sni_callback = lambda sock, name, ctx: self.sni.append(name)  # type: ignore[assignment,misc,func-returns-value]
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)


def test_tls_to_the_vetted_address_still_checks_the_certificate_for_the_name(tmp_path: Path) -> None:
    try:
        cert, key = make_cert(tmp_path, "feed.test")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("openssl cannot make a test certificate here")
    server = TlsServer(cert, key).start()
    server.put("/feed.xml", FEED)
    try:
        internet = Internet(port_of(server))

        async def resolve(host: str, port: int) -> list[str]:
            return [PUBLIC]

        async def get(url: str) -> httpx.Response:
            trust = ssl.create_default_context(cafile=str(cert))
            backend = VettingBackend(internet, resolve)
            async with httpx.AsyncClient(transport=VettedTransport(backend, ssl_context=trust)) as client:
                return await client.get(url)

        port = port_of(server)
        ok = asyncio.run(get(f"https://feed.test:{port}/feed.xml"))
        assert ok.status_code == 200 and ok.content == FEED.encode()
        assert server.sni == ["feed.test"]  # SNI names the host, not the IP connected to
        assert server.hits_for("/feed.xml")[0].headers["host"] == f"feed.test:{port}"
        assert internet.asked == [(PUBLIC, port)]
        with pytest.raises(httpx.ConnectError, match=r"CERTIFICATE_VERIFY_FAILED|match"):
            asyncio.run(get(f"https://other.test:{port}/feed.xml"))  # same address, wrong name: refused by TLS
    finally:
        server.stop()
