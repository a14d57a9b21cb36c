"""Logs into `zicht server` through a real OpenID Connect provider in headless Chromium.

The provider (django-oauth-toolkit, started by run.sh) is at http://127.0.0.1:PORT and the werkomgeving
at http://localhost:ZPORT: two different sites, as in a municipality (login.gemeente.nl and
zicht.gemeente.nl). That matters: the werkomgeving's session cookie is SameSite=Strict, and a browser
does not send it along a redirect that the provider's site started; the callback therefore answers
with a page that refreshes to the werkomgeving, a navigation of its own site. This script proves
that a person really ends up logged in, with the role their group gives, and that a person without
a mapped group does not.

Usage (run.sh calls it): browser.py --base http://localhost:ZPORT --password PASSWORD
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

WAIT = 60


def make_driver() -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=nl-NL",
                "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                # Offline: only the two loopback sites resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    driver.set_page_load_timeout(WAIT)
    return driver


def wait_until(condition, seconds: float = WAIT) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return True
        except WebDriverException:
            pass
        time.sleep(0.2)
    return False


def text(d: webdriver.Chrome, css: str) -> str:
    found = d.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found else ""


def log_in(d: webdriver.Chrome, base: str, username: str, password: str) -> list[str]:
    """Walks the login as a person does: Zicht's button, the provider's form, its consent page."""
    steps = []
    d.get(f"{base}/werkomgeving/inloggen")
    d.find_element(By.CSS_SELECTOR, "a[href$='/werkomgeving/inloggen/oidc/start']").click()
    if not wait_until(lambda: d.find_elements(By.NAME, "username")):
        return [f"the provider's login form did not appear: {d.current_url}"]
    steps.append(f"provider login form at {urlsplit(d.current_url).netloc}")
    d.find_element(By.NAME, "username").send_keys(username)
    d.find_element(By.NAME, "password").send_keys(password)
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # The consent page (skip_authorization is off at the provider).
    if wait_until(lambda: d.find_elements(By.CSS_SELECTOR, "input[name=allow]"), 20):
        steps.append("consent page")
        d.find_element(By.CSS_SELECTOR, "input[name=allow]").click()
    return steps


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--password", required=True)
    args = ap.parse_args()
    base = args.base.rstrip("/")
    problems: list[str] = []

    d = make_driver()
    try:
        steps = log_in(d, base, "redactie", args.password)
        arrived = wait_until(lambda: urlsplit(d.current_url).path == "/werkomgeving/" and text(d, "main h1") == "Pagina's")
        who = text(d, "header .wie")
        if not arrived:
            problems.append(f"redactie did not reach the page list: {d.current_url}: {text(d, 'body')[:300]}")
        elif "Riet Dactie" not in who or "Redacteur" not in who:
            problems.append(f"redactie is logged in with the wrong name or role: {who!r}")
        cookies = {c["name"]: c for c in d.get_cookies()}
        session = cookies.get("zicht_sessie")
        if not session or session.get("sameSite") != "Strict" or not session.get("httpOnly"):
            problems.append(f"the session cookie is not HttpOnly and SameSite=Strict: {session}")
        if urlsplit(base).hostname == "127.0.0.1":
            problems.append("the werkomgeving must be another site than the provider (127.0.0.1) for this test")
        print(f"oidc browser: redactie: {' → '.join(steps + ['werkomgeving'])}; {who}")
    finally:
        d.quit()

    d = make_driver()
    try:
        log_in(d, base, "buitenstaander", args.password)
        refused = wait_until(lambda: "niet gelukt" in text(d, "main"), 30)
        if not refused or d.get_cookie("zicht_sessie"):
            problems.append(f"buitenstaander (no mapped group) was not refused: {d.current_url}: {text(d, 'main')[:200]}")
        else:
            print("oidc browser: buitenstaander refused at the login form")
    finally:
        d.quit()

    for problem in problems:
        print(f"oidc browser: FAIL {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
