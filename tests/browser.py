"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright, offline."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@dataclass
class Watched:
    """A page with everything that went wrong on it."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium; fails loudly when Debian's chromium is not installed."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no chromium at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_offline(browser: Browser, url: str, wait_for: str = "body[data-rendered-flow='1']") -> Watched:
    """Open a URL in a fresh offline context, recording errors, failed requests and dialogs."""
    context = browser.new_context(
        offline=True, viewport={"width": 1400, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: watched.failed_requests.append(r.url))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    page.wait_for_selector(wait_for, timeout=30_000)
    return watched


def open_served(
    browser: Browser, base: str, path: str, wait_for: str = "body[data-rendered-flow='1']"
) -> Watched:
    """Open a page of a local server with every other address cut off: a request to any
    other host is aborted and recorded as failed, as it would fail on an offline machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watched = Watched(page)

    def only_the_server(route: Route) -> None:
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            watched.failed_requests.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_the_server)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
    page.goto(base + path)
    page.wait_for_selector(wait_for, timeout=30_000)
    return watched
