#!/usr/bin/env python3
"""Generates the benchmark's alert corpus and the inventory it refers to, deterministically from a seed.

Writes into OUT:
  corpus.tsv      one alert per line: "<expect>\t<json>", expect "2xx" or "4xx"; the JSON carries the placeholder
                  @ID@ where its externalId goes, so the load generator gives every request a fresh id
  assets.csv, identities.csv, indicators.csv   the inventory (POST /api/v1/{assets,identities,indicators}/import)

All eleven categories, every severity, MITRE tactics and techniques the shipped rules look at, vulnerability alerts
naming CVEs from the project's KEV/EPSS/SSVC fixtures (and unknown ones), hosts and accounts drawn with a skewed
(Zipf-like) distribution so some entities repeat often, known-bad IPs and file hashes, and about BAD_RATE of
invalid inputs (malformed JSON, unknown enum values, wrong types, missing fields, bad addresses) that must get 4xx.
"""
import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import random

CATEGORIES = ["malware", "phishing", "credential-access", "lateral-movement", "exfiltration", "command-and-control",
              "privilege-escalation", "vulnerability", "policy-violation", "reconnaissance", "other"]
SEVERITIES = [("informational", 5), ("low", 20), ("medium", 35), ("high", 28), ("critical", 12)]
SOURCES = ["splunk-es", "sentinel", "crowdstrike", "defender", "elastic", "qradar", "tenable", "wiz"]
TITLES = {
    "malware": ["Encoded PowerShell download cradle", "Ransomware note dropped", "Known malware hash executed"],
    "phishing": ["Credential phishing link clicked", "Malicious attachment opened"],
    "credential-access": ["LSASS memory read", "Password spray against VPN", "Kerberoasting detected"],
    "lateral-movement": ["PsExec service created remotely", "RDP from workstation to server"],
    "exfiltration": ["Large upload to cloud storage", "DNS tunnelling volume"],
    "command-and-control": ["Beacon to known C2 address", "Periodic HTTPS beaconing"],
    "privilege-escalation": ["New local administrator", "Sudo to root by unusual user"],
    "vulnerability": ["Critical vulnerability on exposed host", "KEV-listed vulnerability detected", "Scanner finding"],
    "policy-violation": ["USB mass storage used", "Unapproved remote access tool"],
    "reconnaissance": ["Internal port scan", "LDAP enumeration"],
    "other": ["Suspicious login time", "Unusual process tree"],
}
MITRE = {
    "malware": (["TA0002", "TA0011"], ["T1059.001", "T1486"]),
    "phishing": (["TA0001"], ["T1566.001"]),
    "credential-access": (["TA0006"], ["T1003", "T1003.001", "T1110"]),
    "lateral-movement": (["TA0008"], ["T1021.002"]),
    "exfiltration": (["TA0010"], ["T1567"]),
    "command-and-control": (["TA0011"], ["T1071.001"]),
    "privilege-escalation": (["TA0004"], ["T1068"]),
    "vulnerability": (["TA0001"], ["T1190"]),
    "policy-violation": ([], []),
    "reconnaissance": (["TA0007"], ["T1046"]),
    "other": (["TA0040"], ["T1490"]),
}
KNOWN_CVES = ["CVE-2021-44228", "CVE-2023-4966", "CVE-2024-3400", "CVE-2026-10001"]
BAD_RATE = 0.03


def zipf_pick(rng, items, s=1.1):
    # weights 1/rank^s, precomputed per list by the caller's cache
    weights = zipf_pick.cache.get((id(items), s))
    if weights is None:
        weights = [1.0 / (rank ** s) for rank in range(1, len(items) + 1)]
        zipf_pick.cache[(id(items), s)] = weights
    return rng.choices(items, weights=weights)[0]


zipf_pick.cache = {}


def inventory(rng, out):
    hosts, users, bad_ips, bad_hashes = [], [], [], []
    criticalities = [("crown-jewel", 5), ("high", 20), ("medium", 40), ("low", 35)]
    environments = [("production", 55), ("staging", 20), ("development", 25)]
    exposures = ["small", "controlled", "open"]
    with open(os.path.join(out, "assets.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "hostnames", "addresses", "criticality", "environment", "exposure", "ownerTeam"])
        for i in range(400):
            name = f"{rng.choice(['web', 'db', 'app', 'fin-db', 'dc', 'ws', 'k8s-node'])}-{i:03d}"
            ip = f"10.{i // 250}.{i % 250}.{rng.randint(2, 250)}"
            w.writerow([f"cmdb-{i}", name, ip, weighted(rng, criticalities), weighted(rng, environments),
                        rng.choice(exposures), rng.choice(["payments", "platform", "it", "research"])])
            hosts.append((name, ip))
    with open(os.path.join(out, "identities.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "accountName", "privileged", "serviceAccount", "vip", "department"])
        for i in range(300):
            kind = rng.random()
            name = (f"adm.user{i}" if kind < 0.1 else f"svc-app{i}" if kind < 0.2 else f"user{i}")
            w.writerow([f"hr-{i}", name, str(kind < 0.1).lower(), str(0.1 <= kind < 0.2).lower(),
                        str(rng.random() < 0.03).lower(), rng.choice(["finance", "it", "sales", "research"])])
            users.append(name)
    with open(os.path.join(out, "indicators.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["type", "value", "source", "confidence"])
        for i in range(150):
            ip = f"203.0.{113 + i // 250}.{i % 250 + 1}"
            w.writerow(["ipv4", ip, "bench-feed", rng.randint(40, 95)])
            bad_ips.append(ip)
        for i in range(100):
            digest = hashlib.sha256(f"bad-file-{i}".encode()).hexdigest()
            w.writerow(["sha256", digest, "bench-feed", rng.randint(40, 95)])
            bad_hashes.append(digest)
    return hosts, users, bad_ips, bad_hashes


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def alert(rng, now, hosts, users, bad_ips, bad_hashes):
    category = rng.choice(CATEGORIES)
    tactics, techniques = MITRE[category]
    occurred = now - dt.timedelta(minutes=rng.choice([rng.randint(0, 90), rng.randint(0, 3 * 24 * 60)]))
    a = {
        "source": rng.choice(SOURCES),
        "externalId": "@ID@",
        "title": rng.choice(TITLES[category]),
        "category": category,
        "severity": weighted(rng, SEVERITIES),
        "confidence": rng.randint(10, 100),
        "occurredAt": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if tactics and rng.random() < 0.85:
        a["mitre"] = {"tactics": rng.sample(tactics, rng.randint(1, len(tactics))),
                      "techniques": rng.sample(techniques, rng.randint(1, len(techniques)))}
    entities = {}
    if rng.random() < 0.9:
        entities["hosts"] = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            if rng.random() < 0.8:
                name, ip = zipf_pick(rng, hosts)
                entities["hosts"].append({"hostname": name, "ip": ip})
            else:
                entities["hosts"].append({"hostname": f"unknown-{rng.randint(1, 5000)}"})
        seen = set()
        entities["hosts"] = [h for h in entities["hosts"] if not (h["hostname"] in seen or seen.add(h["hostname"]))]
    if rng.random() < 0.6:
        entities["users"] = [{"name": zipf_pick(rng, users) if rng.random() < 0.85 else f"nobody{rng.randint(1, 999)}"}]
    if category in ("command-and-control", "exfiltration", "malware", "phishing", "reconnaissance") or rng.random() < 0.2:
        address = rng.choice(bad_ips) if rng.random() < 0.3 else f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        entities["ips"] = [{"address": address, "direction": rng.choice(["outbound", "inbound"])}]
    if category in ("malware", "phishing") and rng.random() < 0.7:
        digest = rng.choice(bad_hashes) if rng.random() < 0.3 else hashlib.sha256(str(rng.random()).encode()).hexdigest()
        entities["files"] = [{"sha256": digest}]
    if category == "vulnerability":
        cves = rng.sample(KNOWN_CVES, rng.randint(1, 2))
        if rng.random() < 0.4:
            cves.append(f"CVE-2026-{rng.randint(20000, 29999)}")
        entities["cves"] = cves
    if entities:
        a["entities"] = entities
    if rng.random() < 0.5:
        a["attributes"] = {"process": rng.choice(["powershell.exe", "cmd.exe", "bash", "python3", "rundll32.exe"]),
                           "commandLine": "x" * rng.randint(10, 300)}
    return a


def bad(rng, good):
    """An invalid variant of a valid alert and the status class it must get."""
    kind = rng.randrange(6)
    if kind == 0:
        return json.dumps(good)[:-7]  # malformed JSON: 400
    a = dict(good)
    if kind == 1:
        a["severity"] = "catastrophic"
    elif kind == 2:
        a["confidence"] = str(a["confidence"])
    elif kind == 3:
        del a["title"]
    elif kind == 4:
        a["occurredAt"] = "yesterday"
    else:
        a["entities"] = {"ips": [{"address": "300.1.2.3"}]}
    return json.dumps(a, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    hosts, users, bad_ips, bad_hashes = inventory(rng, args.out)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    counts = {"2xx": 0, "4xx": 0}
    with open(os.path.join(args.out, "corpus.tsv"), "w") as f:
        for _ in range(args.count):
            good = alert(rng, now, hosts, users, bad_ips, bad_hashes)
            if rng.random() < BAD_RATE:
                f.write("4xx\t" + bad(rng, good) + "\n")
                counts["4xx"] += 1
            else:
                f.write("2xx\t" + json.dumps(good, separators=(",", ":")) + "\n")
                counts["2xx"] += 1
    print(json.dumps({"alerts": args.count, **counts, "hosts": len(hosts), "users": len(users)}))


if __name__ == "__main__":
    main()
