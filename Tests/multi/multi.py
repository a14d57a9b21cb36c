#!/usr/bin/env python3
"""Two `zicht server` instances on one PostgreSQL database behind nginx (round robin).

Checks, each printed as ok/FAIL (exit 1 on any failure):
  1. a session made through one instance works through the other (and through nginx);
  2. a save through one instance is visible through the other at once;
  3. the conflict rule holds across instances (same base through A and B: one 200, one 409);
  4. two exports asked for at the same moment through A and B give one export (201 + 409);
  5. a publication through A reaches B's public site: both serve the same bytes;
  6. kill -9 of A while saves run through nginx: every save answered 200 is stored, every text
     sent is stored as a version or a conflict copy (nothing lost), B keeps serving, and the
     audit chain verifies.
Only the standard library; the database is read with psql for the independent check of step 6.
"""
import argparse, http.client, http.cookiejar, json, os, re, signal, socket, subprocess, sys, tempfile, threading, time, urllib.parse, uuid

failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f" — {detail}"), flush=True)
    if not condition:
        failures.append(name)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def api(port, method, path, token, payload=None):
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    body = None
    if payload is not None:
        body = json.dumps(payload).encode()
        headers["Content-Type"] = "application/json"
    status, _, data = request(port, method, "/api/v1" + path, body, headers)
    try:
        return status, json.loads(data) if data else None
    except ValueError:
        return status, data


class Session:
    """A browser's cookies and the CSRF token of the last page, without following redirects."""

    def __init__(self):
        self.cookies = {}
        self.csrf = None

    def send(self, port, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            if self.csrf and "csrf" not in dict(fields):
                fields = [("csrf", self.csrf)] + list(fields)
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val:
                    self.cookies[key] = val
                else:
                    self.cookies.pop(key, None)
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        if found:
            self.csrf = found.group(1)
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def wait_for(port, path="/", seconds=240):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            status, _, _ = request(port, "GET", path, timeout=5)
            if status < 500:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--zicht", required=True)
    parser.add_argument("--postgres", required=True, help="address of the server's postgres database")
    arguments = parser.parse_args()
    zicht = arguments.zicht
    root = tempfile.mkdtemp(prefix="zicht-multi-")
    name = "zicht_multi_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", arguments.postgres, "-qAtc", f"CREATE DATABASE {name}"], check=True)
    database = re.sub(r"/postgres(\?|$)", f"/{name}\\1", arguments.postgres)
    project = os.path.join(root, "project")
    subprocess.run([zicht, "init", project], check=True, stdout=subprocess.DEVNULL)

    def account(username, *roles):
        arguments_ = [zicht, "account", "create", project, "--database", database, "--username", username, "--name", username.title()]
        for role in roles:
            arguments_ += ["--role", role]
        out = subprocess.run(arguments_, check=True, capture_output=True, text=True).stdout
        return re.search(r"password[^:]*:\s*(\S+)", out, re.I).group(1)

    lezer_password = account("lees", "lezer")
    account("red", "redacteur")
    token = subprocess.run(
        [zicht, "account", "token", project, "--database", database, "--username", "red", "--name", "multi"],
        check=True, capture_output=True, text=True).stdout.strip().split()[-1]

    ports = [free_port(), free_port()]
    processes = []
    logs = []
    for index, port in enumerate(ports):
        log = open(os.path.join(root, f"instance-{index}.log"), "w")
        logs.append(log)
        processes.append(subprocess.Popen(
            [zicht, "server", project, "--database", database, "--state", os.path.join(root, f"state-{index}"), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT))
    for port in ports:
        if not wait_for(port, "/werkomgeving/inloggen"):
            print(open(logs[0].name).read()[-3000:])
            check("both instances start", False, f"port {port} does not answer")
            return finish(processes, None)

    nginx_port = free_port()
    conf = os.path.join(root, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {root}/body; proxy_temp_path {root}/proxy; fastcgi_temp_path {root}/fcgi;
  uwsgi_temp_path {root}/uwsgi; scgi_temp_path {root}/scgi;
  upstream zicht {{ server 127.0.0.1:{ports[0]} max_fails=0; server 127.0.0.1:{ports[1]} max_fails=0; }}
  server {{
    listen 127.0.0.1:{nginx_port};
    client_max_body_size 4m;
    location / {{ proxy_pass http://zicht; proxy_set_header Host $host; proxy_read_timeout 300s; }}
  }}
}}
""")
    nginx = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"])
    if not wait_for(nginx_port, "/werkomgeving/inloggen", 30):
        check("nginx starts", False, "no answer")
        return finish(processes, nginx)
    a, b = ports

    # 1. A session made through A works through B and through nginx.
    session = Session()
    session.send(a, "GET", "/werkomgeving/inloggen")
    status, headers, _ = session.send(a, "POST", "/werkomgeving/inloggen", [("gebruikersnaam", "lees"), ("wachtwoord", lezer_password)])
    if headers.get("location") == "/werkomgeving/nieuw-wachtwoord":
        session.send(b, "GET", "/werkomgeving/nieuw-wachtwoord")
        chosen = "lees kiest een lang wachtwoord"
        status, headers, _ = session.send(b, "POST", "/werkomgeving/nieuw-wachtwoord", [("wachtwoord", chosen), ("herhaling", chosen)])
    check("1 the login started on A is finished on B", headers.get("location") == "/werkomgeving/", f"{status} {headers}")
    answers = [session.send(port, "GET", "/werkomgeving/")[0] for port in (a, b) + (nginx_port,) * 6]
    check("1 the session works on A, on B and through nginx (8 requests)", answers == [200] * 8, str(answers))

    # 2. A save through A is visible through B at once.
    status, documents = api(a, "GET", "/documenten", token)
    document = next(d["id"] for d in documents["documenten"] if d.get("soort") == "jaarverslag")
    page_path = f"/documenten/{document}/paginas/7.2.1"
    status, page = api(a, "GET", page_path, token)
    marker = f"Opgeslagen via instantie A ({uuid.uuid4().hex[:8]})."
    text = page["tekst"].rstrip("\n") + f"\n\n{marker}\n"
    status, saved = api(a, "PUT", page_path, token, {"basisversie": page["versie"], "tekst": text})
    check("2 a save through A is accepted", status == 200, f"{status} {saved}")
    status, seen = api(b, "GET", page_path, token)
    check("2 B shows it at once (version and text)", status == 200 and seen["versie"] == saved["versie"] and marker in seen["tekst"], f"{status}")

    # 3. The conflict rule across instances: two saves from the same base, through A and B.
    base = seen["versie"]
    results = {}

    def save(port, label):
        results[label] = api(port, "PUT", page_path, token, {"basisversie": base, "tekst": text + f"\n{label}\n"})[0]

    threads = [threading.Thread(target=save, args=(a, "A")), threading.Thread(target=save, args=(b, "B"))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    check("3 same base through A and B: one saved, one conflict", sorted(results.values()) == [200, 409], str(results))

    # 4. Two exports at the same moment through A and B: one export.
    exports = {}

    def export(port, label):
        exports[label] = api(port, "POST", "/exports", token)

    threads = [threading.Thread(target=export, args=(a, "A")), threading.Thread(target=export, args=(b, "B"))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    statuses = sorted(s for s, _ in exports.values())
    check("4 two exports at once: one made (201), one refused as unchanged (409)", statuses == [201, 409], str(exports))
    status, listing = api(b, "GET", "/exports", token)
    check("4 there is exactly one export", status == 200 and len(listing.get("exports", [])) == 1, str(listing)[:300])
    number = next((body["nummer"] for s, body in exports.values() if s == 201), None)

    # 5. Publish through A; B's public site follows (each instance builds what another published).
    status, body = api(a, "POST", "/publicaties", token, {"export": number})
    check("5 publication through A", status in (200, 201), f"{status} {body}")
    path = "/" + page.get("adres", "").lstrip("/") if page.get("adres") else "/"
    same = False
    deadline = time.time() + 240
    while time.time() < deadline and not same:
        bodies = [request(port, "GET", path)[2] for port in (a, b)]
        same = bodies[0] == bodies[1] and b"met de export van" in bodies[0]
        if not same:
            time.sleep(1)
    check("5 A and B serve the same published page, from the export", same, path)

    # 6. kill -9 of A while saves run through nginx.
    status, page = api(nginx_port, "GET", page_path, token)
    version = page["versie"]
    sent, answered = [], []
    stop = threading.Event()

    def saver():
        nonlocal version
        index = 0
        while not stop.is_set():
            index += 1
            body_text = text + f"\nronde {index}\n"
            sent.append(body_text)
            try:
                status, reply = api(nginx_port, "PUT", page_path, token, {"basisversie": version, "tekst": body_text})
            except OSError:
                continue
            answered.append((status, body_text, reply))
            if status == 200:
                version = reply["versie"]
            else:
                current = api(nginx_port, "GET", page_path, token)
                if current[0] == 200:
                    version = current[1]["versie"]

    thread = threading.Thread(target=saver)
    thread.start()
    time.sleep(3)
    processes[0].send_signal(signal.SIGKILL)
    processes[0].wait()
    time.sleep(4)
    stop.set()
    thread.join()
    ok_saves = [t for s, t, _ in answered if s == 200]
    check("6 saves went on through nginx after A was killed", len(ok_saves) >= 3 and len(answered) >= 5, f"{len(answered)} answers, {len(ok_saves)} saved")
    check("6 no 5xx answered to a save", not [s for s, _, _ in answered if s >= 500], str([s for s, _, _ in answered]))
    versions = subprocess.run(
        ["psql", database, "-qAtc", "SELECT encode(bytes, 'escape') FROM file_version WHERE path LIKE '%7-2-1-sociale-veiligheid.md'"],
        capture_output=True, text=True, check=True).stdout
    copies = subprocess.run(
        ["psql", database, "-qAtc", "SELECT encode(bytes, 'escape') FROM conflict_copy WHERE path LIKE '%7-2-1-sociale-veiligheid.md'"],
        capture_output=True, text=True, check=True).stdout
    stored = versions + copies
    missing_ok = [t for t in ok_saves if t.strip().split("\n")[-1] not in versions]
    check("6 every save answered 200 is a stored version", not missing_ok, f"{len(missing_ok)} missing")
    lost = [t for t in sent if t.strip().split("\n")[-1] not in stored]
    # A text whose request never reached a server (the connection was refused) is not stored;
    # that is the client's to resend and it was told so by the error. Every text a server took is.
    reached = {t for _, t, _ in answered}
    check("6 nothing a server answered is lost (version or conflict copy)", not [t for t in lost if t in reached], f"{len(lost)} lost")
    status, _, _ = request(b, "GET", "/werkomgeving/inloggen")
    check("6 B keeps serving", status == 200, str(status))
    verify = subprocess.run([zicht, "audit", "verify", project, "--database", database], capture_output=True, text=True)
    check("6 the audit chain verifies", verify.returncode == 0, verify.stdout[-500:] + verify.stderr[-500:])
    return finish(processes, nginx)


def finish(processes, nginx):
    for process in processes + ([nginx] if nginx else []):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"{'FAILED: ' + ', '.join(failures) if failures else 'all checks passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
