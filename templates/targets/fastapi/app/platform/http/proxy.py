"""Trusted proxy hops: the client address and scheme as the edge proxy saw them (contract C63, C50).

Wraps the whole ASGI app, outside the OpenTelemetry middleware, so the access log and the server
span both see the same `client.address`. With TRUST_PROXY_HOPS=0 (the default) X-Forwarded-* is
ignored: anyone could send it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


def _header(scope: Scope, name: bytes) -> str | None:
    values = [value.decode("latin-1") for key, value in scope["headers"] if key == name]
    return ",".join(values) if values else None


def forwarded_client(forwarded_for: str | None, peer: str, hops: int) -> str:
    """The address `hops` proxies away: X-Forwarded-For is appended to by each proxy, so count from the right."""
    if hops <= 0 or not forwarded_for:
        return peer
    chain = [part.strip() for part in forwarded_for.split(",") if part.strip()]
    return chain[-hops] if len(chain) >= hops else (chain[0] if chain else peer)


class TrustedProxy:
    def __init__(self, app: ASGIApp, hops: int) -> None:
        self.app = app
        self.hops = hops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.hops > 0:
            peer_host, peer_port = scope.get("client") or ("", 0)
            client = forwarded_client(_header(scope, b"x-forwarded-for"), peer_host, self.hops)
            proto = _header(scope, b"x-forwarded-proto")
            scope = dict(scope)
            scope["client"] = (client, peer_port)
            if proto:
                scope["scheme"] = proto.split(",")[-1].strip().lower()
        await self.app(scope, receive, send)
