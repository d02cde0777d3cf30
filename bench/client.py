"""A small HTTP client for the benchmark: standard library only, keep-alive, cookies, timings.

Each `Client` holds one connection (use one per thread). Requests look as if they came through
the TLS proxy of a deployment (`X-Forwarded-Proto: https`, which the production settings trust),
so the production settings' HTTPS redirect, secure cookies and CSRF origin checks apply as they
would behind the proxy.
"""

from __future__ import annotations

import http.client
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

RETRIABLE = (
    http.client.RemoteDisconnected,
    http.client.CannotSendRequest,
    ConnectionResetError,
    BrokenPipeError,
)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-query-count")
        return int(value) if value and value.isdigit() else None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


class Client:
    def __init__(self, host: str, port: int, *, timeout: float = 600.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.origin = f"https://{host}:{port}"
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {
            "X-Forwarded-Proto": "https",
            "User-Agent": "danvan-bench",
            "Accept-Language": "vi",
        }

    def clone(self) -> Client:
        """Another connection with the same session (for another thread)."""
        other = Client(self.host, self.port, timeout=self.timeout)
        other.cookies = dict(self.cookies)
        other.headers = dict(self.headers)
        return other

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None, headers=None) -> Response:
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method not in ("GET", "HEAD"):
            sent.setdefault("Origin", self.origin)
            sent.setdefault("Referer", self.origin + path)
        for attempt in range(2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                started = time.perf_counter()
                self.conn.request(method, path, body=body, headers=sent)
                raw = self.conn.getresponse()
                data = raw.read()
                ms = (time.perf_counter() - started) * 1000
                break
            except RETRIABLE:
                # an idle keep-alive connection the server closed: once more on a new one
                self.close()
                if attempt or not reused:
                    raise
        for cookie in raw.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if not value or value == '""' or "max-age=0" in cookie.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        if raw.will_close:
            self.close()
        headers_out = {k.lower(): v for k, v in raw.getheaders()}
        return Response(raw.status, headers_out, data, ms)

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post_json(self, path: str, payload: bytes, token: str | None = None) -> Response:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", path, body=payload, headers=headers)

    def post_form(self, path: str, fields: dict) -> Response:
        body = urlencode(fields).encode()
        return self.request(
            "POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )

    def post_multipart(self, path: str, fields: dict, files: dict[str, tuple[str, bytes, str]]) -> Response:
        boundary = "----danvanbench" + secrets.token_hex(12)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, data, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def csrf_token(page: Response) -> str:
    found = CSRF_FIELD.search(page.text)
    if not found:
        raise RuntimeError(f"no CSRF token in the page (HTTP {page.status})")
    return found.group(1)


def login(client: Client, username: str, password: str) -> None:
    """Log in through the login form, as a browser does (one attempt: django-axes counts failures)."""
    page = client.get("/accounts/login/")
    if page.status != 200:
        raise RuntimeError(f"login page: HTTP {page.status}")
    answer = client.post_form(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": username,
            "password": password,
            "next": "/",
        },
    )
    if answer.status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"could not log in as {username}: HTTP {answer.status}")
