"""`awards mail`: messages through a real SMTP server (aiosmtpd on 127.0.0.1, STARTTLS with a
certificate made for the test, AUTH), and .eml drafts, both read back with the standard `email`
parser."""

from __future__ import annotations

import hashlib
import io
import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from awards.exports.score_file import parse_score_file
from tests.conftest import Awards

SLUG = "customer-advisor-2026"
PASSWORD = "salasana-ÄÖ-123"
NOMINEES = [("Sini Mäkelä", "Aava Pankki Oyj"), ("Jussi Korhonen", "Sillankorva Telecom Oy"),
            ("Åsa Öhman", "Kuusiston Energia Oy")]  # fmt: skip
JURORS = [("Liisa Ääritalo", "liisa@example.fi"), ("Pekka Pöllö", "pekka@example.fi"),
          ("Maria Åberg", "maria@example.fi")]  # fmt: skip
CRITERIA = ["encounter", "solutions", "feedback", "teamwork", "development"]


# ---- a real SMTP server ------------------------------------------------------------------------


class Handler:
    """Keeps what arrived; can refuse an address, or drop the connection at the n-th message."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes, bool]] = []  # from, to, data, over TLS
        self.refuse: set[str] = set()
        self.drop_at: int | None = None  # drop the connection when this many have arrived
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.drop_at is not None and len(self.messages) >= self.drop_at:
            server.transport.close()
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content,
                session.ssl is not None,
            )
        )
        return "250 2.0.0 Message accepted"

    def parsed(self) -> list[EmailMessage]:
        return [message_from_bytes(m[2], policy=policy.default) for m in self.messages]  # type: ignore[misc]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def server(certificate: tuple[Path, Path]) -> Iterator[tuple[Handler, int]]:
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    handler = Handler()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login == b"coordinator" and auth_data.password == PASSWORD.encode()
        )
        handler.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=ok, handled=False)

    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=authenticator,
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def year(awards: Awards, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Awards:
    """Three candidates, three jurors (every juror scores everyone), round 1 open, the
    organiser set; the SMTP password and the test's CA in the environment."""
    monkeypatch.setenv("AWARDS_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("AWARDS_SMTP_CAFILE", str(certificate[0]))
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name, org in NOMINEES:
        awards("nomination", "add", SLUG, "--nominee", name, "--organization", org)
    for i, (name, email) in enumerate(JURORS):
        awards("juror", "add", SLUG, "--name", name, "--email", email,
               "--role", "chair" if i == 0 else "member")  # fmt: skip
    awards("round", "open", SLUG, "--name", "Esikarsinta")
    awards("organizer", "set", "--name", "Asiakaspalveluyhdistys Äänekoski ry",
           "--contact", "Maija Mallikas, puh. 040 123 4567, maija@example.fi")  # fmt: skip
    return awards


def smtp_settings(awards: Awards, port: int, *extra: str) -> None:
    awards("organizer", "set", "--smtp-host", "127.0.0.1", "--smtp-port", port,
           "--smtp-user", "coordinator", "--smtp-from", "koordinaattori@example.fi",
           *extra)  # fmt: skip


def mail_log(awards: Awards) -> list[dict[str, Any]]:
    conn = sqlite3.connect(awards.db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM mail_log ORDER BY id")]
    finally:
        conn.close()


def attachment(msg: EmailMessage) -> tuple[str, bytes]:
    parts = list(msg.iter_attachments())
    assert len(parts) == 1
    part = parts[0]
    data = part.get_content()
    assert isinstance(data, bytes)
    return str(part.get_filename()), data


def body(msg: EmailMessage, kind: str = "plain") -> str:
    part = msg.get_body((kind,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def score_all(awards: Awards, email: str, nomination: int, keys: list[str] = CRITERIA) -> None:
    awards("score", "set", SLUG, "--juror", email, "--nomination", nomination,
           *[f"{k}={7 + nomination}" for k in keys])  # fmt: skip


# ---- sheets ------------------------------------------------------------------------------------


def test_sheets_go_to_each_juror_over_starttls_with_their_own_sheet(
    year: Awards, server: tuple[Handler, int], tmp_path: Path
) -> None:
    handler, port = server
    smtp_settings(year, port)
    result = year("mail", "sheets", SLUG, "--deadline", "15.9.2026", "--send")
    assert "Sent 3 of 3 score sheet(s)" in result.stdout
    assert "awards score import" in result.stdout  # the next step
    assert len(handler.messages) == 3
    assert all(over_tls for *_, over_tls in handler.messages)
    assert handler.logins == [(b"coordinator", PASSWORD.encode())]  # one connection
    log = {row["recipient"]: row for row in mail_log(year)}
    assert set(log) == {e for _, e in JURORS}
    criteria = year.json("criteria", "list", SLUG)
    from awards.models import Criterion

    parsed_criteria = [
        Criterion(c["key"], c["name_fi"], c["name_en"], c["weight"], c["min"], c["max"], c["step"])
        for c in criteria
    ]
    for (envelope_from, rcpt, _, _), msg in zip(handler.messages, handler.parsed(), strict=True):
        assert envelope_from == "koordinaattori@example.fi"
        (to,) = msg["To"].addresses
        assert rcpt == [to.addr_spec]
        name = dict((e, n) for n, e in JURORS)[to.addr_spec]
        assert to.display_name == name  # ä, ö and å decoded back exactly
        assert msg["From"].addresses[0].display_name == "Asiakaspalveluyhdistys Äänekoski ry"
        assert msg["Reply-To"].addresses[0].addr_spec == "koordinaattori@example.fi"
        assert str(msg["Subject"]) == "Arviointilomake: Vuoden Asiakasneuvoja 2026, Esikarsinta"
        assert "X-Unsent" not in msg
        assert msg["Message-ID"] == log[to.addr_spec]["message_id"]
        text = body(msg)
        assert f"Hei {name}," in text
        assert "kierros 1 (Esikarsinta)" in text and "3 ehdotusta" in text
        assert "15.9.2026" in text
        html = body(msg, "html")
        assert f"Hei {name}," in html and "<p>" in html
        filename, data = attachment(msg)
        assert filename == f"{SLUG}-r1-{name.replace(' ', '-')}.docx"
        assert hashlib.sha256(data).hexdigest() == log[to.addr_spec]["sha256"]
        assert log[to.addr_spec]["status"] == "sent" and log[to.addr_spec]["via"] == "smtp"
        # The attachment is that juror's own sheet, as `score import` reads it.
        sheet = tmp_path / filename
        sheet.write_bytes(data)
        read = parse_score_file(sheet, parsed_criteria)
        assert read.sheet_juror == to.addr_spec
        assert read.sheet_round == 1
    # The raw bytes carry the names encoded (RFC 2047 / 2231), as mail servers expect.
    raw = handler.messages[0][2]
    assert raw.isascii()


def test_second_run_sends_nothing_changed_sheet_goes_again_and_resend_on_purpose(
    year: Awards, server: tuple[Handler, int]
) -> None:
    handler, port = server
    smtp_settings(year, port)
    year("mail", "sheets", SLUG, "--send")
    again = year("mail", "sheets", SLUG, "--send")
    assert "3 score sheet(s) already sent, unchanged" in again.stdout
    assert "Nothing new to send" in again.stdout
    assert len(handler.messages) == 3
    # A deadline changes what the sheet says: every sheet is new, and the command says so.
    changed = year("mail", "sheets", SLUG, "--send", "--deadline", "2026-09-20")
    assert "3 score sheet(s) changed since they went" in changed.stdout
    assert len(handler.messages) == 6
    # --resend: one again on purpose, nobody else.
    year("mail", "sheets", SLUG, "--send", "--deadline", "2026-09-20",
         "--resend", "PEKKA@example.fi")  # fmt: skip
    assert len(handler.messages) == 7
    assert handler.messages[-1][1] == ["pekka@example.fi"]
    err = year.refused("mail", "sheets", SLUG, "--send", "--resend", "nobody@example.fi")
    assert "nobody@example.fi" in err
    audit = [e["action"] for e in year.json("log", SLUG, "--limit", "100")]
    assert audit.count("mail.sheet") == 7


def test_refused_recipient_is_one_failure_line_and_the_next_run_sends_only_it(
    year: Awards, server: tuple[Handler, int]
) -> None:
    handler, port = server
    smtp_settings(year, port)
    handler.refuse = {"pekka@example.fi"}
    result = year("mail", "sheets", SLUG, "--send", ok=False)
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("not sent")]
    assert failures == ["not sent to pekka@example.fi: refused: 550 5.1.1 No such user here"]
    assert result.stderr.splitlines()[-1].startswith("Error: 1 of 3 score sheet(s) not sent")
    assert sorted(m[1][0] for m in handler.messages) == ["liisa@example.fi", "maria@example.fi"]
    statuses = sorted((r["recipient"], r["status"]) for r in mail_log(year))
    assert statuses == [
        ("liisa@example.fi", "sent"),
        ("maria@example.fi", "sent"),
        ("pekka@example.fi", "failed"),
    ]
    handler.refuse = set()
    year("mail", "sheets", SLUG, "--send")
    assert [m[1] for m in handler.messages[2:]] == [["pekka@example.fi"]]


def test_dropped_connection_records_what_went_and_the_next_run_continues(
    year: Awards, server: tuple[Handler, int]
) -> None:
    handler, port = server
    smtp_settings(year, port)
    handler.drop_at = 1  # the second message's MAIL FROM finds the server gone
    result = year("mail", "sheets", SLUG, "--send", ok=False)
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("not sent")]
    assert len(failures) == 2  # the one in flight, and the one never tried
    assert "not tried after the connection was lost" in failures[1]
    assert "Sent 1 of 3" in result.stdout
    assert len(handler.messages) == 1
    first = handler.messages[0][1]
    handler.drop_at = None
    resumed = year("mail", "sheets", SLUG, "--send")
    assert "1 score sheet(s) already sent" in resumed.stdout
    assert "Sent 2 of 2" in resumed.stdout
    recipients = [m[1][0] for m in handler.messages]
    assert sorted(recipients) == sorted(e for _, e in JURORS)  # each once, none twice
    assert first[0] not in recipients[1:]


def test_server_down_or_untrusted_certificate_sends_and_records_nothing(
    year: Awards, server: tuple[Handler, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, port = server
    smtp_settings(year, _free_port())  # nobody listens there
    err = year.refused("mail", "sheets", SLUG, "--send")
    assert "nothing was sent" in err
    assert mail_log(year) == []
    smtp_settings(year, port)
    monkeypatch.delenv("AWARDS_SMTP_CAFILE")
    err = year.refused("mail", "sheets", SLUG, "--send")
    assert "certificate" in err and "not trusted" in err
    assert handler.messages == [] and mail_log(year) == []


def test_wrong_password_is_refused_and_never_shown(
    year: Awards, server: tuple[Handler, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, port = server
    smtp_settings(year, port)
    monkeypatch.setenv("AWARDS_SMTP_PASSWORD", "väärä-salasana")
    err = year.refused("mail", "sheets", SLUG, "--send")
    assert "refused the login" in err and "väärä" not in err
    assert handler.messages == [] and mail_log(year) == []
    log = (year.db.read_bytes(), year("log", "--limit", "50").stdout)
    assert b"v\xc3\xa4\xc3\xa4r\xc3\xa4" not in log[0] and "väärä" not in log[1]


def test_password_prompt_when_not_in_the_environment(
    year: Awards, server: tuple[Handler, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, port = server
    smtp_settings(year, port)
    monkeypatch.delenv("AWARDS_SMTP_PASSWORD")
    result = year("mail", "sheets", SLUG, "--send", input=PASSWORD + "\n")
    assert PASSWORD not in result.output  # hidden input
    assert len(handler.messages) == 3
    assert PASSWORD.encode() not in year.db.read_bytes()


# ---- drafts ------------------------------------------------------------------------------------


def test_drafts_are_unsent_eml_files_the_parser_reads_and_count_as_gone(
    year: Awards, server: tuple[Handler, int], tmp_path: Path
) -> None:
    handler, port = server
    out = tmp_path / "luonnokset"
    result = year("mail", "sheets", SLUG, "--out", out, "--format", "xlsx", "--lang", "en")
    assert "Wrote 3 score sheet draft(s)" in result.stdout
    files = sorted(p.name for p in out.iterdir())
    assert files == ["sheet-Liisa-Ääritalo.eml", "sheet-Maria-Åberg.eml", "sheet-Pekka-Pöllö.eml"]
    log = {row["recipient"]: row for row in mail_log(year)}
    for path in out.iterdir():
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        assert msg["X-Unsent"] == "1"
        (to,) = msg["To"].addresses
        assert path.name == f"sheet-{to.display_name.replace(' ', '-')}.eml"
        # No SMTP sender set: the organiser's contact address is the coordinator's.
        assert msg["From"].addresses[0].addr_spec == "maija@example.fi"
        assert msg["Reply-To"].addresses[0].addr_spec == "maija@example.fi"
        assert str(msg["Subject"]) == "Score sheet: Customer Advisor of the Year 2026, Esikarsinta"
        filename, data = attachment(msg)
        assert filename.endswith(".xlsx") and data[:2] == b"PK"
        assert hashlib.sha256(data).hexdigest() == log[to.addr_spec]["sha256"]
        assert log[to.addr_spec]["status"] == "written"
    # Drafts count as gone: neither a second draft run nor --send repeats them.
    assert "Nothing new to write" in year("mail", "sheets", SLUG, "--out", out,
                                          "--format", "xlsx", "--lang", "en").stdout  # fmt: skip
    smtp_settings(year, port)
    sent = year("mail", "sheets", SLUG, "--send", "--format", "xlsx", "--lang", "en")
    assert "3 score sheet(s) already written as drafts" in sent.stdout
    assert handler.messages == []


def test_dry_run_lists_recipients_and_changes_nothing(
    year: Awards, server: tuple[Handler, int], tmp_path: Path
) -> None:
    handler, port = server
    smtp_settings(year, port)
    before = year.snapshot()
    result = year("mail", "sheets", SLUG, "--send", "--dry-run")
    assert "Would send 3 score sheet(s)" in result.stdout
    assert (
        "Liisa Ääritalo <liisa@example.fi>: customer-advisor-2026-r1-Liisa-Ääritalo.docx (new)"
        in result.stdout
    )
    year("mail", "sheets", SLUG, "--dry-run", "--out", tmp_path / "m")
    assert handler.messages == []
    assert year.snapshot() == before
    assert not (tmp_path / "m").exists()


def test_out_and_send_together_is_bad_usage(year: Awards, tmp_path: Path) -> None:
    result = year("mail", "sheets", SLUG, "--send", "--out", tmp_path, ok=False)
    assert result.exit_code == 2


# ---- reminders ---------------------------------------------------------------------------------


def test_reminders_name_what_is_missing_and_skip_those_who_owe_nothing(
    year: Awards, server: tuple[Handler, int]
) -> None:
    handler, port = server
    smtp_settings(year, port)
    for n in (1, 2, 3):
        score_all(year, "liisa@example.fi", n)  # Liisa owes nothing
    score_all(year, "pekka@example.fi", 1)
    score_all(year, "pekka@example.fi", 2, ["encounter", "solutions"])  # half of candidate 2
    result = year("mail", "reminders", SLUG, "--send")
    assert "1 juror(s) owe nothing and get no reminder" in result.stdout
    assert sorted(m[1][0] for m in handler.messages) == ["maria@example.fi", "pekka@example.fi"]
    by_to = {msg["To"].addresses[0].addr_spec: msg for msg in handler.parsed()}
    pekka = body(by_to["pekka@example.fi"])
    assert "sinulta puuttuu vielä 2 ehdokkaan arvioinnit" in pekka
    assert (
        "- Jussi Korhonen, Sillankorva Telecom Oy "
        "(puuttuu: Asiakaspalaute, Työyhteisö, Kehittäminen)" in pekka
    )
    assert "- Åsa Öhman, Kuusiston Energia Oy\n" in pekka
    assert "Sini Mäkelä" not in pekka
    maria = body(by_to["maria@example.fi"])
    assert all(name in maria for name, _ in NOMINEES)
    assert str(by_to["maria@example.fi"]["Subject"]).startswith("Muistutus:")
    filename, _ = attachment(by_to["maria@example.fi"])
    assert filename == f"{SLUG}-r1-Maria-Åberg.docx"
    # The same debts: nobody is reminded twice. A juror who scored more gets the new list.
    again = year("mail", "reminders", SLUG, "--send")
    assert "2 reminder(s) already sent, unchanged" in again.stdout
    score_all(year, "pekka@example.fi", 2)
    year("mail", "reminders", SLUG, "--send")
    assert [m[1] for m in handler.messages[2:]] == [["pekka@example.fi"]]
    status = year("round", "status", SLUG).stdout
    assert "Mail: reminders 3 sent to 2 juror(s)" in status
    for n in (1, 2, 3):
        score_all(year, "maria@example.fi", n)
    score_all(year, "pekka@example.fi", 3)
    done = year("mail", "reminders", SLUG, "--send")
    assert "Nobody owes scores" in done.stdout and len(handler.messages) == 3


# ---- feedback ----------------------------------------------------------------------------------


def _decided(year: Awards) -> None:
    for _, email in JURORS:
        for n in (1, 2, 3):
            score_all(year, email, n)
    year("round", "close", SLUG)
    year("winner", "declare", SLUG, "--nomination", 3, "--citation", "Åsa on paras.")


def test_feedback_goes_to_each_candidates_own_address_only(
    year: Awards, server: tuple[Handler, int], tmp_path: Path
) -> None:
    handler, port = server
    smtp_settings(year, port)
    year("nomination", "set", 1, "--contact-email", "Sini.Makela@Example.fi")
    year("nomination", "set", 3, "--contact-email", "asa.ohman@example.fi")
    err = year.refused("mail", "feedback", SLUG, "--send")
    assert "no declared places" in err
    _decided(year)
    result = year("mail", "feedback", SLUG, "--send")
    assert "Skipped 1 of 3 candidate(s) without a contact address" in result.stderr
    assert "2 Jussi Korhonen" in result.stderr
    assert "--contact-email" in result.stdout  # the next step
    assert sorted(m[1][0] for m in handler.messages) == [
        "asa.ohman@example.fi",
        "sini.makela@example.fi",
    ]
    from docx import Document

    for msg in handler.parsed():
        (to,) = msg["To"].addresses
        name = {"sini.makela@example.fi": "Sini Mäkelä", "asa.ohman@example.fi": "Åsa Öhman"}[
            to.addr_spec
        ]
        assert to.display_name == name
        assert str(msg["Subject"]) == "Palaute: Vuoden Asiakasneuvoja 2026"
        filename, data = attachment(msg)
        assert filename == f"palaute-{SLUG}-{name.replace(' ', '-')}.docx"
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        assert name in text  # their own document
        others = {n for n, _ in NOMINEES} - {name}
        assert not any(f"\n{o}\n" in f"\n{text}\n" for o in others)
    # Jussi's address arrives: only he gets his now.
    year("nomination", "set", 2, "--contact-email", "jussi@example.fi")
    again = year("mail", "feedback", SLUG, "--send")
    assert "2 feedback document(s) already sent" in again.stdout
    assert handler.messages[-1][1] == ["jussi@example.fi"] and len(handler.messages) == 3
    # --no-rank changes the document: it counts as new, and the run says so.
    dry = year("mail", "feedback", SLUG, "--no-rank", "--dry-run")
    assert "3 feedback document(s) changed since they went" in dry.stdout
    assert len(handler.messages) == 3


def test_contact_email_is_validated_audited_and_read_from_a_form(
    awards: Awards, tmp_path: Path
) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Sini Mäkelä")
    before = awards.snapshot()
    err = awards.refused("nomination", "set", 1, "--contact-email", "not-an-address")
    assert "not an email address" in err
    assert awards.snapshot() == before
    awards("nomination", "set", 1, "--contact-email", "sini@example.fi")
    entry = awards.json("log", SLUG, "--limit", "1")[0]
    assert entry["action"] == "nomination.set"
    assert "sini@example.fi" in str(entry)
    form = tmp_path / "ehdotukset.csv"
    form.write_text(
        "Ehdokas;Organisaatio;Ehdokkaan sähköposti;Ehdottajan sähköposti\n"
        "Jussi Korhonen;Sillankorva Telecom Oy;jussi@example.fi;asiakas@example.fi\n",
        encoding="utf-8",
    )
    awards("nomination", "import", SLUG, form)
    other = tmp_path / "forms.csv"
    other.write_text(
        "Kenet ehdotat?,Mihin osoitteeseen palaute?\nÅsa Öhman,asa@example.fi\n", encoding="utf-8"
    )
    awards("nomination", "import", SLUG, other, "--map", "Kenet ehdotat?=nominee",
           "--map", "Mihin osoitteeseen palaute?=contact_email")  # fmt: skip
    conn = sqlite3.connect(awards.db)
    rows = conn.execute(
        "SELECT nominee, contact_email, nominator_email FROM nominations"
    ).fetchall()
    conn.close()
    assert rows == [
        ("Sini Mäkelä", "sini@example.fi", None),
        ("Jussi Korhonen", "jussi@example.fi", "asiakas@example.fi"),
        ("Åsa Öhman", "asa@example.fi", None),
    ]


def test_smtp_settings_are_validated_and_none_warns(awards: Awards) -> None:
    assert "port" in awards.refused("organizer", "set", "--smtp-port", "99999")
    assert "starttls" in awards.refused("organizer", "set", "--smtp-security", "ssl")
    assert "email" in awards.refused("organizer", "set", "--smtp-from", "maija")
    result = awards("organizer", "set", "--smtp-host", "relay.local", "--smtp-security", "none")
    assert "Warning" in result.stderr and "unencrypted" in result.stderr
    shown = awards.json("organizer", "show")
    assert shown["smtp_host"] == "relay.local" and shown["smtp_security"] == "none"
    assert "password" not in str(shown).casefold()


def test_security_none_never_sends_a_password(year: Awards, server: tuple[Handler, int]) -> None:
    handler, port = server
    smtp_settings(year, port, "--smtp-security", "none")
    err = year.refused("mail", "sheets", SLUG, "--send")
    assert "unencrypted" in err
    assert handler.logins == [] and mail_log(year) == []


def test_a_run_killed_while_sending_is_not_sent_again_blindly(
    year: Awards, server: tuple[Handler, int]
) -> None:
    handler, port = server
    smtp_settings(year, port)
    year("mail", "sheets", SLUG, "--send")
    # As a kill between the server's acceptance and the record would leave it.
    conn = sqlite3.connect(year.db)
    with conn:
        conn.execute("UPDATE mail_log SET status = 'sending' WHERE recipient = 'maria@example.fi'")
    conn.close()
    result = year("mail", "sheets", SLUG, "--send")
    assert "maria@example.fi was being sent when a run stopped" in result.stderr
    assert "--resend maria@example.fi" in result.stderr
    assert len(handler.messages) == 3
    year("mail", "sheets", SLUG, "--send", "--resend", "maria@example.fi")
    assert handler.messages[-1][1] == ["maria@example.fi"] and len(handler.messages) == 4


def test_the_delivery_rule_sends_each_document_once_to_each_address() -> None:
    """`plan_delivery`, the rule behind every `mail` command: what went (sent or written as a
    draft) does not go again unless it changed, its address changed or it is asked for; what
    a stopped run was sending is held, neither sent nor forgotten."""
    from typing import NamedTuple

    from awards.mailing import plan_delivery

    class Message(NamedTuple):
        whose: str
        content: str
        to_address: str

    def record(status: str, content: str, recipient: str, at: str) -> Any:
        return {"status": status, "content": content, "recipient": recipient, "at": at}

    history = {
        "same": [record("sent", "c1", "a@x.fi", "2026-10-01T09:00:00+00:00")],
        "drafted": [record("written", "c1", "b@x.fi", "2026-10-01T09:00:00+00:00")],
        "changed": [record("sent", "old", "c@x.fi", "2026-10-02T09:00:00+00:00")],
        "moved": [record("sent", "c1", "old@x.fi", "2026-10-03T09:00:00+00:00")],
        "stopped": [record("sending", "c1", "e@x.fi", "2026-10-04T09:00:00+00:00")],
        "failed": [record("failed", "c1", "f@x.fi", "2026-10-04T09:00:00+00:00")],
        "again": [record("sent", "c1", "g@x.fi", "2026-10-05T09:00:00+00:00")],
    }
    messages = [
        Message("same", "c1", "a@x.fi"),
        Message("drafted", "c1", "b@x.fi"),
        Message("changed", "c2", "c@x.fi"),
        Message("moved", "c1", "d@x.fi"),
        Message("stopped", "c1", "e@x.fi"),
        Message("failed", "c1", "f@x.fi"),
        Message("again", "c1", "g@x.fi"),
        Message("first", "c1", "h@x.fi"),
    ]
    plan = plan_delivery(messages, history, {"g@x.fi"})
    going = {g.message.whose: (g.reason, g.earlier and g.earlier["recipient"]) for g in plan.going}
    assert going == {
        "changed": ("changed", "c@x.fi"),
        "moved": ("new_address", "old@x.fi"),
        "failed": ("new", None),
        "again": ("resend", None),
        "first": ("new", None),
    }
    assert [h.message.whose for h in plan.already] == ["same", "drafted"]
    assert [h.message.whose for h in plan.uncertain] == ["stopped"]
