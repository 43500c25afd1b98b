"""Scale-out proof: two app processes behind Debian's nginx (HTTPS, sticky sessions), on loopback.

    python -m bench.scaleout            (make bench runs it too)

1. `python -m engine validate` first, as a deployment must (a broken bundle stops here);
2. starts two `streamlit run app.py` processes and waits for /_stcore/health on each;
3. makes a self-signed certificate (openssl), writes deploy/nginx.conf.template into a
   temp folder and runs nginx in the foreground (`nginx -p <tmp> -c <tmp>/nginx.conf`,
   `daemon off;`); checks the hardening: plain HTTP redirects to HTTPS, HSTS and the
   security headers on every answer, no nginx version, /_stcore/metrics closed;
4. runs several Chromium sessions at once through nginx, each with its own answers
   (a different country), and checks each reaches its results with its own answers
   (its country on the review page, its country's crisis line on the results page), and
   no page reports a Content-Security-Policy violation (Streamlit works behind the headers);
5. checks stickiness: with every session still open, counts the websockets each app
   process holds (psutil) against the route cookies the browsers hold, and checks in
   nginx's access log that every request carrying a route cookie went to that process;
6. failover: stops process 1 and checks a browser routed to it is served by process 2
   (a new session: Streamlit sessions live in one process) and gets a new cookie;
7. stops everything it started (process groups), also on failure.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import APP, ROOT, free_port, log, start_server, stop_process, stop_server

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = os.environ.get("TRD_NGINX", "/usr/sbin/nginx")
COOKIE = "trd_route"
COUNTRIES = ("uk", "us", "ca", "au", "nz", "ie")
OUT = ROOT / "bench" / "out"


SECURITY_HEADERS = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                    "Content-Security-Policy", "X-Frame-Options")


def make_certificate(prefix: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day, made at run time (never committed)."""
    cert, key = prefix / "cert.pem", prefix / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def render_config(prefix: Path, listen: str, backends: list[str], listen_http: str = "127.0.0.1:8081",
                  cert: Path | None = None, key: Path | None = None) -> str:
    text = TEMPLATE.read_text(encoding="utf-8")
    values = {"TRD_PREFIX": str(prefix), "TRD_LISTEN": listen, "TRD_LISTEN_HTTP": listen_http,
              "TRD_PUBLIC_ORIGIN": f"https://{listen}", "TRD_CERT": str(cert or prefix / "cert.pem"),
              "TRD_KEY": str(key or prefix / "key.pem"),
              "TRD_BACKEND_1": backends[0], "TRD_BACKEND_2": backends[1]}
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    return text


def start_nginx(prefix: Path, conf: Path, port: int, timeout: float = 15) -> subprocess.Popen:
    test = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                          capture_output=True, text=True, timeout=30)
    if test.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stdout.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.05)
    stop_process(process)
    raise RuntimeError("nginx did not start listening")


def http_get(port: int, path: str, cookie: str | None = None) -> tuple[int, str, str | None]:
    status, body, headers = https_request(port, path, cookie)
    return status, body, headers.get("Set-Cookie")


def https_request(port: int, path: str, cookie: str | None = None, tls: bool = True) -> tuple[int, str, dict]:
    """GET over HTTPS (the self-signed certificate is not verified) or plain HTTP; status, body, headers."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        conn: http.client.HTTPConnection = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace"), dict(response.getheaders())
    finally:
        conn.close()


def hardening_checks(port: int, http_port: int) -> dict:
    """What the TLS recipe promises, read from real answers of nginx and the app behind it."""
    status, _, page = https_request(port, "/")
    _, _, missing = https_request(port, "/no-such-page-here")
    metrics_status, metrics_body, _ = https_request(port, "/_stcore/metrics")
    redirect_status, _, redirect = https_request(http_port, "/some/path?x=1", tls=False)
    cookie = page.get("Set-Cookie", "")
    return {
        "page_status": status,
        "http_redirects_to_https": redirect_status == 301
        and redirect.get("Location") == f"https://127.0.0.1:{port}/some/path?x=1",
        "security_headers_on_page": all(name in page for name in SECURITY_HEADERS),
        "security_headers_on_errors": all(name in missing for name in SECURITY_HEADERS),
        "hsts": page.get("Strict-Transport-Security", "").startswith("max-age=31536000"),
        "no_server_version": page.get("Server", "") == "nginx",
        "metrics_closed": metrics_status == 404 and "session" not in metrics_body,
        "route_cookie_secure_httponly": all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Lax")),
    }


def websockets_held(pid: int, port: int) -> int:
    """Established connections to the app's port: nginx closes plain requests, so these are websockets."""
    import psutil

    return sum(1 for c in psutil.Process(pid).net_connections(kind="tcp")
               if c.laddr and c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED)


def session_spec(spec: dict, country: str, bundle) -> dict:
    """The recorded walk with this person's country chosen instead."""
    codes = list(bundle.question_by_id["region"].codes)
    actions = []
    for action in spec["actions"]:
        action = dict(action)
        if action["key"] == "w__region":
            action["value"], action["index"] = country, codes.index(country)
        actions.append(action)
    return {**spec, "actions": actions}


async def person(browser, url: str, spec: dict, country: str, bundle, delay: float) -> dict:
    from bench.browser_bench import WAIT_PAINT, _click_and_time, init_script
    from bench.common import VIEWPORT
    from bench.spec import Action

    await asyncio.sleep(delay)
    result = {"country": country, "ok": False, "error": None, "route": None, "csp_violations": []}
    context = await browser.new_context(viewport=VIEWPORT, ignore_https_errors=True)  # self-signed
    result["context"] = context
    try:
        await context.add_init_script(init_script(spec))
        page = await context.new_page()
        page.on("console", lambda message: result["csp_violations"].append(message.text[:200])
                if "Content Security Policy" in message.text else None)
        await page.goto(url, timeout=30_000)
        await page.wait_for_function(WAIT_PAINT, timeout=30_000, polling=50)
        region = bundle.regions[country]
        label = bundle.question_by_id["region"].label_for(country)
        for index, raw in enumerate(spec["actions"]):
            await _click_and_time(page, spec["screens"][index + 1], Action(**raw))
            title = spec["screens"][index + 1]["title"]
            text = await page.evaluate("() => document.body.innerText")
            if title == "Check your answers" and f"{label}" not in text:
                raise RuntimeError(f"review page does not show this person's country {label!r}")
        text = await page.evaluate("() => document.body.innerText")
        if region.lines[0].contact not in text:
            raise RuntimeError(f"results page lacks {country}'s crisis line {region.lines[0].contact!r}")
        others = [bundle.question_by_id["region"].label_for(c) for c in COUNTRIES if c != country]
        result["route"] = next((c["value"] for c in await context.cookies() if c["name"] == COOKIE), None)
        result["ok"] = result["route"] in ("1", "2")
        if not result["ok"]:
            result["error"] = f"no {COOKIE} cookie"
        result["other_countries_on_page"] = [o for o in others if f"Where you live: {o}" in text]
    except Exception as error:  # noqa: BLE001 - reported, and fails the proof
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return result


async def _sessions(url: str, spec: dict, bundle, backends: list, count: int) -> tuple[list[dict], dict]:
    from playwright.async_api import async_playwright

    from bench.browser_bench import launch

    async with async_playwright() as pw:
        browser = await launch(pw)
        try:
            people = await asyncio.gather(*[
                person(browser, url, session_spec(spec, COUNTRIES[i % len(COUNTRIES)], bundle),
                       COUNTRIES[i % len(COUNTRIES)], bundle, 0.4 * i) for i in range(count)])
            await asyncio.sleep(0.5)
            held = {str(i + 1): websockets_held(b.pid, b.port) for i, b in enumerate(backends)}
            for p in people:
                await p.pop("context").close()
        finally:
            await browser.close()
    return people, held


def check_log(access_log: Path, backends: list[str]) -> dict:
    by_route = {"1": backends[0], "2": backends[1]}
    lines = access_log.read_text(encoding="utf-8", errors="replace").splitlines()
    wrong, routed, per_backend, websockets = [], 0, {"1": 0, "2": 0}, {"1": 0, "2": 0}
    for line in lines:
        m = re.search(r'"(\S+) (\S+) [^"]*" (\d+) route_cookie=(\S*) pool=(\S*) upstream=(\S*)', line)
        if not m:
            continue
        path, cookie, upstream = m.group(2), m.group(4), m.group(6)
        for number, address in by_route.items():
            if upstream.endswith(address):
                per_backend[number] += 1
                if path.startswith("/_stcore/stream"):
                    websockets[number] += 1
        if cookie in by_route:
            routed += 1
            if not upstream.endswith(by_route[cookie]):
                wrong.append(line)
    return {"requests": len(lines), "with_route_cookie": routed, "off_route": len(wrong),
            "off_route_examples": wrong[:3], "requests_per_process": per_backend,
            "websockets_per_process_in_log": websockets}


def run(spec: dict | None = None, sessions: int = 6) -> dict:
    from engine.bundle import load_bundle

    bundle = load_bundle()
    if spec is None:
        from bench.spec import record_walk
        spec = record_walk(bundle, required_only=True)
    result: dict = {"ok": False, "sessions": sessions, "checks": {}}
    started = time.perf_counter()
    if not (Path(NGINX).exists() or shutil.which(NGINX)):
        result["error"] = (f"nginx not found at {NGINX}: install Debian's package (apt-get install -y nginx) "
                           "or set TRD_NGINX")
        return result
    validate = subprocess.run([sys.executable, "-m", "engine", "validate"], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
    result["checks"]["startup_validation"] = validate.returncode == 0
    if validate.returncode != 0:
        result["error"] = f"python -m engine validate failed:\n{validate.stdout}{validate.stderr}"
        return result
    prefix = Path(tempfile.mkdtemp(prefix="trd-scaleout-"))
    backends, nginx = [], None
    try:
        os.chmod(prefix, 0o755)  # nginx workers may run as another user
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / sub).mkdir(mode=0o777)
            os.chmod(prefix / sub, 0o777)
        for number in (1, 2):
            backends.append(start_server(f"app-{number}", APP))
        addresses = [f"127.0.0.1:{b.port}" for b in backends]
        port = free_port()
        http_port = next(p for p in iter(free_port, None) if p != port)
        cert, key = make_certificate(prefix)
        conf = prefix / "nginx.conf"
        conf.write_text(render_config(prefix, f"127.0.0.1:{port}", addresses, f"127.0.0.1:{http_port}", cert, key),
                        encoding="utf-8")
        nginx = start_nginx(prefix, conf, port)
        status, body, _ = http_get(port, "/_stcore/health")
        result["checks"]["health_through_nginx"] = status == 200 and body.strip() == "ok"
        result["hardening"] = hardening_checks(port, http_port)
        for name, passed in result["hardening"].items():
            if isinstance(passed, bool):
                result["checks"][name] = passed
        log(f"scale-out: nginx on https :{port} (http :{http_port} redirects) -> {addresses}; "
            f"{sessions} browser sessions")
        people, held = asyncio.run(_sessions(f"https://127.0.0.1:{port}/", spec, bundle, backends, sessions))
        routes = {"1": sum(p["route"] == "1" for p in people), "2": sum(p["route"] == "2" for p in people)}
        result["people"] = [{k: v for k, v in p.items()} for p in people]
        result["routes"] = routes
        result["websockets_held"] = held
        result["checks"]["all_sessions_completed_with_own_answers"] = all(
            p["ok"] and not p.get("other_countries_on_page") for p in people)
        result["checks"]["no_csp_violation_in_the_browser"] = not any(p["csp_violations"] for p in people)
        result["checks"]["both_processes_served_sessions"] = routes["1"] > 0 and routes["2"] > 0 and all(
            held[n] > 0 for n in held)
        result["checks"]["websockets_match_route_cookies"] = held == routes
        time.sleep(0.5)  # nginx logs a websocket when it closes
        log_check = check_log(prefix / "access.log", addresses)
        result["access_log"] = log_check
        result["checks"]["every_routed_request_stayed_on_its_process"] = (
            log_check["off_route"] == 0 and log_check["with_route_cookie"] > 0)
        # Failover: process 1 goes away; a browser routed to it lands on process 2 with a new cookie.
        stop_server(backends[0])
        status, _, set_cookie = http_get(port, "/", cookie=f"{COOKIE}=1")
        result["failover"] = {"status": status, "set_cookie": set_cookie}
        result["checks"]["failover_to_other_process"] = status == 200 and bool(
            set_cookie and set_cookie.startswith(f"{COOKIE}=2"))
        result["ok"] = all(result["checks"].values())
    except Exception as error:  # noqa: BLE001 - reported, and fails the bench
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        if nginx is not None:
            stop_process(nginx)
        for backend in backends:
            stop_server(backend)
        if not result["ok"]:
            OUT.mkdir(parents=True, exist_ok=True)
            for name in ("nginx.conf", "access.log", "error.log"):
                if (prefix / name).exists():
                    shutil.copy(prefix / name, OUT / f"scaleout-{name}")
        shutil.rmtree(prefix, ignore_errors=True)
        result["seconds"] = time.perf_counter() - started
    return result


def main() -> int:
    import json

    result = run()
    print(json.dumps(result, indent=2, default=str))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
