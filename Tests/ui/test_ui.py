#!/usr/bin/env python3
"""The web UI in a real browser (headless Chromium driven by Selenium), against the running stack.

One story, as the centre lives it: the big screen is up; an operator signs in and takes a call
whose description holds `<script>` (it must stay inert text); the ticket number shows at once and
its routing as soon as the dispatcher decides; the work queue shows it routed without a reload;
the department accepts and resolves it in its view; the queue and the big screen's counters move
without a reload, and the screen's numbers equal `GET /v1/stats` for the same period. Also: the
static files' caching and security headers, and no errors in the browser's console (a
Content-Security-Policy violation would be one). Screenshots go to Tests/ui/screenshots/
(console.png: the call form with its routed result; console-queue.png; screen.png).

Then 一户一档 in the console (search, a household's file, overdue visits by worker) and the grid
worker's phone page /m/ at 390x844 (tasks arriving live, accept, photo, resolve, the map, a visit,
a broadcast's 收到, the secretary's community view); their screenshots go to docs/screenshots/.
Every page passes axe-core (axe-selenium-python) without a serious or critical violation.

Run by `make test-ui` (after `make up`); reads .run/env.
"""
import json
import os
import pathlib
import random
import subprocess
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPConnection

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from axe_selenium_python import Axe

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = ROOT / "Tests" / "ui" / "screenshots"
# A grid and a department (heating: GR) no other test uses, so the pages show this run's ticket first.
ALIAS, GRID, DEPARTMENT = "营盘村移民新村", "62040200400202", "GR"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
STARTED = time.monotonic()


# `.run/env` is read in one place: the contract checks' stack module.
sys.path.insert(0, str(ROOT / "Tests" / "contracts"))
from stack import stack_env  # noqa: E402

ENV = stack_env()
URL = ENV["INTAKE_URL"]


def http(method, path, key=None, body=None, headers=None, timeout=10):
    request = urllib.request.Request(URL + path, method=method, data=None if body is None else json.dumps(body).encode())
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"  ok  {message}")


def department_key(code):
    bin_dir = os.environ.get("BIN_DIR") or str(ROOT / ".build" / "debug")
    out = subprocess.run(
        [f"{bin_dir}/intake", "keys", "create", "--role", "department", "--department", code, "--name", "ui-test"],
        env={**os.environ, "DATABASE_URL": ENV["DATABASE_URL"]}, check=True, capture_output=True, text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def static_headers():
    print("static files")
    status, headers, body = http("GET", "/console/")
    headers = {k.lower(): v for k, v in headers.items()}
    check(status == 200 and b"<html" in body, "/console/ serves the console")
    check("script-src 'self'" in headers.get("content-security-policy", ""), "a Content-Security-Policy allows only own scripts")
    check(headers.get("cache-control") == "no-cache" and headers.get("etag"), "Cache-Control and an ETag are sent")
    status, _, _ = http("GET", "/console/", headers={"If-None-Match": headers["etag"]})
    check(status == 304, "a matching If-None-Match answers 304")
    status, _, _ = http("GET", "/screen/screen.js")
    check(status == 200, "/screen/screen.js is served")


def live_stream():
    print("live event stream")
    status, _, _ = http("GET", "/v1/events/stream", headers={"Accept": "text/event-stream"})
    check(status == 401, "the stream needs a key")
    status, _, _ = http("GET", "/v1/events/stream", key=ENV["OPERATOR_KEY"])
    check(status == 406, "the stream answers only Accept: text/event-stream")
    target = urllib.parse.urlsplit(URL)
    connection = HTTPConnection(target.hostname, target.port, timeout=15)
    connection.request("GET", "/v1/events/stream", headers={"Authorization": f"Bearer {ENV['OPERATOR_KEY']}", "Accept": "text/event-stream"})
    response = connection.getresponse()
    check(response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream"), "the stream opens")
    response.fp.readline()  # "retry:" first: the stream is subscribed before the ticket is made
    body = {"channel": "phone", "description": "直播测试：路灯不亮", "location": {"address": f"滨河路东段{random.randint(1000, 9999999)}号"}}
    _, _, created = http("POST", "/v1/tickets", key=ENV["OPERATOR_KEY"], body=body)
    ticket = json.loads(created)["id"]
    deadline = time.monotonic() + 15
    event_type = None
    while time.monotonic() < deadline:
        line = response.fp.readline().decode().rstrip("\n")
        if line.startswith("event:"):
            event_type = line[6:].strip()
        elif line.startswith("data:") and json.loads(line[5:]).get("ticketId") == ticket:
            event = json.loads(line[5:])
            check("caller" not in event and "description" not in event, "events carry no caller data")
            break
    else:
        raise AssertionError("no event about the new ticket on the stream")
    check(event_type == "ticket.received", f"the new ticket arrives live as {event_type}")
    connection.close()


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1920,1080", "--lang=zh-CN"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def accessible(driver, page, context=None):
    """axe-core on the page as it is now: no serious or critical violation (contrast, names,
    labels, landmarks, language)."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run(context=context, options="{resultTypes: ['violations']}")
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    check(not bad, f"axe: {page} has no serious or critical violation " + "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in bad))


def wait(driver, seconds, condition, message):
    try:
        # A live update redraws elements: a stale one is looked up again on the next poll.
        return WebDriverWait(driver, seconds, poll_frequency=0.2, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException]).until(
            lambda d: condition(d))
    except TimeoutException as error:
        raise AssertionError(f"timed out: {message}") from error


def sign_in(driver, path, key):
    # The wall's exact viewport (a headless window's size includes its frame).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    driver.get(URL + path)
    field = wait(driver, 10, lambda d: d.find_element(By.ID, "signin-key"), "sign-in form")
    field.send_keys(key, Keys.ENTER)


def screen_numbers(driver):
    values = {}
    for node in driver.find_elements(By.CSS_SELECTOR, "[data-stat]"):
        values[node.get_attribute("data-stat")] = node.get_attribute("data-value")
    return values


def stats_for_screen(key, part="total"):
    _, _, body = http("GET", "/v1/screen", key=key)
    today = json.loads(body)["today"]
    query = urllib.parse.urlencode({"groupBy": "street", "from": today["from"], "to": today["to"]})
    _, _, body = http("GET", f"/v1/stats?{query}", key=key)
    return json.loads(body)[part]


def same_as_stats(numbers, total):
    def norm(value):
        return "" if value is None else str(value)
    return all(norm(numbers.get(key)) == norm(total[key]) or (
        numbers.get(key) not in (None, "") and total[key] is not None and abs(float(numbers[key]) - float(total[key])) < 1e-9)
        for key in ("received", "dispatched", "resolved", "resolvedOnTime", "responseRate", "resolutionRate", "satisfactionRate"))


def import_demo_knowledge():
    """The demo district's articles (idempotent), as `make run` loads them."""
    binary = pathlib.Path(os.environ.get("BIN_DIR", ROOT / ".build" / "debug")) / "intake"
    environment = dict(os.environ, DATABASE_URL=ENV["DATABASE_URL"])
    subprocess.run([str(binary), "import-knowledge", str(ROOT / "deploy" / "demo" / "knowledge")], env=environment, check=True,
                   stdout=subprocess.DEVNULL)


def answer_from_suggestion(driver, operator):
    """A question answered on the call: the best articles appear beside the form while the
    description is typed, Alt+1 shows the first, Alt+Enter answers with it; the ticket is
    `answered` at once and never routed."""
    import_demo_knowledge()
    driver.switch_to.new_window("tab")
    sign_in(driver, "/console/", operator)
    name = wait(driver, 10, lambda d: d.find_element(By.ID, "f-name"), "intake form")
    name.send_keys("李秀英", Keys.TAB, f"139{random.randint(10000000, 99999999)}")
    description = driver.find_element(By.ID, "f-description")
    description.send_keys("我想问一下今年医保交多少钱")
    first = wait(driver, 5, lambda d: d.find_element(By.CSS_SELECTOR, "#kb-suggestions li .kb-title").text, "articles suggested beside the form")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#kb-suggestions li")) <= 3, "at most three suggestions")
    check("医疗保险" in first, f"the best suggestion is the medical insurance article ({first})")
    ActionChains(driver).key_down(Keys.ALT).send_keys("1").key_up(Keys.ALT).perform()
    title = wait(driver, 5, lambda d: d.find_element(By.ID, "kb-detail-title").text, "Alt+1 shows the article")
    check(title in first, "the shown article is the first suggestion")
    driver.save_screenshot(str(SHOTS / "console-knowledge.png"))
    ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ENTER).key_up(Keys.ALT).perform()
    number = wait(driver, 10, lambda d: d.find_element(By.ID, "result-number").text, "Alt+Enter answers the call")
    card = driver.find_element(By.ID, "result-card")
    check(card.get_attribute("data-status") == "answered", "the ticket is answered")
    check("直接答复" in card.text, "the result says it was answered directly")
    time.sleep(1)
    _, _, body = http("GET", f"/v1/tickets/{number}", key=operator)
    ticket = json.loads(body)
    check(ticket["status"] == "answered" and [h["type"] for h in ticket["history"]] == ["ticket.answered"], "never routed")
    driver.close()


def main():
    static_headers()
    live_stream()
    SHOTS.mkdir(parents=True, exist_ok=True)
    operator = ENV["OPERATOR_KEY"]
    # The wall signs in with a `screen` key (aggregates only) when the stack made one.
    wall = ENV.get("SCREEN_KEY") or operator
    driver = browser()
    try:
        print("big screen")
        screen = driver.current_window_handle
        sign_in(driver, "/screen/", wall)
        wait(driver, 15, lambda d: d.find_element(By.CSS_SELECTOR, '[data-stat="received"]').get_attribute("data-value") not in (None, ""), "counters drawn")
        wait(driver, 10, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#screen-map path.grid")) > 0, "grids drawn from GeoJSON")
        wait(driver, 10, lambda d: "实时" in d.find_element(By.ID, "live-state").text, "live stream connected")
        accessible(driver, "the big screen")
        before = screen_numbers(driver)
        check(same_as_stats(before, stats_for_screen(wall)), f"screen numbers equal GET /v1/stats for today ({before})")
        households = (stats_for_screen(wall, "households") or {}).get("total") or {}
        if households.get("households"):
            shown = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, '[data-households="total"]').text, "the households panel")
            check(shown == str(households["households"]), f"the households panel shows GET /v1/stats's {households['households']} households")

        print("console: take a call")
        driver.switch_to.new_window("tab")
        console = driver.current_window_handle
        sign_in(driver, "/console/", operator)
        name = wait(driver, 10, lambda d: d.find_element(By.ID, "f-name"), "intake form")
        name.send_keys("张丽娟", Keys.TAB, "12345", Keys.TAB)
        wait(driver, 5, lambda d: d.find_element(By.ID, "e-phone").text != "", "a bad phone is flagged beside its field")
        description = driver.find_element(By.ID, "f-description")
        description.send_keys("家里暖气不热，暖气片冰凉 " + XSS)
        wait(driver, 5, lambda d: "暖气" in d.find_element(By.ID, "category-hint").text, "the classifier suggests a category")
        address = driver.find_element(By.ID, "f-address")
        # A grid no other test uses, and a new house number each run (so never a duplicate).
        address.send_keys(f"{ALIAS}{random.randint(1000, 9999999)}号")
        suggestion = wait(driver, 5, lambda d: d.find_element(By.CSS_SELECTOR, "#place-suggestions button"), "grid aliases are suggested")
        check(suggestion.get_attribute("data-grid") == GRID, f"the alias in the address suggests its grid {GRID}")
        suggestion.click()
        check(driver.find_element(By.ID, "f-grid").get_attribute("value") == GRID, "picking the suggestion sets the grid")
        address.send_keys(Keys.ENTER)
        wait(driver, 5, lambda d: "手机号" in d.find_element(By.ID, "e-phone").text, "submitting with the bad phone is refused beside the field")
        accessible(driver, "the console's call form (with a field error shown)")
        phone = driver.find_element(By.ID, "f-phone")
        phone.clear()
        phone.send_keys("13909351001", Keys.ENTER)
        number = wait(driver, 10, lambda d: d.find_element(By.ID, "result-number").text, "the ticket number shows at once")
        check(number.startswith("12345-") or len(number) > 6, f"ticket {number} created")
        wait(driver, 20, lambda d: "已派单" in d.find_element(By.ID, "result-routing").text, "routing shows without a reload")
        check(driver.execute_script("return window.__xss === undefined"), "the <script> in the description did not run")
        driver.save_screenshot(str(SHOTS / "console.png"))

        print("console: work queue")
        driver.find_element(By.CSS_SELECTOR, 'nav a[data-view="queue"]').click()
        grid_filter = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'#filter-grid option[value="{GRID}"]'), "grid filter")
        grid_filter.click()
        # A live update may redraw the row between two reads: each read finds it again.
        row_selector = f'tr[data-number="{number}"]'
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, row_selector), "the ticket is in the queue")
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, row_selector).get_attribute("data-status") == "assigned", "the queue shows it routed")
        wait(driver, 10, lambda d: "<script>" in d.find_element(By.CSS_SELECTOR, row_selector).text, "the description shows <script> as text")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#queue-rows script, #queue-rows img")) == 0, "no element was made from the text")
        driver.save_screenshot(str(SHOTS / "console-queue.png"))
        accessible(driver, "the console's work queue")

        print("console: the ticket page gives its routing reasons and deadlines in Chinese")
        # A live update may redraw the row: find it again on each try.
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, row_selector).click() or True, "open the ticket page")
        # Read whole texts inside the waits: a live update may redraw the page between two reads.
        routing = wait(driver, 10, lambda d: (lambda t: t if "主办" in t else None)(d.find_element(By.ID, "ticket-routing").text),
                       "a reason names the lead department")
        check("落入" in routing and "时限：" in routing, f"the reasons are sentences: {routing}")
        check("by point" not in routing and "leads" not in routing, f"no English rule fragments: {routing}")
        deadline = re.compile(r"办结时限\s*\d+月\d+日（周.）\d+时")
        wait(driver, 10, lambda d: deadline.search(d.find_element(By.ID, "ticket-page").text), "deadlines read as people say them")
        driver.save_screenshot(str(SHOTS / "console-ticket.png"))
        accessible(driver, "the console's ticket page")
        driver.find_element(By.CSS_SELECTOR, 'nav a[data-view="queue"]').click()
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'#filter-grid option[value="{GRID}"]'), "grid filter").click()
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'tr[data-number="{number}"]'), "back in the queue")

        print("department: accept and resolve")
        driver.switch_to.new_window("tab")
        department = driver.current_window_handle
        sign_in(driver, "/console/", department_key(DEPARTMENT))
        card = f'.task-card[data-number="{number}"]'
        wait(driver, 15, lambda d: d.find_element(By.CSS_SELECTOR, f"{card} .task-accept"), "the task reaches the department").click()
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, card).get_attribute("data-status") == "accepted", "accepted")
        def resolve(d):
            d.find_element(By.CSS_SELECTOR, f"{card} .task-note").send_keys("已排气，暖气恢复")
            d.find_element(By.CSS_SELECTOR, f"{card} .task-resolve").click()
            return True
        wait(driver, 10, resolve, "resolve the task")
        wait(driver, 10, lambda d: not d.find_elements(By.CSS_SELECTOR, card), "resolved tasks leave the list")
        accessible(driver, "the department's task list")
        driver.close()

        print("live updates without a reload")
        driver.switch_to.window(console)
        wait(driver, 15, lambda d: d.find_element(By.CSS_SELECTOR, f'tr[data-number="{number}"]').get_attribute("data-status") == "resolved",
             "the queue shows it resolved")
        driver.switch_to.window(screen)
        moved = lambda d: (int(screen_numbers(d)["received"]) >= int(before["received"]) + 1
                           and int(screen_numbers(d)["resolved"]) >= int(before["resolved"]) + 1)
        wait(driver, 20, moved, "the screen's counters moved")
        check(driver.execute_script("return performance.getEntriesByType('navigation').length") == 1, "the screen was not reloaded")
        time.sleep(2)  # let a last debounced refresh land
        after = screen_numbers(driver)
        check(same_as_stats(after, stats_for_screen(wall)), f"screen numbers still equal GET /v1/stats ({after})")
        driver.save_screenshot(str(SHOTS / "screen.png"))

        print("console: answer a call from a suggested article")
        answer_from_suggestion(driver, operator)
        driver.switch_to.window(screen)

        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the browser console {errors}")
    except AssertionError:
        driver.save_screenshot(str(SHOTS / "failure.png"))
        raise
    finally:
        driver.quit()
    print(f"web UI test passed in {time.monotonic() - STARTED:.1f} s; screenshots in {SHOTS.relative_to(ROOT)}")


def what_if_report():
    """规则推演: the admin uploads a changed catalog, the report shows as tables and a coloured map,
    and its printable HTML page renders in Chromium (tables and the SVG map drawn)."""
    print("console: what-if report (规则推演)")
    import tempfile
    folder = pathlib.Path(os.environ.get("JURISDICTION") or ROOT / "deploy" / "demo")
    catalog = json.loads((folder / "catalog.json").read_text())
    community = next(c for c in catalog["categories"] if c["handler"] == "community")
    community.update({"handler": "department", "department": catalog["departments"][0]["code"], "urgency": "urgent"})
    work = pathlib.Path(tempfile.mkdtemp(prefix="whatif-ui-"))
    (work / "catalog.json").write_text(json.dumps(catalog, ensure_ascii=False))
    (work / "grids.geojson").write_text((folder / "grids.geojson").read_text())
    # Three calls of the category the changed catalog moves, in the grid no other test uses.
    numbers = []
    for index in range(3):
        status, _, raw = http("POST", "/v1/tickets", key=ENV["OPERATOR_KEY"], body={
            "channel": "phone", "caller": {"name": "推演来电", "phone": f"1390935{random.randint(0, 9999):04d}"},
            "description": f"{community['keywords'][0]}，第{index}次反映", "category": community["code"],
            "location": {"address": f"{ALIAS}{index + 1}号楼"}})
        check(status == 201, f"a {community['code']} ticket is taken")
        numbers.append(json.loads(raw)["number"])
    for number in numbers:
        deadline = time.monotonic() + 20
        while json.loads(http("GET", f"/v1/tickets/{number}", key=ENV["OPERATOR_KEY"])[2])["status"] == "received" and time.monotonic() < deadline:
            time.sleep(0.2)
    driver = browser()
    try:
        sign_in(driver, "/console/#/whatif", ENV["ADMIN_KEY"])
        wait(driver, 10, lambda d: d.find_element(By.ID, "whatif-grids"), "the what-if form")
        driver.find_element(By.ID, "whatif-grids").send_keys(str(work / "grids.geojson"))
        driver.find_element(By.ID, "whatif-catalog").send_keys(str(work / "catalog.json"))
        # The last day: the tickets this test run made (a shorter replay than the default 90 days).
        driver.find_element(By.CSS_SELECTOR, '#whatif-since option[value="P1D"]').click()
        driver.find_element(By.ID, "whatif-run").click()
        summary = wait(driver, 120, lambda d: d.find_element(By.ID, "whatif-summary").text, "the report is shown")
        check("回放" in summary, f"the summary reads: {summary}")
        body = {"grids": json.loads((work / "grids.geojson").read_text()), "catalog": catalog, "since": "P1D"}
        status, _, raw = http("POST", "/v1/jurisdiction/what-if", key=ENV["ADMIN_KEY"], body=body, timeout=120)
        report = json.loads(raw)
        rows = driver.find_elements(By.CSS_SELECTOR, "#whatif-changes tbody tr")
        check(len(rows) == len(report["changes"]) and rows, f"one table row per change ({len(rows)} = {len(report['changes'])})")
        handler = next((c for c in report["changes"] if c["field"] == "handler" and c["from"] == "community"), {})
        check(handler.get("count", 0) >= 3 and set(numbers) <= set(handler["tickets"]), "this run's calls change handler")
        check(any("社区自办" in r.text and "部门转办" in r.text for r in rows), "the table names the handlers in Chinese")
        paths = driver.find_elements(By.CSS_SELECTOR, "#whatif-map path.grid")
        check(len(paths) == len(body["grids"]["features"]), f"the map draws every grid ({len(paths)})")
        changed = [p for p in paths if p.get_attribute("data-change") != "0" or p.get_attribute("data-changed") != "0"]
        expected = {g["code"] for g in report["grids"] if g["after"] != g["before"] or g["changed"]}
        check(GRID in expected and {p.get_attribute("data-grid") for p in changed} == expected,
              f"grids coloured by change ({len(changed)} of {len(paths)}, {GRID} among them)")
        check(driver.find_element(By.CSS_SELECTOR, f'#whatif-map path[data-grid="{GRID}"]').value_of_css_property("fill") != "rgb(238, 238, 238)",
              "the grid of this run's calls is not grey")
        driver.find_element(By.ID, "whatif-rates").location_once_scrolled_into_view
        driver.save_screenshot(str(SHOTS / "console-whatif.png"))
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the browser console {errors}")

        status, headers, page = http("POST", "/v1/jurisdiction/what-if?format=html", key=ENV["ADMIN_KEY"], body=body, timeout=120)
        check(status == 200 and headers.get("Content-Type", "").startswith("text/html"), "the printable page is HTML")
        (work / "what-if.html").write_bytes(page)
        driver.get((work / "what-if.html").as_uri())
        check(driver.find_element(By.TAG_NAME, "h1").text == "规则变更推演报告（what-if）", "the printable page renders in Chinese")
        check(len(driver.find_elements(By.TAG_NAME, "table")) >= 4, "with its tables")
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg polygon")) >= len(body["grids"]["features"]), "and its map")
        driver.save_screenshot(str(SHOTS / "what-if-print.png"))
    except AssertionError:
        driver.save_screenshot(str(SHOTS / "failure-whatif.png"))
        raise
    finally:
        driver.quit()
def import_household(grid):
    """A red household (a 78-year-old living alone) in `grid`, new each run, never visited: so its
    visit is due at once (the demo catalog visits red households every 7 days)."""
    code = f"H-UI-{os.getpid()}-{random.randint(1000, 9999)}"
    household = [{"code": code, "address": f"营盘村移民新村{random.randint(1, 99)}号楼{random.randint(100, 999)}", "grid": grid,
                  "kind": "residential", "checkin": False, "watcher": {"name": "王桂兰", "phone": "13909310377"},
                  "members": [{"name": "赵福海", "phone": "13909310378", "birthYear": 1948, "flags": ["alone", "chronic"]}]}]
    path = pathlib.Path("/tmp") / f"household-{code}.json"
    path.write_text(json.dumps(household, ensure_ascii=False))
    binary = pathlib.Path(os.environ.get("BIN_DIR", ROOT / ".build" / "debug")) / "dispatcher"
    try:
        subprocess.run([str(binary), "import-households", str(path)], env=dict(os.environ, DATABASE_URL=ENV["DATABASE_URL"], AMQP_URL=ENV["AMQP_URL"]),
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        path.unlink(missing_ok=True)
    return code


def console_households(household):
    """一户一档 in the console: the operator finds the household by its member's name, opens its
    file (colour and why, members, visits, check-ins, tickets), records a visit there, and sees
    the overdue visits by grid worker."""
    print("console: households (一户一档)")
    driver = browser()
    try:
        sign_in(driver, "/console/#/households", ENV["OPERATOR_KEY"])
        query = wait(driver, 10, lambda d: d.find_element(By.ID, "household-q"), "the households search")
        wait(driver, 10, lambda d: d.find_elements(By.CSS_SELECTOR, "#overdue-visits table, #overdue-visits p"), "overdue visits loaded")
        query.send_keys(household, Keys.ENTER)
        row = f'#household-rows tr[data-code="{household}"]'
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, row), "the search finds the household by its code")
        check(driver.find_element(By.CSS_SELECTOR, row).get_attribute("data-colour") == "red", "a 78-year-old living alone makes it red")
        check("独居" in driver.find_element(By.CSS_SELECTOR, row).text, "its members' flags in Chinese")
        worker = wait(driver, 10, lambda d: next((r for r in d.find_elements(By.CSS_SELECTOR, "#overdue-visits .worker-households button")
                                                  if r.get_attribute("data-code") == household), None), "the household is overdue for a visit")
        check(worker is not None, "overdue visits are listed by grid worker")
        driver.save_screenshot(str(SHOTS / "console-households.png"))
        accessible(driver, "the console's households search")
        driver.find_element(By.CSS_SELECTOR, row).click()
        page = wait(driver, 10, lambda d: (lambda t: t if "赵福海" in t else None)(d.find_element(By.ID, "household-page").text), "the household's file")
        check("红色" in page and "独居" in page and "78岁" in page, "colour, members with age and flags")
        check("从未走访" in page and "平安打卡" in page and "工单" in page, "visits, check-ins and tickets")
        driver.find_element(By.ID, "visit-findings").send_keys("老人身体尚好，药品充足，叮嘱夜间关好燃气")
        driver.find_element(By.ID, "visit-submit").click()
        wait(driver, 10, lambda d: "叮嘱夜间关好燃气" in d.find_element(By.ID, "household-visits").text, "the recorded visit shows in the file")
        driver.save_screenshot(str(SHOTS / "console-household.png"))
        accessible(driver, "the console's household file")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the browser console {errors}")
    except AssertionError:
        driver.save_screenshot(str(SHOTS / "failure-households.png"))
        raise
    finally:
        driver.quit()


def supervision_pages():
    """督办考核 in the browser: the monthly and daily reports open from the console (fetched with
    the key, shown from a blob) and render their inline SVG charts, the hot-grid map among them,
    without a console error; the 每月一题 page lists the month's candidates; the big screen shows
    the rankings' top five and the history's daily root line. Screenshots in docs/screenshots/."""
    print("supervision: reports, monthly topics, screen")
    shots = ROOT / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser()
    try:
        sign_in(driver, "/console/#/reports", ENV["OPERATOR_KEY"])
        console = driver.current_window_handle
        for button, shot, kind in (("report-monthly", "report-monthly.png", "月报"), ("report-daily", "report-daily.png", "日报")):
            wait(driver, 10, lambda d: d.find_element(By.ID, button), "the reports page")
            driver.find_element(By.ID, button).click()
            wait(driver, 30, lambda d: len(d.window_handles) > 1, f"the {kind} opens in a new window")
            driver.switch_to.window([h for h in driver.window_handles if h != console][0])
            wait(driver, 30, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.chart"), f"the {kind} is drawn")
            charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
            check(len(charts) >= 7 and driver.find_elements(By.CSS_SELECTOR, "svg.grid-map path"),
                  f"the {kind} shows {len(charts)} inline SVG charts, the hot-grid map among them")
            check(kind in driver.title and not driver.find_elements(By.TAG_NAME, "script"), f"the {kind} is titled and has no script")
            driver.save_screenshot(str(shots / shot))
            driver.close()
            driver.switch_to.window(console)
        driver.get(URL + "/console/#/topics")
        wait(driver, 15, lambda d: d.find_element(By.ID, "topic-candidates").text, "the monthly topics' candidates")
        driver.save_screenshot(str(shots / "console-topics.png"))
        accessible(driver, "the console's monthly topics")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the console or the reports {errors}")
        driver.get(URL + "/screen/")
        wait(driver, 20, lambda d: d.find_elements(By.CSS_SELECTOR, "#rank-top li"), "the screen's top five")
        wait(driver, 10, lambda d: d.find_element(By.ID, "history-root").text not in ("", "—"), "the screen's daily root line")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#rank-top li")) <= 5, "at most five on top")
        driver.save_screenshot(str(shots / "screen-supervision.png"))
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors on the screen {errors}")
    finally:
        driver.quit()


def tiny_png(path):
    """A real 8x8 PNG (a red square), as a phone camera's photo stands in for."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xc8\x10\x2e" * 8 for _ in range(8))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def page_weight(driver):
    """Requests and bytes the page fetched so far (Resource Timing: transfer sizes, headers included)."""
    entries = driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(e => [e.name, e.transferSize || 0, e.encodedBodySize || 0])")
    return len(entries), sum(e[1] for e in entries), entries


def tap(driver, element):
    """A thumb's tap: the element scrolled clear of the fixed tab bar first."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def tap_fresh(driver, find, message):
    """Taps what `find` returns, looked up again if a live update redrew it meanwhile."""
    def attempt(d):
        try:
            tap(d, find(d))
            return True
        except (StaleElementReferenceException, StopIteration):
            return False
    wait(driver, 10, attempt, message)


def grid_point(code):
    """A random point (lat, lon) inside the grid: a convex mix of its outer ring's corners (the
    demo's grids are convex), so two runs' tickets are not near enough to be duplicates."""
    folder = pathlib.Path(os.environ.get("JURISDICTION") or ROOT / "deploy" / "demo")
    feature = next(f for f in json.loads((folder / "grids.geojson").read_text())["features"] if f["properties"]["code"] == code)
    coordinates = feature["geometry"]["coordinates"]
    ring = (coordinates[0] if feature["geometry"]["type"] == "Polygon" else coordinates[0][0])[:-1]
    weights = [random.random() ** 3 for _ in ring]
    total = sum(weights)
    return sum(w * p[1] for w, p in zip(weights, ring)) / total, sum(w * p[0] for w, p in zip(weights, ring)) / total


def mobile_grid_worker(household):
    """/m/ on a 390x844 phone: a grid worker signs in, sees a new community ticket arrive live,
    accepts it, attaches a photo and resolves it (the category needs a photo to resolve); sees
    the tasks on the map of the grid, records a visit to a household that is due, acknowledges a
    one-key broadcast; then the community secretary sees the 三重 matter first.
    Screenshots go to docs/screenshots/ (mobile-*.png)."""
    shots = ROOT / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    grid = "62040200400201"  # 营盘村第1网格: no other UI test uses it
    community = "620402004002"  # 营盘村
    status, _, body = http("POST", "/v1/keys", ENV["ADMIN_KEY"], {"role": "grid", "grid": grid, "name": "网格员 界面测试"})
    check(status == 201, "a grid worker's key")
    key = json.loads(body)["key"]
    photo = tiny_png(pathlib.Path("/tmp") / f"grid-photo-{os.getpid()}.png")
    driver = browser()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        driver.get(URL + "/m/")
        field = wait(driver, 10, lambda d: d.find_element(By.ID, "signin-key"), "the mobile sign-in form")
        driver.save_screenshot(str(shots / "mobile-signin.png"))
        accessible(driver, "/m/ sign-in")
        field.send_keys(key, Keys.ENTER)
        wait(driver, 10, lambda d: "待办" in d.find_element(By.CSS_SELECTOR, "main h2").text, "the task list")
        wait(driver, 10, lambda d: d.find_element(By.ID, "live-state").text == "实时", "the live stream is up")
        requests, transferred, entries = page_weight(driver)
        print(f"  ..  /m/ cold: {requests} requests, {transferred} bytes to the signed-in task list: "
              + ", ".join(f"{urllib.parse.urlsplit(name).path} {size}" for name, size, _ in entries))
        check(driver.execute_script("return document.documentElement.scrollWidth <= 390"), "nothing wider than the 390 px screen")

        # A resident's call lands in this grid: it arrives without a reload.
        status, _, body = http("POST", "/v1/tickets", ENV["OPERATOR_KEY"], {
            "channel": "phone", "caller": {"name": "测试居民", "phone": "139" + str(random.randint(10**7, 10**8 - 1))},
            "description": "楼上空调外机冷凝水一直滴到我家窗台，协商不成", "category": "air_conditioner_dispute",
            "location": {"address": f"营盘村{random.randint(1, 10**6)}号", "grid": grid}})
        check(status == 201, "a community ticket is taken")
        ticket = json.loads(body)
        card = f'article[data-id="{ticket["id"]}"]'
        wait(driver, 20, lambda d: d.find_element(By.CSS_SELECTOR, card + ".new"), "the new ticket arrives live, marked new")
        text = driver.find_element(By.CSS_SELECTOR, card).text
        check(ticket["number"] in text and "办结时限" in text and "剩" in text, "the card shows number, deadline and time left")
        reasons = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, card + " .reasons").text, "the routing reasons on the card")
        check(re.search(r"[\u4e00-\u9fff]{4}", reasons) and not re.search(r"\b(by|leads|handler|point|grid)\b", reasons),
              f"the routing reasons are Chinese sentences: {reasons}")
        driver.save_screenshot(str(shots / "mobile-new-task.png"))
        accessible(driver, "/m/ task list")
        before = page_weight(driver)

        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, card + " .actions button.primary"), "tap 接单")
        wait(driver, 10, lambda d: "处理中" in d.find_element(By.CSS_SELECTOR, card).text, "accepted")
        tap_fresh(driver, lambda d: next(b for b in d.find_elements(By.CSS_SELECTOR, card + " .actions button") if b.text == "办结"), "tap 办结")
        note = wait(driver, 5, lambda d: d.find_element(By.CSS_SELECTOR, card + " .form textarea"), "the resolve form")
        note.send_keys("已协调楼上住户加装接水管")
        driver.find_element(By.CSS_SELECTOR, card + ' .form input[type="file"]').send_keys(str(photo))
        driver.save_screenshot(str(shots / "mobile-resolve.png"))
        tap(driver, driver.find_element(By.CSS_SELECTOR, card + " .form button[type=submit]"))
        wait(driver, 15, lambda d: not d.find_elements(By.CSS_SELECTOR, card), "resolved: the card leaves the list")
        after = page_weight(driver)
        acted = after[2][before[0]:]
        print(f"  ..  accept + photo + resolve: {len(acted)} requests, {sum(e[1] for e in acted)} bytes"
              f" (photo {photo.stat().st_size} bytes)")
        driver.save_screenshot(str(shots / "mobile-done.png"))
        status, _, body = http("GET", f"/v1/tickets/{ticket['id']}", key)
        shown = json.loads(body)
        check(shown["status"] == "resolved" and len(shown["attachments"]) == 1, "resolved, with the photo attached")

        print("/m/: the map of my grid with my tasks on it")
        lat, lon = grid_point(grid)
        status, _, body = http("POST", "/v1/tickets", ENV["OPERATOR_KEY"], {
            "channel": "phone", "caller": {"name": "测试居民", "phone": "139" + str(random.randint(10**7, 10**8 - 1))},
            "description": "邻居在楼道堆放杂物，协商多次不成，影响通行", "category": "neighbour_dispute",
            "location": {"address": f"营盘村{random.randint(1, 10**6)}号", "grid": grid, "lat": round(lat, 6), "lon": round(lon, 6)}})
        check(status == 201, "a second community ticket, with a position")
        second = json.loads(body)
        wait(driver, 20, lambda d: d.find_element(By.CSS_SELECTOR, f'article[data-id="{second["id"]}"]'), "it arrives live")
        before = page_weight(driver)
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="map"]'), "tap 地图")
        wait(driver, 10, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#grid-map path.grid.mine")) == 1, "my grid is marked on the map")
        pin = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'#grid-map g.pin[data-id="{second["id"]}"]'), "the task's pin")
        _, _, body = http("GET", "/v1/tasks", key)
        tasks = json.loads(body)["tasks"]
        check(len(driver.find_elements(By.CSS_SELECTOR, "#grid-map g.pin")) == len(tasks), f"one pin per open task ({len(tasks)})")
        mine = driver.find_element(By.CSS_SELECTOR, "#grid-map path.grid.mine").rect
        spot = pin.rect
        centre = (spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
        check(mine["x"] <= centre[0] <= mine["x"] + mine["width"] and mine["y"] <= centre[1] <= mine["y"] + mine["height"],
              "the pin stands inside my grid")
        after = page_weight(driver)
        print(f"  ..  map tab first opened: {after[0] - before[0]} requests, {sum(e[1] for e in after[2][before[0]:])} bytes")
        driver.save_screenshot(str(shots / "mobile-map.png"))
        accessible(driver, "/m/ map")
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, f'.map-task[data-id="{second["id"]}"]'), "tap the task under the map")
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'article[data-id="{second["id"]}"]').is_displayed(), "the task opens in the list")

        print("/m/: a household due for a visit")
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="visits"]'), "tap 走访")
        due = f'article[data-household="{household}"]'
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, due), "the red household is due for a visit")
        check("红色" in driver.find_element(By.CSS_SELECTOR, due).text and "从未走访" in driver.find_element(By.CSS_SELECTOR, due).text,
              "its colour and that it was never visited")
        tap_fresh(driver, lambda d: next(b for b in d.find_elements(By.CSS_SELECTOR, due + " .actions button") if b.text == "户档"), "tap 户档")
        wait(driver, 10, lambda d: "赵福海" in d.find_element(By.CSS_SELECTOR, due + " .file").text, "the members are shown")
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, due + " .actions button.primary"), "tap 记录走访")
        wait(driver, 5, lambda d: d.find_element(By.CSS_SELECTOR, due + " .form textarea"), "the visit form").send_keys("老人精神好，已检查燃气阀门")
        driver.save_screenshot(str(shots / "mobile-visit.png"))
        accessible(driver, "/m/ visits with the visit form open")
        tap(driver, driver.find_element(By.CSS_SELECTOR, due + " .form button[type=submit]"))
        wait(driver, 10, lambda d: not d.find_elements(By.CSS_SELECTOR, due), "visited: no longer due")
        _, _, body = http("GET", f"/v1/households/{household}", key)
        visits = json.loads(body)["visits"]
        check(len(visits) == 1 and "燃气阀门" in visits[0]["findings"], "the visit is recorded with its findings")

        print("/m/: a patrol report placed on the map")
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="report"]'), "tap 上报")
        wait(driver, 5, lambda d: d.find_element(By.ID, "report-description"), "the patrol form").send_keys("村道边垃圾堆积多日无人清运")
        tap_fresh(driver, lambda d: next(b for b in d.find_elements(By.CSS_SELECTOR, "main button") if b.text == "在地图上选点"), "tap 在地图上选点")
        area = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'#report-map path.grid[data-grid="{grid}"]'), "the map to pick on")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", area)
        # A spot near the middle of my grid, a little different each run (two runs' reports are not duplicates).
        ActionChains(driver).move_to_element_with_offset(area, int(area.rect["width"] * random.uniform(-0.15, 0.15)),
                                                         int(area.rect["height"] * random.uniform(-0.15, 0.15))).click().perform()
        wait(driver, 5, lambda d: "已在地图选点" in d.find_element(By.CSS_SELECTOR, "main form").text, "the spot is taken from the map")
        driver.save_screenshot(str(shots / "mobile-report.png"))
        accessible(driver, "/m/ patrol report with the map")
        tap(driver, next(b for b in driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")))
        reported = wait(driver, 10, lambda d: (lambda m: m.group(0) if m else None)(re.search(r"12345-\d{8}-\d+", d.find_element(By.ID, "toast").text)),
                        "the report's ticket number")
        _, _, body = http("GET", f"/v1/tickets/{reported}", ENV["OPERATOR_KEY"])
        patrol = json.loads(body)
        check(patrol["channel"] == "grid_patrol" and isinstance(patrol["location"].get("lat"), float), "a grid_patrol ticket with the spot's position")
        deadline = time.monotonic() + 15
        while patrol.get("routing") is None and time.monotonic() < deadline:
            time.sleep(0.3)
            patrol = json.loads(http("GET", f"/v1/tickets/{reported}", ENV["OPERATOR_KEY"])[2])
        check((patrol.get("routing") or {}).get("grid") == grid, "placed in my grid by the spot's position")
        http("POST", f"/v1/tickets/{patrol['id']}/cancel", ENV["OPERATOR_KEY"], {"reason": "界面测试结束"})

        print("/m/: acknowledging a one-key broadcast")
        status, _, body = http("POST", "/v1/broadcasts", ENV["OPERATOR_KEY"], {
            "scope": {"community": community}, "text": f"今晚大风，请检查辖区广告牌和临时搭建（界面测试 {random.randint(1000, 9999)}）", "requireAck": True})
        check(status == 201, "a broadcast to the community's workers")
        broadcast = json.loads(body)["id"]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(b["id"] == broadcast for b in json.loads(http("GET", "/v1/me/broadcasts", key)[2])["broadcasts"]):
            time.sleep(0.2)
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="tasks"]'), "tap 任务")
        banner = f'section.broadcast[data-broadcast="{broadcast}"]'
        wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, banner), "the broadcast asks for 收到 on the task list")
        driver.save_screenshot(str(shots / "mobile-broadcast.png"))
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, banner + " button.ack"), "tap 收到")
        wait(driver, 10, lambda d: not d.find_elements(By.CSS_SELECTOR, banner), "acknowledged: the banner goes")
        _, _, body = http("GET", f"/v1/broadcasts/{broadcast}", ENV["OPERATOR_KEY"])
        acknowledged = [r for r in json.loads(body)["recipients"] if r.get("acknowledgedAt")]
        check([r["grids"] for r in acknowledged] == [[grid]], "the centre sees this worker's acknowledgement")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the mobile page's console {errors}")
        # The next run's map starts without this run's second task.
        for action in ("accept", "resolve"):
            http("POST", f"/v1/tasks/{second['id']}/{action}", key, {"note": "界面测试结束"})

        print("/m/: the secretary's community view, 三重 first")
        status, _, body = http("POST", "/v1/tickets", ENV["OPERATOR_KEY"], {
            "channel": "phone", "caller": {"name": "测试居民", "phone": "139" + str(random.randint(10**7, 10**8 - 1))},
            "description": "村口挡土墙出现裂缝并倾斜，随时可能倒塌", "major": "accident",
            "location": {"address": f"营盘村{random.randint(1, 10**6)}号", "grid": "62040200400202"}})
        check(status == 201, "a 三重 matter in the community")
        major = json.loads(body)
        status, _, body = http("POST", "/v1/keys", ENV["ADMIN_KEY"], {"role": "secretary", "community": community, "name": "营盘村书记 界面测试"})
        check(status == 201, "a secretary's key")
        tap(driver, driver.find_element(By.ID, "signout"))
        wait(driver, 10, lambda d: d.find_element(By.ID, "signin-key"), "signed out").send_keys(json.loads(body)["key"], Keys.ENTER)
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, '#tabs button[data-tab="community"]'), "tap 社区")
        def major_first(d):
            cards = d.find_elements(By.CSS_SELECTOR, "main article.card:not(.broadcast)")
            ids = [c.get_attribute("data-id") for c in cards]
            if major["id"] not in ids:
                return None
            ahead = cards[:ids.index(major["id"]) + 1]
            return ahead[-1] if all("major" in c.get_attribute("class") for c in ahead) else False
        first = wait(driver, 20, major_first, "the 三重 matter is listed among the 三重 ones, before every other task")
        check(first and "三重" in first.text, "marked 三重")
        check("三重事项" in driver.find_element(By.CSS_SELECTOR, "main h2").text, "under the 三重 heading")
        driver.save_screenshot(str(shots / "mobile-community.png"))
        accessible(driver, "/m/ community view")
        tap_fresh(driver, lambda d: d.find_element(By.CSS_SELECTOR, f'main article[data-id="{major["id"]}"] button.summon'), "tap 吹哨")
        box = wait(driver, 10, lambda d: d.find_element(By.CSS_SELECTOR, f'main article[data-id="{major["id"]}"] .form input[type=checkbox]'),
                   "the departments to summon")
        department = box.get_attribute("value")
        tap(driver, box)
        driver.find_element(By.CSS_SELECTOR, f'main article[data-id="{major["id"]}"] .form input[type=text]').send_keys("请立即到现场排险")
        driver.save_screenshot(str(shots / "mobile-summon.png"))
        tap(driver, driver.find_element(By.CSS_SELECTOR, f'main article[data-id="{major["id"]}"] .form button[type=submit]'))
        wait(driver, 10, lambda d: "已吹哨" in d.find_element(By.ID, "toast").text, "the whistle is blown")
        _, _, body = http("GET", f"/v1/tickets/{major['id']}", ENV["OPERATOR_KEY"])
        summoned = [h for h in json.loads(body)["history"] if h["type"] == "ticket.summoned"]
        check(summoned and summoned[-1]["data"]["departments"] == [department], f"the history says who summoned {department}")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"no errors in the mobile page's console {errors}")
    except AssertionError:
        driver.save_screenshot(str(shots / "mobile-failure.png"))
        raise
    finally:
        driver.quit()
        photo.unlink(missing_ok=True)


if __name__ == "__main__":
    try:
        if sys.argv[1:] == ["supervision"]:
            supervision_pages()
            sys.exit(0)
        main()
        what_if_report()
        console_households(import_household("62040200400201"))
        mobile_grid_worker(import_household("62040200400201"))
        supervision_pages()
    except AssertionError as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
