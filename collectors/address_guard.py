"""Connect only to the address that was vetted: no DNS rebinding past the private-address check.

Checking a name and then letting the HTTP stack resolve it again to connect leaves a gap: a name that answers
a public address to the check and a loopback or metadata address to the connection gets through. Here the
check and the connection are one step, inside httpcore's network backend: each new connection resolves its
host once, refuses it unless every address is public, and opens the TCP connection to a vetted address.
The URL, the Host header and TLS (SNI and certificate checks) still use the name, since httpcore hands only
the TCP connect to the backend. Kept-alive connections are reused without a new lookup, so an unchanged
poll pays no DNS at all; redirects to a new host open a new connection and are vetted the same way.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore
import httpx

Resolver = Callable[[str, int], Awaitable[list[str]]]
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults


class AddressRefused(Exception):
    """The URL points at a private, loopback or link-local address and the config does not allow that."""


def is_public(address: str) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged by its IPv4 part)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def literal_address(host: str) -> str | None:
    """The host as an IP address string when it is one (no lookup needed), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def refuse_non_public(host: str, addresses: Iterable[str]) -> None:
    for address in addresses:
        if not is_public(address):
            raise AddressRefused(
                f"refused: {host} resolves to non-public address {address} "
                "(set fetch.allow_private_addresses: true to allow)"
            )


async def system_resolve(host: str, port: int) -> list[str]:
    """Every address of `host`, in the resolver's order, each once."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class VettingBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend: resolve once, vet every address, connect to a vetted one.

    `inner` opens the TCP connection to an address (httpcore's own backend by default); `resolver` answers
    names (the system resolver by default). Both are parameters so tests can stand in for DNS and for the
    public internet, which cannot run here.
    """

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None, resolver: Resolver | None = None):
        self._inner = inner or httpcore.AnyIOBackend()  # what httpx uses under asyncio
        self._resolve = resolver or system_resolve

    async def vetted_addresses(self, host: str, port: int, timeout: float | None = None) -> list[str]:
        literal = literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                async with asyncio.timeout(timeout):
                    addresses = await self._resolve(host, port)
            except TimeoutError as exc:
                raise httpcore.ConnectTimeout(f"cannot resolve {host}: timed out") from exc
            except OSError as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
            if not addresses:
                raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        refuse_non_public(host, addresses)
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.vetted_addresses(host, port, timeout)
        failure: Exception | None = None
        for address in addresses:  # all vetted: any of them will do, in the resolver's order
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("refused: unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class VettedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (request mapping, errors, keep-alive pool), connecting through a VettingBackend.

    Environment proxies are not used with it: a proxy resolves names itself, out of reach of the check.
    """

    def __init__(
        self,
        backend: VettingBackend | None = None,
        limits: httpx.Limits = POOL_LIMITS,
        trust_env: bool = True,
        ssl_context: ssl.SSLContext | None = None,
    ):
        context = ssl_context or httpx.create_ssl_context(trust_env=trust_env)  # loading CAs costs ~20 ms: once
        super().__init__(verify=context, limits=limits, trust_env=trust_env)
        # httpx builds its pool without a way to pass a network backend: build the same pool with ours
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend or VettingBackend(),
        )
