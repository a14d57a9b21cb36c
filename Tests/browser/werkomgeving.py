#!/usr/bin/env python3
"""End-to-end test of the werkomgeving in headless Chromium, with axe-core.

Usage (normally through werkomgeving.sh, which makes the project, the accounts and the server):
    werkomgeving.py --base http://127.0.0.1:PORT --passwords FILE [--steps 1,2,...] [--plant]

FILE is JSON {"beheer": ONE_TIME_PASSWORD, "red": ..., "anna": ...} for the accounts beheerder
`beheer`, redacteur `red` and auteur `anna` (assigned begroting-2019/7.2). Three browser sessions
(and a fourth without login) go through:

  1  beheer logs in with the one-time password, chooses a password, sets up TOTP, sees the page
     list, gebruikers and the auditlog; axe on each of those pages
  2  anna (auteur, no second factor) edits goal 7.2.2, saves, sees the history, offers it for review
  3  red opened the same page before anna saved: red's save gets the conflict page (409) with both
     versions, red's own text still in the form
  4  red approves anna's version, makes an export and publishes it; the public page shows anna's
     sentence and "met de export van"
  5  hostile input: markup typed in fields stays text, a form without its CSRF field is refused
     (403), anna gets 404 for gebruikers
  6  keyboard: the skip link is the first focusable element and moves focus to <main>

Steps depend on the ones before (1 is needed by 6, 2 by 3 and 4, ...). Each check prints an
OK/FAIL line; the last line is `werkomgeving: N passed, M failed`, exit status 1 if any failed.
--plant plants two faults (an unlabelled field on the login page before axe runs, a link before
the skip link on the page list) to show that the checks catch them: werkomgeving.sh --self-test uses it.

Reuses check_site.py: its Chromium/chromedriver setup (offline, DevTools network log) and its
axe-core injection (axe.min.js from the pinned venv).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import pathlib
import signal
import struct
import sys
import time
import traceback
from urllib.parse import urlsplit

from check_site import axe_problems, load_axe_js, make_driver, reflow, run_axe, short  # same folder

from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

W = "/werkomgeving"
GOAL = "content/begroting-2019/7-fysiek-domein/7-2-veiligheid/7-2-2-fysieke-veiligheid.md"
PUBLIC_GOAL = "/begroting-2019/doel/7-2-2-fysieke-veiligheid/"
PASSWORDS = {"beheer": "beheer kiest een lang wachtwoord", "red": "red kiest een lang wachtwoord",
             "anna": "anna kiest een lang wachtwoord", "ana": "ana kiest een lang wachtwoord"}
ANNA_SENTENCE = "Anna voegde deze zin toe in de browser."
RED_SENTENCE = "Red schreef tegelijk deze andere zin."
HOSTILE = "<script>alert('xss')</script><img src=x onerror=alert(2)>"
HOSTILE_COMMENT = '<b id="ingevoegd">Helder</b>'
WAIT = 60  # seconds for a page to load (a save builds the preview)
SECTION = "#veld-sectie-0-tekst"  # the editor's first section of Markdown


# ---------------------------------------------------------------------------------------------
# TOTP (RFC 6238, HMAC-SHA1, 30 s steps), checked against the RFC's own vectors before use
# ---------------------------------------------------------------------------------------------

def totp(secret_base32: str, at: float | None = None, digits: int = 6, step: int = 30) -> str:
    secret = "".join(secret_base32.split()).upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** digits:0{digits}d}"


RFC6238_SHA1 = [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
                (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130")]


def totp_vectors_problems() -> list[str]:
    secret = base64.b32encode(b"12345678901234567890").decode()
    return [f"T={t}: {totp(secret, t, digits=8)}, expected {want}"
            for t, want in RFC6238_SHA1 if totp(secret, t, digits=8) != want]


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------

class Results:
    def __init__(self) -> None:
        self.passed = self.failed = 0

    def check(self, step: int, name: str, problems: list[str] | str | None, summary: str = "") -> bool:
        """problems: None/empty = OK; a string or a list of lines = FAIL with those details."""
        if isinstance(problems, str):
            problems = [problems]
        ok = not problems
        self.passed += ok
        self.failed += not ok
        print(f"{'OK  ' if ok else 'FAIL'} {step} {name}{': ' + summary if summary else ''}", flush=True)
        for line in (problems or [])[:32]:
            print(f"    {line}", flush=True)
        return ok

    def expect(self, step: int, name: str, condition: bool, detail: str = "", summary: str = "") -> bool:
        return self.check(step, name, None if condition else (detail or "expectation not met"), summary)


# ---------------------------------------------------------------------------------------------
# One browser session
# ---------------------------------------------------------------------------------------------

class Browser:
    """A headless Chromium of its own (own cookies), for one person."""

    def __init__(self, who: str, base: str, axe_js: str):
        self.who, self.base, self.axe_js = who, base, axe_js
        self.d = make_driver()
        self.status: int | None = None

    def quit(self) -> None:
        try:
            self.d.quit()
        except WebDriverException:
            pass

    # -- navigation, with the HTTP status of the document from the DevTools network log ------

    def _document_status(self) -> int | None:
        """The status of the page's own document: the first document answered after the request
        (the preview frame of the editor loads a document of its own after it)."""
        status = None
        for entry in self.d.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.responseReceived" and msg["params"].get("type") == "Document" and status is None:
                status = msg["params"]["response"]["status"]
        return status

    def get(self, path: str) -> int | None:
        self.d.get_log("performance")  # drop the events of earlier pages
        self.d.get(self.base + path)
        self.status = self._document_status()
        return self.status

    def click(self, css: str) -> int | None:
        """Clicks a link or submit button, waits for the next document and returns its HTTP status."""
        self.d.get_log("performance")
        self.d.execute_script("window.zichtVorigePagina = true")  # gone with the next document
        self.find(css).click()
        # While the old document is torn down, chromedriver may answer with errors of its own
        # ("Node with given id does not belong to the document"): ask again until the new one is loaded.
        WebDriverWait(self.d, WAIT, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return !window.zichtVorigePagina && document.readyState === 'complete'"))
        self.status = self._document_status()
        return self.status

    # -- reading and typing -----------------------------------------------------------------

    @property
    def path(self) -> str:
        return urlsplit(self.d.current_url).path

    def find(self, css: str):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str = "main") -> str:
        found = self.all(css)
        return found[0].text if found else ""

    def value(self, css: str) -> str:
        return self.find(css).get_property("value")

    def type(self, css: str, text: str, clear: bool = True) -> None:
        field = self.find(css)
        if clear:
            field.clear()
        field.send_keys(text)

    def frame_text(self, css: str = "main") -> str:
        """The text of `css` in the preview frame beside the editor ('' while it loads)."""
        try:
            self.d.switch_to.frame(self.find("#concept-frame"))
            found = self.all(css)
            return found[0].text if found else ""
        except WebDriverException:
            return ""
        finally:
            self.d.switch_to.default_content()

    def wait_until(self, condition, seconds: float = 20) -> bool:
        """Whether `condition()` becomes true within `seconds` (asked every 0.2 s)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                if condition():
                    return True
            except WebDriverException:
                pass
            time.sleep(0.2)
        return False

    def alert(self) -> str | None:
        """The text of an open alert/confirm/prompt (which is then dismissed), or None."""
        try:
            alert = self.d.switch_to.alert
        except NoAlertPresentException:
            return None
        text = alert.text
        alert.dismiss()
        return text

    def axe(self) -> list[str]:
        return axe_problems(run_axe(self.d, self.axe_js))

    def where(self) -> str:
        return f"{self.who} at {self.path} (HTTP {self.status}): {short(self.text('body'), 240)}"


# ---------------------------------------------------------------------------------------------
# The test
# ---------------------------------------------------------------------------------------------

class WorkspaceTest:
    def __init__(self, base: str, one_time: dict[str, str], plant: bool):
        self.base, self.one_time, self.plant = base, one_time, plant
        self.r = Results()
        self.axe_js = load_axe_js()
        self.browsers: dict[str, Browser] = {}
        self.totp_secrets: dict[str, str] = {}

    def browser(self, who: str) -> Browser:
        if who not in self.browsers:
            self.browsers[who] = Browser(who, self.base, self.axe_js)
        return self.browsers[who]

    def close(self) -> None:
        for b in self.browsers.values():
            b.quit()

    def page_checks(self, step: int, b: Browser, page: str) -> bool:
        """axe-core (WCAG 2.1 A/AA) on the page as it is now, and reflow at 320 CSS px (WCAG 1.4.10)."""
        problems = b.axe()
        n = sum(1 for p in problems if not p.startswith(" "))
        ok = self.r.check(step, f"axe {page}", problems, f"{n} violation{'s' * (n != 1)} ({b.path})")
        _, narrow = reflow(b.d)
        return self.r.check(step, f"reflow {page}", narrow, "no horizontal scrolling at 320 px") and ok

    # -- logging in, as a person does it -----------------------------------------------------

    def log_in(self, step: int, who: str, with_axe: bool = False) -> Browser:
        b = self.browser(who)
        b.get(f"{W}/")
        self.r.expect(step, f"{who}: /werkomgeving/ sends to the login form",
                      b.path == f"{W}/inloggen" and b.status == 200 and b.find("h1").text == "Inloggen", b.where())
        if with_axe:
            if self.plant:  # a field without a label: axe must report it
                b.d.execute_script("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"geplant\">')")
            self.page_checks(step, b, "inloggen")
            # A wrong password first: refused with a message, the form comes back.
            b.type("#gebruikersnaam", who)
            b.type("#wachtwoord", "geen goed wachtwoord")
            b.click("main button[type=submit]")
            self.r.expect(step, f"{who}: a wrong password is refused (401, message)",
                          b.status == 401 and "onjuist" in b.text(".fout[role=alert]"), b.where())
        b.type("#gebruikersnaam", who)
        b.type("#wachtwoord", self.one_time[who])
        b.click("main button[type=submit]")
        self.r.expect(step, f"{who}: the one-time password leads to nieuw-wachtwoord",
                      b.path == f"{W}/nieuw-wachtwoord" and b.status == 200, b.where())
        if with_axe:
            self.page_checks(step, b, "nieuw-wachtwoord")
            b.type("#wachtwoord", PASSWORDS[who])
            b.type("#herhaling", PASSWORDS[who] + " anders")
            b.click("main button[type=submit]")
            self.r.expect(step, f"{who}: two different new passwords are refused (400)",
                          b.status == 400 and "niet gelijk" in b.text(".fout[role=alert]"), b.where())
        b.type("#wachtwoord", PASSWORDS[who])
        b.type("#herhaling", PASSWORDS[who])
        b.click("main button[type=submit]")
        if who == "anna":  # an auteur has no second factor
            self.r.expect(step, "anna: after the new password straight to the page list (no second factor)",
                          b.path == f"{W}/" and b.status == 200 and b.find("h1").text == "Pagina's", b.where())
            return b
        self.r.expect(step, f"{who}: after the new password the second factor is set up",
                      b.path == f"{W}/tweede-factor" and "Tweede factor instellen" in b.text(), b.where())
        secret = b.text("p.sleutel code").strip()
        self.r.expect(step, f"{who}: the setup page shows a base32 secret",
                      len(secret) >= 16 and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), repr(secret))
        self.totp_secrets[who] = secret
        if with_axe:
            self.page_checks(step, b, "tweede-factor")
            # A code of an hour ago is not accepted.
            b.type("#code", totp(secret, time.time() - 3600))
            b.click("main button[type=submit]")
            self.r.expect(step, f"{who}: a wrong TOTP code is refused (401)",
                          b.status == 401 and "klopt niet" in b.text(".fout[role=alert]"), b.where())
        b.type("#code", totp(secret))
        b.click("main button[type=submit]")
        self.r.expect(step, f"{who}: the TOTP code opens the page list",
                      b.path == f"{W}/" and b.status == 200 and b.find("h1").text == "Pagina's", b.where())
        return b

    # -- the steps -----------------------------------------------------------------------------

    def step1(self) -> None:
        b = self.log_in(1, "beheer", with_axe=True)
        rows = b.all("main table tbody tr")
        self.r.expect(1, "page list: every page in a row, the account in the header",
                      len(rows) > 20 and "Ingelogd als" in b.text("header"), f"{len(rows)} rows; {b.where()}")
        self.page_checks(1, b, "page list")
        b.click("header nav a[href$='/gebruikers']")
        users = b.text("main table")
        self.r.expect(1, "gebruikers lists beheer, red and anna (with her assignment)",
                      b.status == 200 and all(u in users for u in ("beheer", "red", "anna", "begroting-2019/7.2")),
                      b.where())
        self.page_checks(1, b, "gebruikers")
        b.click("header nav a[href$='/auditlog']")
        rows = [r.text for r in b.all("main table tbody tr")]
        steps = [any(" beheer " in r and all(w in r.split() for w in words) for r in rows)
                 for words in (("login", "denied"), ("password.change", "success"), ("login.second-factor", "success"))]
        self.r.expect(1, "auditlog: the chain is intact, beheer's wrong password, new password and TOTP are there",
                      "ongeschonden" in b.text(".gelukt") and all(steps), f"{steps}; {b.where()}")
        self.page_checks(1, b, "auditlog")

    def step2(self) -> None:
        anna = self.log_in(2, "anna")
        edits = [a.get_attribute("href") for a in anna.all("main a[href*='bewerken?bestand=']")]
        self.r.expect(2, "anna may edit exactly the five pages under her assignment 7.2",
                      len(edits) == 5 and all("7-2-veiligheid/" in e for e in edits), "\n".join(edits))
        anna.click(f"main a[href$='bewerken?bestand={GOAL}']")
        self.r.expect(2, "anna opens the editor of goal 7.2.2",
                      anna.status == 200 and anna.find("h1").text == "Bewerken: 7.2.2 Fysieke veiligheid", anna.where())
        # Step 3 needs red to have the same page open, at version 1, before anna saves.
        red = self.log_in(3, "red")
        red.get(f"{W}/bewerken?bestand={GOAL}")
        self.r.expect(3, "red opens the same page before anna saves (version 1)",
                      red.status == 200 and red.value("input[name=basis]") == "1", red.where())

        self.r.expect(2, "the editor is a form: title, subtitle, kaders and portefeuillehouder as fields",
                      anna.value("#veld-titel") == "Fysieke veiligheid" and anna.value("#veld-ph-naam") != ""
                      and anna.value("#kader-0-titel") != "" and anna.all(SECTION), anna.where())
        self.page_checks(2, anna, "editor (form)")
        # While typing, the server checks the draft: a kader to a page that does not exist is marked
        # at the kaders, before anything is saved.
        anna.type("#kader-2-titel", "Bestaat niet")
        anna.type("#kader-2-doel", "9.9.9")
        marked = anna.wait_until(lambda: anna.all("#veld-kaders[aria-invalid=true]") and "9.9.9" in anna.text(".veldfout.live"))
        self.r.expect(2, "live check: the missing page is named at the kaders, before saving", marked,
                      f"{anna.text('#concept-status')}; {anna.where()}")
        self.page_checks(2, anna, "editor with a problem at a field")
        anna.find("#kader-2-titel").clear()
        anna.find("#kader-2-doel").clear()
        area = anna.find(SECTION)
        area.send_keys(Keys.CONTROL, Keys.END)
        area.send_keys(Keys.ENTER, Keys.ENTER, ANNA_SENTENCE)
        shown = anna.wait_until(lambda: ANNA_SENTENCE in anna.frame_text() and not anna.all(".veldfout.live"))
        self.r.expect(2, "live preview: the frame shows anna's sentence as the site will, before she saves",
                      shown, f"{anna.text('#concept-status')}; frame: {short(anna.frame_text(), 200)}")
        if os.environ.get("WERKOMGEVING_SCREENSHOTS"):  # a folder: how the editor looks, for people
            anna.d.save_screenshot(os.path.join(os.environ["WERKOMGEVING_SCREENSHOTS"], "editor.png"))
        anna.click("form[action$='/bewerken'] button[type=submit]")
        self.r.expect(2, "anna's save succeeds with a message",
                      anna.status == 200 and "Opgeslagen als versie 2" in anna.text(".gelukt[role=status]")
                      and ANNA_SENTENCE in anna.value(SECTION), anna.where())
        self.page_checks(2, anna, "editor (after saving)")
        anna.click("main a[href*='geschiedenis?bestand=']")
        newest = anna.text("main table tbody tr")
        self.r.expect(2, "history: version 2 by anna on top",
                      anna.status == 200 and newest.startswith("Versie 2") and "anna" in newest, anna.where())
        self.page_checks(2, anna, "history")
        anna.click("main table tbody tr a")
        self.r.expect(2, "history: version 2 shows anna's sentence", ANNA_SENTENCE in anna.text("pre.versie"),
                      anna.where())
        anna.get(f"{W}/bewerken?bestand={GOAL}")
        self.r.expect(2, "an auteur is not offered 'Goedkeuren'",
                      "Goedkeuren" not in anna.text("section[aria-labelledby=review]"), anna.where())
        anna.click("input[name=stap][value=submit] ~ p button")
        self.r.expect(2, "anna offers version 2 for review",
                      anna.status == 200 and "Versie 2 is nu: Ter review." in anna.text(".gelukt"), anna.where())

    def step3(self) -> None:
        red = self.browsers["red"]
        area = red.find(SECTION)
        area.send_keys(Keys.CONTROL, Keys.END)
        area.send_keys(Keys.ENTER, Keys.ENTER, RED_SENTENCE)
        red.click("form[action$='/bewerken'] button[type=submit]")
        self.r.expect(3, "red's save gets the conflict page (409) naming anna's version 2",
                      red.status == 409 and "anna heeft deze pagina opgeslagen (versie 2)" in red.text(".fout[role=alert]"),
                      red.where())
        self.r.expect(3, "the conflict page shows anna's version", ANNA_SENTENCE in red.text("pre.versie"), red.where())
        mine = red.value(SECTION)
        self.r.expect(3, "nothing lost: red's text is still in the textarea, saving again starts from version 2",
                      RED_SENTENCE in mine and ANNA_SENTENCE not in mine and red.value("input[name=basis]") == "2",
                      short(mine[-200:], 200))
        self.page_checks(3, red, "conflict page")

    def step4(self) -> None:
        red = self.browsers["red"]
        red.get(f"{W}/bewerken?bestand={GOAL}")
        self.r.expect(4, "red sees anna's version 2 ter review",
                      ANNA_SENTENCE in red.value(SECTION) and "Ter review" in red.text("section[aria-labelledby=review]"),
                      red.where())
        red.type("#opmerking-approve", HOSTILE_COMMENT)
        red.click("input[name=stap][value=approve] ~ p button")
        self.r.expect(4, "red approves version 2",
                      red.status == 200 and "Versie 2 is nu: Goedgekeurd." in red.text(".gelukt"), red.where())
        self.r.expect(5, "markup in a review comment is shown as text",
                      HOSTILE_COMMENT in red.text("section[aria-labelledby=review]") and not red.all("#ingevoegd"),
                      red.where())
        red.click("header nav a[href$='/publicatie']")
        red.click("form[action$='/export'] button")
        self.r.expect(4, "red makes an export", red.status == 200 and "Export 1 is gemaakt" in red.text(".gelukt"),
                      red.where())
        red.click("form[action$='/publiceren'] button")
        self.r.expect(4, "red publishes export 1",
                      red.status == 200 and "Export 1 staat online" in red.text(".gelukt")
                      and "(staat nu online)" in red.text("main table tbody tr"), red.where())
        self.page_checks(4, red, "publicatie")
        visitor = self.browser("bezoeker")
        visitor.get(PUBLIC_GOAL)
        self.r.expect(4, "the public page shows anna's sentence",
                      visitor.status == 200 and ANNA_SENTENCE in visitor.text("main"), visitor.where())
        footer = visitor.text("footer")
        self.r.expect(4, "the public footer says 'met de export van'", "met de export van" in footer, short(footer, 300))
        self.page_checks(4, visitor, "public goal page after publishing")

    def step5(self) -> None:
        beheer = self.browsers["beheer"]
        beheer.get(f"{W}/gebruikers")
        beheer.type("#gebruikersnaam", "mallory")
        beheer.type("#naam", HOSTILE)
        beheer.find("#rol-lezer").click()
        beheer.click("form[action$='/gebruikers'] button[type=submit]")
        self.r.expect(5, "beheer creates an account whose name is markup",
                      beheer.status == 200 and "Account mallory gemaakt" in beheer.text(".gelukt"), beheer.where())
        alert = beheer.alert()
        cells = [td.text for td in beheer.all("main table tbody td")]
        injected = beheer.d.execute_script("return document.querySelectorAll('main script, main img').length")
        self.r.expect(5, "the name is shown as text: no alert, no injected element",
                      alert is None and HOSTILE in cells and injected == 0,
                      f"alert {alert!r}, injected elements {injected}, name cell found: {HOSTILE in cells}")

        anna = self.browsers["anna"]
        anna.get(f"{W}/gebruikers")
        self.r.expect(5, "anna gets 404 for gebruikers", anna.status == 404 and "Niet gevonden" in anna.d.title,
                      anna.where())
        anna.get(f"{W}/bewerken?bestand={GOAL}")
        anna.d.execute_script("document.querySelector(\"form[action$='/bewerken'] input[name=csrf]\").remove()")
        area = anna.find(SECTION)
        area.send_keys(Keys.CONTROL, Keys.END)  # the modifier is released at the end of each call
        area.send_keys(Keys.ENTER, "Zonder CSRF-veld.")
        anna.click("form[action$='/bewerken'] button[type=submit]")
        self.r.expect(5, "a save without its CSRF field is refused (403)",
                      anna.status == 403 and "Formulier verlopen" in anna.d.title, anna.where())
        anna.get(f"{W}/geschiedenis?bestand={GOAL}")
        self.r.expect(5, "and nothing was saved (version 2 is still the newest)",
                      anna.text("main table tbody tr").startswith("Versie 2"), anna.where())

        stranger = self.browser("bezoeker")
        stranger.get(f"{W}/inloggen")
        stranger.d.execute_script("document.querySelector('input[name=csrf]').remove()")
        stranger.type("#gebruikersnaam", "anna")
        stranger.type("#wachtwoord", PASSWORDS["anna"])
        stranger.click("main button[type=submit]")
        self.r.expect(5, "a login without its CSRF field is refused (403), not logged in",
                      stranger.status == 403 and stranger.path == f"{W}/inloggen" and "verlopen" in stranger.text(".fout"),
                      stranger.where())

    def step7(self) -> None:
        ana = self.log_in(7, "ana")
        ana.click("header nav a[href$='/analyse']")
        captions = [c.text for c in ana.all("main table caption")]
        self.r.expect(7, "the analyst's room: prevention list, hot-spot cells, Knox table and evaluation details",
                      ana.status == 200 and any(c.startswith("Preventielijst") for c in captions)
                      and any(c.startswith("Significante cellen") for c in captions) and "Knox-tabel" in captions
                      and any(c.startswith("Alle schattingen") for c in captions), f"{captions}; {ana.where()}")
        self.page_checks(7, ana, "analyse")
        red = self.browsers.get("red") or self.log_in(7, "red")
        red.get(f"{W}/analyse")
        self.r.expect(7, "a redacteur gets 404 for the analyst's room", red.status == 404, red.where())

    def skip_link(self, b: Browser, page: str) -> None:
        if self.plant and page == "page list":  # a link before the skip link: no longer the first stop
            b.d.execute_script("document.body.insertAdjacentHTML('afterbegin', '<a href=\"#\">geplant</a>')")
        ActionChains(b.d).send_keys(Keys.TAB).perform()
        first = b.d.execute_script(
            "const e = document.activeElement, r = e.getBoundingClientRect();"
            "return {cls: e.className, text: e.textContent.trim(), left: r.left, top: r.top, w: r.width};")
        self.r.expect(6, f"{page}: Tab first focuses the skip link, visible in the viewport",
                      first["cls"] == "naar-inhoud" and first["text"] == "Naar de inhoud"
                      and first["left"] >= 0 and first["top"] >= 0 and first["w"] > 0, repr(first))
        ActionChains(b.d).send_keys(Keys.ENTER).perform()
        focused = b.d.execute_script("return document.activeElement.localName + '#' + document.activeElement.id")
        self.r.expect(6, f"{page}: Enter on the skip link moves focus to <main>", focused == "main#inhoud",
                      f"focus on {focused}")

    def step6(self) -> None:
        stranger = self.browser("bezoeker")
        stranger.get(f"{W}/inloggen")
        self.skip_link(stranger, "inloggen")
        ActionChains(stranger.d).send_keys(Keys.TAB).perform()
        focused = stranger.d.execute_script("return document.activeElement.id")
        self.r.expect(6, "inloggen: the next Tab goes to the username field", focused == "gebruikersnaam",
                      f"focus on #{focused}")
        beheer = self.browsers["beheer"]
        beheer.get(f"{W}/")
        self.skip_link(beheer, "page list")

    def run(self, steps: list[int]) -> int:
        t0 = time.monotonic()
        self.r.check(0, "TOTP code against the RFC 6238 vectors", totp_vectors_problems())
        try:
            for n in steps:
                t = time.monotonic()
                try:
                    getattr(self, f"step{n}")()
                except Exception as e:  # noqa: BLE001 - any error in a step is a failed check, the run goes on
                    where = ""
                    for b in self.browsers.values():
                        try:
                            where += f"\n{b.where()}"
                        except WebDriverException:
                            pass
                    frames = [f"  {f.name} line {f.lineno}: {f.line}" for f in traceback.extract_tb(e.__traceback__)
                              if f.filename == __file__]
                    self.r.check(n, "step ran to the end",
                                 [f"{type(e).__name__}: {short(getattr(e, 'msg', None) or str(e), 300)}"]
                                 + frames + where.splitlines())
                print(f"     step {n}: {time.monotonic() - t:.1f}s", flush=True)
        finally:
            self.close()
        print(f"werkomgeving: {time.monotonic() - t0:.1f}s in the browser")
        print(f"werkomgeving: {self.r.passed} passed, {self.r.failed} failed")
        return 1 if self.r.failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8080")
    ap.add_argument("--passwords", required=True, type=pathlib.Path, help="JSON file: username -> one-time password")
    ap.add_argument("--steps", default="1,2,3,4,5,6,7", help="comma-separated steps to run (default: all)")
    ap.add_argument("--plant", action="store_true", help="plant two faults that the checks must catch")
    args = ap.parse_args(argv)
    steps = [int(s) for s in args.steps.split(",") if s.strip()]
    if 3 in steps and 2 not in steps:
        ap.error("step 3 runs inside step 2 (red must open the page before anna saves)")
    one_time = json.loads(args.passwords.read_text())
    # Stopped from outside (werkomgeving.sh, timeout): end through `finally`, which closes the browsers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return WorkspaceTest(args.base.rstrip("/"), one_time, args.plant).run(steps)


if __name__ == "__main__":
    sys.exit(main())
