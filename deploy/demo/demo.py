#!/usr/bin/env python3
"""`make demo`: tells the demo district's stories through the running stack's public contracts.

Posts realistic tickets, waits for the dispatcher's decisions, prints how each was routed and
which SMS went out, then lets a department return one ticket, another resolve one, the resident
rate it by SMS, and prints the result. Uses only .run/env, HTTP and the SMS sink file.
"""
import datetime, hashlib, hmac, json, os, subprocess, sys, time, urllib.parse, urllib.request, urllib.error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENV = dict(line.split("=", 1) for line in open(os.path.join(ROOT, ".run/env")).read().splitlines() if "=" in line)
BIN = os.environ.get("BIN_DIR", os.path.join(ROOT, ".build/debug"))
# `make up` writes the notifier's gateway secret (given or generated) to .run/env.
SECRET = ENV.get("SMS_GATEWAY_SECRET") or os.environ.get("SMS_GATEWAY_SECRET", "")

STORIES = [
    ("路灯不亮", {"channel": "phone", "caller": {"name": "张丽娟", "phone": "13909351001"},
              "description": "金岸路东段23号门前三盏路灯不亮，晚上行人看不清路", "location": {"address": "金岸路东段23号门前"}}),
    ("下水道堵塞", {"channel": "app", "caller": {"name": "王建军", "phone": "13909351002"},
               "description": "单元门口下水道堵塞，污水外溢漫到楼道口，进出都踩在污水里",
               "location": {"address": "水川花园北区6号楼2单元门口"}}),
    ("空调外机纠纷", {"channel": "phone", "caller": {"name": "刘秀兰", "phone": "13909351003"},
                "description": "楼上住户的空调外机正对我家卧室窗户，冷凝水一直往下滴，两家为此吵了好几次",
                "location": {"address": "水川花园3号楼1单元202"}}),
    ("独居老人夜间暖气漏水", {"channel": "phone", "caller": {"name": "赵德明", "phone": "13909351004"},
                    "description": "家里只有我一个八十岁老人，半夜暖气片接口漏水，地上全是水，关不住阀门", "urgency": "urgent",
                    "location": {"address": "康乐花园1号楼2单元301"}}),
    ("山洪冲倒院墙（三重·灾害）", {"channel": "grid_patrol", "caller": {"name": "网格员", "phone": "13909351005"},
                       "description": "暴雨引发山洪，村口院墙被洪水冲倒，两户人家院子进水，有老人被困", "major": "disaster",
                       "location": {"address": "沙井村三组12号"}}),
    ("供水管道爆裂（1+N）", {"channel": "phone", "caller": {"name": "孙海燕", "phone": "13909351006"},
                     "description": "路口地下供水管道爆裂，水往外喷，路面已经冲出一个大坑，需要抢修并围挡",
                     "location": {"address": "朝阳路东段与人民路交叉口"}}),
    ("只有地址", {"channel": "web", "caller": {"name": "陈志强", "phone": "13909351007"},
              "description": "小区垃圾站三天没人清运，味道很大", "location": {"address": "有色小区8号楼东侧"}}),
    ("只有坐标", {"channel": "app", "caller": {"name": "周玉梅", "phone": "13909351008"},
              "description": "这里的路面塌陷了一块，晚上骑车很危险", "location": {"lat": 36.500714, "lon": 104.156318}}),
    ("无法定位", {"channel": "phone", "caller": {"name": "吴晓东", "phone": "13909351009"},
              "description": "路灯不亮好几天了，晚上出门不方便", "location": {"address": "城西老市场那边的路口"}}),
]


def call(method, url, body=None, key=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if key:
        req.add_header("Authorization", "Bearer " + key)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


def ticket(tid):
    return call("GET", ENV["INTAKE_URL"] + "/v1/tickets/" + tid, key=ENV["OPERATOR_KEY"])[1]


def wait(tid, done, seconds=15):
    end = time.time() + seconds
    t = ticket(tid)
    while not done(t) and time.time() < end:
        time.sleep(0.2)
        t = ticket(tid)
    return t


def sms_for(number):
    path = ENV.get("SMS_SINK_FILE", os.path.join(ROOT, ".run/sms.jsonl"))
    if not os.path.exists(path):
        return []
    return [m for m in map(json.loads, open(path, encoding="utf-8").read().splitlines()) if m.get("ticketNumber") == number]


def mask(phone):
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else phone[:4] + "****"


def department_key(code):
    out = subprocess.run([os.path.join(BIN, "intake"), "keys", "create", "--role", "department", "--department", code,
                          "--name", "demo-" + code], capture_output=True, text=True, check=True,
                         env={**os.environ, "DATABASE_URL": ENV["DATABASE_URL"]})
    return out.stdout.strip()


def local(iso):
    """An API timestamp in the jurisdiction's local time (UTC+8), for reading."""
    if not iso:
        return "-"
    at = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return at.astimezone(datetime.timezone(datetime.timedelta(hours=8))).strftime("%m-%d %H:%M")


def show(title, t):
    r = t.get("routing") or {}
    deps = "、".join(f"{d['name']}({'主办' if d['role'] == 'lead' else '协办'})" for d in t.get("departments", [])) or "-"
    dl = t.get("deadlines") or {}
    print(f"\n■ {title}  {t['number']}  [{t['status']}]  紧急程度: {t.get('urgency') or '-'}")
    print(f"  网格: {r.get('gridName') or '-'} ({r.get('grid') or '-'})  社区: {r.get('communityName') or '-'}  街道: {r.get('streetName') or '-'}")
    print(f"  承办: {t.get('handler') or '-'}  部门: {deps}")
    print(f"  响应时限: {dl.get('respondByText') or local(dl.get('respondBy'))}  办结时限: {dl.get('resolveByText') or local(dl.get('resolveBy'))}")
    for reason in r.get("reasons", []):
        print(f"  · {reason}")
    time.sleep(0.5)
    for m in sms_for(t["number"]):
        print(f"  ✉ {m['kind']:<16} → {mask(m['to'])}: {m['text']}")


def red_household_call():
    """A call from a red (重点) household of the registry: urgent at once, the grid worker alerted."""
    status, page = call("GET", ENV["INTAKE_URL"] + "/v1/households?colour=red&limit=1", key=ENV["OPERATOR_KEY"])
    if status != 200 or not page.get("households"):
        return print("\n(no households loaded: `make demo` loads deploy/demo/households.json)")
    _, household = call("GET", ENV["INTAKE_URL"] + "/v1/households/" + page["households"][0]["code"], key=ENV["OPERATOR_KEY"])
    member = next((m for m in household["members"] if m.get("phone")), None)
    if not member:
        return
    print(f"\n== 一户一档：红色重点户 {household['code']}（{household['colourReason']}）来电 ==")
    body = {"channel": "phone", "caller": {"name": member["name"], "phone": member["phone"]},
            "description": "家里暖气片接口漏水，地上都是水，我一个人弄不了", "location": {"address": household["address"]}}
    status, t = call("POST", ENV["INTAKE_URL"] + "/v1/tickets", body, key=ENV["OPERATOR_KEY"])
    if status == 201:
        show("红色重点户来电", wait(t["id"], lambda t: t.get("status") != "received"))


def direct_answer():
    """知识库直接答复: a question answered on the call from the demo's articles (docs/knowledge.md)."""
    question = "我想问一下今年医保交多少钱"
    print(f"\n== 知识库直接答复：来电询问“{question}” ==")
    status, found = call("GET", ENV["INTAKE_URL"] + "/v1/knowledge/search?" + urllib.parse.urlencode({"q": question, "limit": 3}),
                         key=ENV["OPERATOR_KEY"])
    results = found.get("results", []) if status == 200 else []
    for hit in results:
        print(f"  建议 {hit['score']:.3f}  {hit['title']}")
    if not results:
        print(f"  知识库无结果（HTTP {status}；KNOWLEDGE 未加载？）")
        return
    status, t = call("POST", ENV["INTAKE_URL"] + "/v1/tickets", {"channel": "phone", "caller": {"name": "李秀英", "phone": "13909351009"},
                     "description": question, "answer": {"article": results[0]["id"]}}, key=ENV["OPERATOR_KEY"])
    print(f"  以“{results[0]['title']}”直接答复 -> HTTP {status}, 工单 {t.get('number')} 状态 {t.get('status')}（不派单、不生成任务）")
    for _ in range(50):
        if sms_for(t.get("number", "")):
            break
        time.sleep(0.1)
    for message in sms_for(t.get("number", "")):
        print(f"  短信[{message['kind']}] -> {mask(message['to'])}: {message['text']}")


def inbound(phone, text):
    """An SMS from `phone` as the gateway posts it to the notifier, signed."""
    raw = json.dumps({"messageId": f"demo-{time.time_ns()}", "from": phone, "text": text,
                      "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode()
    stamp = str(int(time.time()))
    sig = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return call("POST", ENV["NOTIFIER_URL"] + "/v1/sms/inbound", raw=raw,
                headers={"X-Hotline-Timestamp": stamp, "X-Hotline-Signature": sig})


def volunteer_order():
    """群众点单、社区派单、志愿者接单、群众评单: a meal order offered to the community's volunteers (docs/volunteers.md)."""
    path = os.path.join(ROOT, "deploy/demo/volunteers.json")
    volunteers = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else []
    status, page = call("GET", ENV["INTAKE_URL"] + "/v1/volunteers?limit=1", key=ENV["OPERATOR_KEY"])
    cook = next((v for v in volunteers if "meal_help" in v["skills"] and not v.get("weekdays")), None)
    if status != 200 or not page.get("volunteers") or not cook:
        return print("\n(no volunteers loaded: `make demo` loads deploy/demo/volunteers.json)")
    grids = json.load(open(os.path.join(ROOT, "deploy/demo/grids.geojson"), encoding="utf-8"))["features"]
    grid = next(f["properties"] for f in grids if f["properties"]["community"]["code"] == cook["community"])
    print(f"\n== 群众点单：{grid['community']['name']}居民点“养老助餐”，社区派给有此技能的志愿者，先接先得 ==")
    status, t = call("POST", ENV["INTAKE_URL"] + "/v1/tickets", {
        "channel": "phone", "caller": {"name": "马桂兰", "phone": "13909351010"}, "category": "meal_help",
        "description": "我今年八十二岁，一个人住，腿脚不便，想订社区的养老助餐，每天中午送餐上门",
        "location": {"address": (grid.get("aliases") or [grid["name"]])[0] + "5号楼1单元101", "grid": grid["code"]}}, key=ENV["OPERATOR_KEY"])
    if status != 201:
        return print(f"  点单失败 HTTP {status} {t}")
    show("养老助餐（派单）", wait(t["id"], lambda t: t.get("status") != "received"))
    time.sleep(1)
    status, out = inbound(cook["phone"], f"接单 {t['number']}")
    print(f"  志愿者{cook['name']}（{cook['code']}）回复“接单 {t['number']}” -> {out.get('outcome')}")
    status, out = inbound(cook["phone"], f"{t['number']} 办结 午餐已送到，老人吃上了热饭")
    print(f"  志愿者回复“办结” -> {out.get('outcome')}")
    time.sleep(1)
    status, out = inbound("13909351010", "1")
    print(f"  居民回复 1 -> {out.get('outcome')}")
    show("养老助餐（评单后）", wait(t["id"], lambda t: t.get("status") == "closed"))
    _, card = call("GET", ENV["INTAKE_URL"] + "/v1/volunteers/" + cook["code"], key=ENV["OPERATOR_KEY"])
    print(f"  志愿者{cook['name']}积分：{card.get('points')}（{len(card.get('tickets') or [])} 单服务）")


def main():
    print("== 12345 热线演示：河湾区 ==")
    created = []
    for title, body in STORIES:
        status, t = call("POST", ENV["INTAKE_URL"] + "/v1/tickets", body, key=ENV["OPERATOR_KEY"])
        if status != 201:
            sys.exit(f"POST failed for {title}: {status} {t}")
        created.append((title, t["id"]))
    results = {}
    for title, tid in created:
        t = wait(tid, lambda t: t.get("status") != "received")
        results[title] = t
        show(title, t)

    red_household_call()

    print("\n== 退单：主办的自来水公司认为管网产权属市政，退回供水管道工单，系统改派 ==")
    water = results["供水管道爆裂（1+N）"]
    lead = next(d["code"] for d in water["departments"] if d["role"] == "lead")
    status, t = call("POST", f"{ENV['INTAKE_URL']}/v1/tasks/{water['id']}/return",
                     {"note": "该路段供水管网产权属市政，请转城管"}, key=department_key(lead))
    print(f"  {lead} 退单 -> HTTP {status}, 现状态 {t.get('status')}, 部门 {[d['code'] for d in t.get('departments', [])]}"
          + (f"  ({t['error']['message']})" if "error" in t else ""))

    print("\n== 办结与评价：城管局办结路灯工单，居民短信回复 1（满意） ==")
    light = results["路灯不亮"]
    key = department_key("CG")
    call("POST", f"{ENV['INTAKE_URL']}/v1/tasks/{light['id']}/accept", {"note": "已派维修班组"}, key=key)
    status, t = call("POST", f"{ENV['INTAKE_URL']}/v1/tasks/{light['id']}/resolve", {"note": "已更换灯泡三盏，恢复照明"}, key=key)
    print(f"  CG 办结 -> HTTP {status}, 状态 {t.get('status')}" + (f"  ({t['error']['message']})" if "error" in t else ""))
    time.sleep(1)
    raw = json.dumps({"messageId": f"demo-{time.time_ns()}", "from": "13909351001", "text": "1",
                      "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode()
    stamp = str(int(time.time()))
    sig = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    status, out = call("POST", ENV["NOTIFIER_URL"] + "/v1/sms/inbound", raw=raw,
                       headers={"X-Hotline-Timestamp": stamp, "X-Hotline-Signature": sig})
    print(f"  居民回复 1 -> HTTP {status} {out}")
    show("路灯不亮（评价后）", wait(light["id"], lambda t: t.get("status") == "closed"))

    direct_answer()
    volunteer_order()

    status, stats = call("GET", ENV["INTAKE_URL"] + "/v1/stats?groupBy=street", key=ENV["OPERATOR_KEY"])
    if status == 200:
        print("\n== 统计（按街道） ==")
        print(json.dumps(stats, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
