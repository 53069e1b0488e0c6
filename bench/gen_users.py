#!/usr/bin/env python3
"""Write N gas users as a CSV in the published data standard (docs/data-standard/gas-users.schema.json),
spread over the communities already in the database (so every row is valid and new).

    gen_users.py DATABASE_URL OUT.csv N
"""
import csv, json, random, subprocess, sys

url, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sql = "SELECT e.code, c.code FROM community c JOIN enterprise e ON e.id = c.enterprise_id ORDER BY c.id"
if url.startswith("sqlite://"):
    rows = subprocess.run(["sqlite3", "-separator", ",", url[len("sqlite://"):], sql], capture_output=True, text=True, check=True).stdout
else:
    rows = subprocess.run(["psql", url, "-AtF", ",", "-c", sql], capture_output=True, text=True, check=True).stdout
communities = [tuple(l.split(",")) for l in rows.splitlines() if l]
assert communities, "no communities: load `ranjian demo --scale city` first"
headers = [c["header"] for c in json.load(open("docs/data-standard/gas-users.schema.json"))["x-columns"]]
rng = random.Random(7)
surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛"]
yn = lambda p: "是" if rng.random() < p else "否"
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(headers)
    for i in range(n):
        ent, comm = communities[i % len(communities)]
        w.writerow([ent, f"BENCH{i:07d}", "居民", rng.choice(surnames) + rng.choice(given), comm,
                    f"{comm}小区{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(101, 2802)}",
                    f"139{rng.randint(0, 99999999):08d}", "管道天然气",
                    yn(0.6), yn(0.35), yn(0.55), yn(0.8), yn(0.7), "正常"])
