"""What vetting addresses costs per poll, for the three ways of doing it, side by side in one run.

- hook: check in a request hook (resolve, vet), then let httpx resolve again to connect — the rebinding gap
  this replaced, kept here as the baseline;
- sni: resolve and vet per request, send it to the IP with the Host header and `sni_hostname` extension set
  (no gap, but a lookup per request, and redirects must then be followed by hand);
- backend: VettedTransport — resolve and vet per new connection inside httpcore, connect to the vetted IP
  (what Fetcher uses).

DNS cannot run here: a resolver answering 127.0.0.1 at once stands in, and loopback counts as public for
the run. The feed server runs in a child process, so CPU is the client's. Each round is one conditional GET
per feed, answered 304 on a kept-alive connection, as an unchanged poll is.

Usage: .venv/bin/python benchmarks/bench_pinning.py [--feeds 200] [--rounds 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import socket
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from collectors import address_guard  # noqa: E402
from collectors.address_guard import VettedTransport, VettingBackend, refuse_non_public  # noqa: E402
from tests.servers.feeds import FeedServer, rss  # noqa: E402


def serve(conn: Connection, feeds: int) -> None:
    server = FeedServer().start()
    for n in range(feeds):
        server.put(f"/f{n}.xml", rss([{"guid": f"{n}", "title": "t"}]))
    conn.send(int(server.httpd.server_address[1]))
    conn.recv()
    server.stop()


async def resolve(host: str, port: int) -> list[str]:
    """The system resolver's path (a thread hop through getaddrinfo), answering loopback for `feeds.test`."""
    infos = await asyncio.get_running_loop().getaddrinfo("127.0.0.1", port, type=socket.SOCK_STREAM)
    return [str(i[4][0]) for i in infos]


async def run(way: str, port: int, feeds: int, rounds: int) -> tuple[float, float]:
    """(CPU ms per poll, wall ms per round) over `rounds` rounds of `feeds` conditional GETs."""
    urls = [f"http://feeds.test:{port}/f{n}.xml" for n in range(feeds)]
    headers = {"If-None-Match": "nope", "If-Modified-Since": "Tue, 01 Jan 2999 00:00:00 GMT"}

    async def hook(request: httpx.Request) -> None:
        refuse_non_public(request.url.host, await resolve(request.url.host, port))

    if way == "hook":
        client = httpx.AsyncClient(event_hooks={"request": [hook]}, transport=httpx.AsyncHTTPTransport())
    elif way == "backend":
        client = httpx.AsyncClient(transport=VettedTransport(VettingBackend(resolver=resolve)))
    else:
        client = httpx.AsyncClient()

    async def get(url: str) -> None:
        if way == "sni":
            u = httpx.URL(url)
            [ip, *_] = await resolve(u.host, port)
            refuse_non_public(u.host, [ip])
            req = client.build_request("GET", u.copy_with(host=ip), headers={**headers, "Host": f"{u.host}:{port}"})
            req.extensions["sni_hostname"] = u.host
            r = await client.send(req)
        elif way == "hook":
            # the hook vets; the connection resolves `feeds.test` again (here: to the same loopback)
            r = await client.get(url.replace("feeds.test", "127.0.0.1"), headers=headers)
        else:
            r = await client.get(url, headers=headers)
        await r.aread()

    sem = asyncio.Semaphore(16)

    async def limited(url: str) -> None:
        async with sem:
            await get(url)

    await asyncio.gather(*(limited(u) for u in urls))  # warm: connections open
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        await asyncio.gather(*(limited(u) for u in urls))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    await client.aclose()
    return cpu / (rounds * feeds) * 1000, wall / rounds * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    address_guard.is_public = lambda address: True  # loopback plays the public internet in this run
    parent, child = mp.Pipe()
    proc = mp.Process(target=serve, args=(child, args.feeds), daemon=True)
    proc.start()
    port = parent.recv()
    try:
        runs: dict[str, list[tuple[float, float]]] = {"hook": [], "sni": [], "backend": []}
        for _ in range(args.repeat):  # interleaved, best of each: a shared machine's noise only adds
            for way, got in runs.items():
                got.append(asyncio.run(run(way, port, args.feeds, args.rounds)))
        results = {way: min(got) for way, got in runs.items()}
    finally:
        parent.send("stop")
        proc.join(5)
    base = results["hook"][0]
    print(f"{args.feeds} feeds x {args.rounds} rounds of unchanged (304) polls, kept-alive; best of {args.repeat}")
    print(f"{'way':<8} {'CPU ms/poll':>12} {'vs hook':>8} {'wall ms/round':>14}")
    for way, (cpu, wall) in results.items():
        print(f"{way:<8} {cpu:>12.3f} {cpu / base:>8.2f} {wall:>14.1f}")


if __name__ == "__main__":
    main()
