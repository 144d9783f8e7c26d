"""Sending through the coordinator's own SMTP server.

STARTTLS by default (port 587) and implicit TLS (port 465), both with the server's certificate
and host name verified against the system's trusted authorities (`ssl.create_default_context`);
`AWARDS_SMTP_CAFILE` adds one more authority (a company's own CA, or a test server's). `none`
(port 25) is for a relay on the coordinator's own network: it never sends a password."""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from email.message import EmailMessage
from types import TracebackType

DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT = 30


class SendRefused(Exception):
    """The server refused this one message (a recipient, its size); others may still go."""


class ConnectionLost(Exception):
    """The server could not be reached, or went away: nothing more goes in this run."""


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    cafile = os.environ.get("AWARDS_SMTP_CAFILE")
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise ConnectionLost(f"AWARDS_SMTP_CAFILE {cafile}: {exc}") from None
    return context


def describe(exc: BaseException) -> str:
    """The server's own words where it gave some, in one line."""
    if isinstance(exc, smtplib.SMTPResponseException):
        said = exc.smtp_error
        text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said or "")
        return f"{exc.smtp_code} {' '.join(text.split())}".strip()
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, said = next(iter(exc.recipients.values()))
        text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
        return f"{code} {' '.join(text.split())}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate was not trusted ({exc.verify_message})"
    return " ".join(str(exc).split()) or type(exc).__name__


def login(server: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login encodes user and password as ASCII; a password with ä or ö goes as
    AUTH PLAIN in UTF-8 (RFC 4616) instead."""
    if user.isascii() and password.isascii():
        server.login(user, password)
        return
    import base64

    methods = (server.esmtp_features.get("auth") or "").upper().split()
    if "PLAIN" not in methods:
        raise smtplib.SMTPException(
            "the password or login has letters outside ASCII and the server does not offer "
            "AUTH PLAIN, the one way to send them"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
    code, said = server.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, said)


class SmtpSender:
    """`with SmtpSender(...) as smtp: smtp.send(msg, sender, recipient)`."""

    def __init__(
        self,
        host: str,
        port: int | None,
        security: str,
        user: str | None,
        password: str | None,
    ) -> None:
        self.host = host
        self.security = security
        self.port = port or DEFAULT_PORTS[security]
        self.user = user
        self.password = password
        self.server: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        self.connect()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def connect(self) -> None:
        try:
            if self.security == "tls":
                server: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=TIMEOUT, context=tls_context()
                )
            else:
                server = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            self.server = server
            server.ehlo()
            if self.security == "starttls":
                if not server.has_extn("starttls"):
                    raise ConnectionLost(
                        f"{self.host}:{self.port} does not offer STARTTLS; "
                        "nothing is sent unencrypted (see --smtp-security)"
                    )
                server.starttls(context=tls_context())
                server.ehlo()
            if self.user:
                if self.security == "none":
                    raise ConnectionLost(
                        "a login over an unencrypted connection would show the password; "
                        "use --smtp-security starttls or tls, or a relay without a login"
                    )
                login(server, self.user, self.password or "")
        except ConnectionLost:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise ConnectionLost(
                f"{self.host} refused the login for {self.user}: {describe(exc)}"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise ConnectionLost(f"{self.host}:{self.port}: {describe(exc)}") from None

    def send(self, msg: EmailMessage, envelope_from: str, recipient: str) -> None:
        if self.server is None:
            raise ConnectionLost("not connected")
        try:
            refused = self.server.send_message(msg, from_addr=envelope_from, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            raise SendRefused(describe(exc)) from None
        except smtplib.SMTPServerDisconnected as exc:
            self.server = None
            raise ConnectionLost(f"the server closed the connection ({describe(exc)})") from None
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            if 400 <= exc.smtp_code < 600 and exc.smtp_code != 421:
                raise SendRefused(describe(exc)) from None
            self.close()
            raise ConnectionLost(describe(exc)) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise SendRefused(describe(exc)) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise ConnectionLost(describe(exc)) from None
        if refused:
            raise SendRefused(describe(smtplib.SMTPRecipientsRefused(refused)))

    def close(self) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            except (smtplib.SMTPException, OSError):
                with contextlib.suppress(OSError):
                    self.server.close()
            self.server = None
