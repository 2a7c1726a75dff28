"""Headless Chromium for the site tests: Debian's `chromium` and `chromium-driver` driven by Selenium,
a local web server on 127.0.0.1 for the built site, and axe-core (npm, installed by .ci/run into
tests/browser/node_modules) injected into each page."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1200,1000",
]


def missing() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return "chromium and chromium-driver are not installed (.ci/run installs them)"
    if not AXE.is_file():
        return f"axe-core is not installed in {HERE} (.ci/run runs npm install there)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


class Server:
    """The built site over HTTP on 127.0.0.1 (Pagefind loads its index with fetch, as on GitHub Pages)."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Browser:
    """One headless Chromium with its own profile; console messages are kept for the tests to read."""

    def __init__(self, javascript: bool = True):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="finalacts-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = shutil.which("chromium")
        for f in FLAGS + [f"--user-data-dir={self.profile}"]:
            opts.add_argument(f)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        if not javascript:
            opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        self.driver = webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver")))
        self.driver.set_page_load_timeout(60)
        self.console: list[dict] = []

    def close(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def collect(self) -> list[dict]:
        """Console messages since the last call (severe ones are errors)."""
        got = self.driver.get_log("browser")
        self.console += got
        return got

    def errors(self) -> list[str]:
        self.collect()
        return [m["message"] for m in self.console if m.get("level") == "SEVERE"]

    def axe(self) -> list[dict]:
        """axe-core's violations on the current page."""
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
            ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
        )
        return result

    def screenshot(self, path: Path, max_height: int = 2400) -> Path:
        """A PNG of the page from its top, up to `max_height` pixels (the window is stretched first)."""
        height = self.driver.execute_script(f"return Math.min(document.documentElement.scrollHeight, {max_height})")
        self.driver.set_window_size(1200, max(800, int(height)))
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(1200, 1000)
        return path
