#!/usr/bin/env python3
"""Generate promptscan's labelled PHI/PII evaluation corpus (stdlib only, deterministic).

    python3 generate.py      # rewrites ./corpus/ and ./LABELS.tsv next to this script

Every person is fake: Faker-style first and last names drawn from short lists, identifiers
generated with their public checksums (SSN ranges, Luhn cards, NPI, DEA, MBI, NHS mod 11, SIN,
IBAN mod 97), dates, phones and e-mail addresses at invented domains.  Decoys are the look-alikes
of docs/detection.md, "Look-alike values": UUIDs, digests, epoch timestamps, order numbers,
version strings, OIDs, checksum-invalid look-alikes, SSH remotes, retina asset names.

LABELS.tsv follows ../shared/eval/README.md: `path line category label expected case_id source
preview`; `detect` rows hold exactly one planted identifier (or one structural record line),
`ignore` rows one decoy; unlabelled lines hold neither.  Markers D(label, category, value) and
I(label, category, value) are replaced by the value; write() records the line each landed on.
"""
import json
import os
import random
import re
import shutil
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
SEED = 20240603
R = random.Random(SEED)

FIRST = ["John", "Jane", "Maria", "Ahmed", "Wei", "Olivia", "Liam", "Sofia", "Noah", "Emma", "Lucas", "Aisha", "Mateo", "Chloe",
         "Ethan", "Priya", "Jonas", "Hana", "Diego", "Grace"]
LAST = ["Doe", "Roe", "Gonzalez", "Khan", "Zhang", "Smith", "Novak", "Rossi", "Okafor", "Schmidt", "Dubois", "Larsen", "Tanaka",
        "Silva", "Murphy", "Kowalski", "Haddad", "Nguyen", "Fischer", "Moreau"]
DOMAINS = ["mailbox-demo.net", "stmarys-clinic.org", "harbourview-health.com", "northfield-care.co.uk", "acmeinsure.io"]
STREETS = ["Maple", "Oak", "Cedar", "Willow", "Birch", "Elm", "Aspen", "Hawthorn"]
TYPES = ["Street", "Avenue", "Road", "Lane", "Drive", "Court"]

cases = []
counter = [0]


def luhn_ok(d):
    t = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        t += n
    return t % 10 == 0


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def complete_luhn(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c


def name():
    return f"{R.choice(FIRST)} {R.choice(LAST)}"


def ssn():
    while True:
        a = R.randrange(1, 900)
        if a != 666:
            break
    return f"{a:03d}-{R.randrange(1, 100):02d}-{R.randrange(1, 10000):04d}"


def card():
    prefix = R.choice(["4", "51", "52", "53", "54", "55", "6011", "37"])
    length = 15 if prefix == "37" else 16
    number = complete_luhn(prefix + digits(length - len(prefix) - 1))
    if length == 16:
        return " ".join(number[i:i + 4] for i in range(0, 16, 4))
    return number


def npi():
    while True:
        body = R.choice("12") + digits(8)
        for c in "0123456789":
            if luhn_ok("80840" + body + c):
                return body + c


def dea():
    d = [R.randrange(10) for _ in range(6)]
    c = ((d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])) % 10
    return R.choice("ABFM") + R.choice("BCDGKMNRSTW") + "".join(map(str, d)) + str(c)


def mbi():
    letters = "ACDEFGHJKMNPQRTUVWXY"
    alnum = letters + "0123456789"
    s = [str(R.randrange(1, 10)), R.choice(letters), R.choice(alnum), str(R.randrange(10)), R.choice(letters), R.choice(alnum),
         str(R.randrange(10)), R.choice(letters), R.choice(letters), str(R.randrange(10)), str(R.randrange(10))]
    s = "".join(s)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}"


def nhs():
    while True:
        d = [R.choice([4, 6, 7])] + [R.randrange(10) for _ in range(8)]
        c = 11 - sum(x * w for x, w in zip(d, range(10, 1, -1))) % 11
        if c == 10:
            continue
        s = "".join(map(str, d)) + str(0 if c == 11 else c)
        return f"{s[:3]} {s[3:6]} {s[6:]}"


def sin():
    while True:
        body = str(R.choice([1, 2, 3, 4, 5, 6, 7, 9])) + digits(7)
        for c in "0123456789":
            if luhn_ok(body + c):
                s = body + c
                return f"{s[:3]} {s[3:6]} {s[6:]}"


def iban():
    cc, n = R.choice([("DE", 18), ("FR", 23), ("ES", 20), ("IT", 23)])
    bban = digits(n) if cc != "IT" else R.choice("ABCDEFGHIJ") + digits(22)
    num = int("".join(str(int(ch, 36)) for ch in bban + cc + "00"))
    s = cc + "%02d" % (98 - num % 97) + bban
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def dob():
    return f"{R.randrange(1, 13):02d}/{R.randrange(1, 29):02d}/{R.randrange(1935, 2005)}"


def iso_dob():
    return f"{R.randrange(1935, 2005)}-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}"


def mrn():
    return str(R.randrange(10**6, 10**8))


def phone():
    while True:
        area, exch = R.randrange(201, 990), R.randrange(200, 1000)
        if area % 100 != 11 and exch % 100 != 11 and str(area)[1] != "9" and exch != 555:
            return f"({area}) {exch}-{R.randrange(10000):04d}"


def email(person):
    first, last = person.lower().split()
    return f"{first}.{last}{R.randrange(10, 99)}@{R.choice(DOMAINS)}"


def address():
    return f"{R.randrange(10, 9999)} {R.choice(STREETS)} {R.choice(TYPES)}"


def public_ip():
    return f"{R.choice([81, 62, 91, 145, 178])}.{R.randrange(1, 255)}.{R.randrange(1, 255)}.{R.randrange(1, 255)}"


def bad_luhn_card():
    number = card().replace(" ", "")
    last = (int(number[-1]) + 1) % 10
    return number[:-1] + str(last)


MARK = re.compile(r"\x00(\d+)\x00")


def mark(expected, category, label, value):
    counter[0] += 1
    cases.append({"id": counter[0], "expected": expected, "category": category, "label": label, "value": value})
    return f"\x00{counter[0]}\x00"


def D(category, label, value):
    return mark("detect", category, label, value)


def I(category, label, value):
    return mark("ignore", category, label, value)


labels = []


def write(path, text, json_escape=False):
    by_id = {c["id"]: c for c in cases}
    out_lines = []
    for line in text.split("\n"):
        found = MARK.findall(line)
        if len(found) > 1:
            raise SystemExit(f"{path}: two markers on one line: {line!r}")
        for ident in found:
            case = by_id[int(ident)]
            value = json.dumps(case["value"])[1:-1] if json_escape else case["value"]
            line = line.replace(f"\x00{ident}\x00", value)
            preview = case["value"][:4] + "…" if len(case["value"]) > 6 else "…"
            labels.append((path, len(out_lines) + 1, case["category"], case["label"], case["expected"], f"phi-{case['id']:04d}",
                           "synthetic", preview))
        out_lines.append(line)
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write("\n".join(out_lines))


def few_shot_prompt(i):
    lines = ["---", "model: claude-sonnet", "---", "You are a triage assistant. Summarise each case in one line.", ""]
    for k in range(4):
        p = name()
        lines += [f"## Example {k + 1}", f"Patient: {D('phi', 'patient-name', p)}", f"DOB: {D('phi', 'dob', dob())}",
                  f"MRN: {D('phi', 'mrn', mrn())}", f"SSN: {D('pii', 'ssn', ssn())}", f"Phone: {D('pii', 'phone', phone())}",
                  f"Email: {D('pii', 'email', email(p))}", "Complaint: intermittent chest pain for two days.",
                  f"Ticket: {I('pii', 'epoch-seconds', str(R.randrange(1_600_000_000, 1_750_000_000)))}",
                  f"Order: {I('pii', 'order-number', bad_luhn_card().replace(' ', ''))}", ""]
    lines += [f"Schema version {I('pii', 'version-string', '10.0.19041.1')}", f"Request id {I('pii', 'uuid', str(uuid.UUID(int=R.getrandbits(128))))}",
              "Summary:"]
    write(f"prompts/triage-{i}.prompt", "\n".join(lines) + "\n")


def billing_prompt(i):
    p = name()
    lines = ["You help customers with billing questions. Use the account details below.", "",
             f"Customer: {D('pii', 'customer-name', p)}", f"Card on file: {D('pii', 'card', card())}", f"IBAN: {D('pii', 'iban', iban())}",
             f"Billing address: {D('pii', 'address', address())}", f"Contact phone: {D('pii', 'phone', phone())}",
             f"Medicare MBI: {D('phi', 'mbi', mbi())}", f"Invoice date 2024-0{R.randrange(1, 9)}-1{R.randrange(0, 9)}",
             f"Build {I('pii', 'build-number', '4.1.1.1111')}", f"Docs: {I('pii', 'ssh-remote', 'git@github.com:acme/billing.git')}",
             f"Logo: {I('pii', 'retina-asset', 'logo@2x.png')}", ""]
    write(f"prompts/billing-{i}.prompt.md", "\n".join(lines))


def fhir_patient(i):
    p = name().split()
    lines = ["{", f'  {D("phi", "fhir-patient", chr(34) + "resourceType" + chr(34) + ": " + chr(34) + "Patient" + chr(34))},',
             f'  "id": "{I("pii", "uuid", str(uuid.UUID(int=R.getrandbits(128))))}",',
             '  "meta": {"versionId": "3", "lastUpdated": "2024-01-15T08:30:00Z"},',
             f'  "name": [{{"family": "{D("phi", "fhir-name", p[1])}", "given": ["{p[0]}"]}}],',
             f'  "birthDate": "{D("phi", "dob", iso_dob())}",',
             f'  "mrn": "{D("phi", "mrn", mrn())}",',
             f'  "email": "{D("pii", "email", email(" ".join(p)))}",',
             f'  "phone": "{D("pii", "phone", phone())}",',
             f'  "postalCode": "{R.randrange(10000, 99999):05d}",',
             f'  "deviceTimestamp": {I("pii", "epoch-millis", str(R.randrange(1_600_000_000_000, 1_750_000_000_000)))},',
             f'  "etag": "{I("pii", "sha1", "%040x" % R.getrandbits(160))}"', "}", ""]
    write(f"fixtures/fhir/patient-{i}.json", "\n".join(lines))


def hl7(i):
    p = name().split()
    pid = f"PID|1||{mrn()}^^^HOSP^MR||{p[1].upper()}^{p[0].upper()}||{R.randrange(1935, 2005)}0{R.randrange(1, 9)}1{R.randrange(0, 9)}|F"
    lines = [f"MSH|^~\\&|EPIC|HOSP|LAB|HOSP|2024011508{R.randrange(10, 59)}||ADT^A01|MSG{R.randrange(10**5, 10**6)}|P|2.5",
             D("phi", "hl7-pid", pid), "PV1|1|I|W^389^1^UABH^^^^3", ""]
    write(f"fixtures/hl7/adt-{i}.hl7", "\n".join(lines))


def cassette(i):
    p = name()
    messages = [f"My NPI is {npi()} and I bill for Dr. {p.split()[1]}.", f"The patient's NHS number is {nhs()}.",
                f"Her SIN is {sin()} if that helps.", f"Prescriber DEA {dea()} signed it."]
    labels_for = [("phi", "npi"), ("pii", "nhs"), ("pii", "sin"), ("phi", "dea")]
    lines = ["interactions:", "- request:", "    body: '{\"model\": \"claude-sonnet-4\", \"max_tokens\": 512}'", "    headers:",
             "      content-type: [application/json]", "    method: POST", "    uri: https://api.anthropic.com/v1/messages", "  response:",
             "    body:", "      string: |"]
    for (category, label), text in zip(labels_for, messages):
        lines.append("        " + D(category, label, text))
    lines += ["    status: {code: 200, message: OK}",
              f"    x-request-id: {I('pii', 'uuid', str(uuid.UUID(int=R.getrandbits(128))))}",
              f"    date-epoch: {I('pii', 'epoch-seconds', str(R.randrange(1_600_000_000, 1_750_000_000)))}", "version: 1", ""]
    write(f"fixtures/cassettes/chat-{i}.yaml", "\n".join(lines))


def notebook(i):
    rows = []
    for _ in range(3):
        p = name()
        rows.append(D("pii", "email", email(p)))
    source = ["import pandas as pd\n", "df = pd.read_csv('cohort.csv')\n", "df[['email']].head(3)\n"]
    # Build the notebook JSON by hand so each output row is on its own line.
    out = ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "execution_count": 3,', '   "metadata": {},',
           '   "outputs": [', '    {', '     "name": "stdout",', '     "output_type": "stream",', '     "text": [',
           '      "   email\\n",']
    for k, row in enumerate(rows):
        out.append(f'      "{k}   {row}\\n"' + ("," if k < 2 else ""))
    out += ['     ]', '    }', '   ],', '   "source": [']
    out += [f'    {json.dumps(s)}' + ("," if n < len(source) - 1 else "") for n, s in enumerate(source)]
    out += ['   ]', '  },', '  {', '   "cell_type": "markdown",', '   "metadata": {},', '   "source": [',
            f'    "Cohort built on {I("pii", "iso-date", "2024-03-14")},\\n",',
            f'    "pipeline {I("pii", "version-string", "v1.2.3.4")}"',
            '   ]', '  }', ' ],', ' "metadata": {"kernelspec": {"name": "python3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}', '']
    write(f"notebooks/cohort-{i}.ipynb", "\n".join(out))


def code_file(i):
    lines = ["import uuid", "import time", "", "ORDER_PREFIX = 'ORD'", "",
             f"DEFAULT_ID = '{I('pii', 'uuid', str(uuid.UUID(int=R.getrandbits(128))))}'",
             f"CREATED = {I('pii', 'epoch-seconds', str(R.randrange(1_600_000_000, 1_750_000_000)))}",
             f"ORDER_NUMBER = '{I('pii', 'order-number', complete_luhn('4' + digits(14)))}'",
             f"VERSION = '{I('pii', 'version-string', '10.0.19041.1')}'",
             f"OID = '{I('pii', 'oid', '1.3.6.1.4.1.311.21.8')}'",
             f"DIGEST = '{I('pii', 'sha256', '%064x' % R.getrandbits(256))}'",
             f"BIND = '{I('pii', 'private-ip', '10.0.0.1')}'",
             f"TEN_DIGIT_ID = {I('phi', 'npi-shaped-id', npi())}",
             "", "def test_patient_lookup():",
             f"    patient = {{'ssn': '{D('pii', 'ssn', ssn())}'}}",
             f"    assert lookup(patient, dob='{D('phi', 'dob', iso_dob())}')", ""]
    # The dob above is a keyword argument: make the label explicit for the rule.
    write(f"src/service_{i}.py", "\n".join(lines).replace("lookup(patient, dob='", "lookup(patient, dob='"))


def agent_config(i):
    p = name()
    lines = ["# Support agent", "", "Escalate billing disputes to the on-call lead.", "",
             f"On-call lead: {p}, email {D('pii', 'email', email(p))}",
             f"Desk phone: {D('pii', 'phone', phone())}",
             f"Office IP allow-list: client ip {D('pii', 'ip', public_ip())}",
             f"Docs mirror at {I('pii', 'doc-ip', '192.0.2.10')} (documentation range).", ""]
    write(f"agent-{i}/AGENTS.md", "\n".join(lines))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for i in range(1, 7):
        few_shot_prompt(i)
        billing_prompt(i)
        fhir_patient(i)
        hl7(i)
        cassette(i)
        notebook(i)
        code_file(i)
        agent_config(i)
    labels.sort(key=lambda row: (row[0], row[1]))
    with open(os.path.join(HERE, "LABELS.tsv"), "w", encoding="utf-8") as f:
        f.write("path\tline\tcategory\tlabel\texpected\tcase_id\tsource\tpreview\n")
        for row in labels:
            f.write("\t".join(str(x) for x in row) + "\n")


if __name__ == "__main__":
    main()
