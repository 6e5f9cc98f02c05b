#!/usr/bin/env python3
"""Builds a labelled corpus of personal and health data for scoring promptscan, outside the repo.

People, companies, addresses, dates, emails, phone numbers, SSNs, cards, IBANs and routing numbers
come from Faker (seeded); identifiers Faker does not make (NPI, DEA, MBI, NHS, NINO, VIN, MRN) are
generated with their check digits here. They are embedded in prompts, fixtures (JSON, YAML, CSV),
agent configs, notebooks and code, one labelled value per line, beside decoys that must stay
silent: UUIDs, version strings, epoch timestamps, order numbers, checksum-invalid look-alikes,
placeholder emails, private IP addresses in code, unlisted company names.

    generate.py OUT_DIR [--seed N] [--people N]

writes OUT_DIR/corpus/ (the files), OUT_DIR/LABELS.tsv (format: ../shared/eval/README.md) and
OUT_DIR/terms.txt (client names for `promptscan terms build`).
"""
import argparse
import json
import os
import random
import string
import uuid

from faker import Faker

HEADER = "path\tline\tcategory\tlabel\texpected\tcase_id\tsource\tpreview\n"


def luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = [c for c in number if c.isdigit()]
    return luhn_digit("".join(digits[:-1])) == digits[-1]


def npi(rng):
    base = str(rng.choice("12")) + "".join(rng.choice(string.digits) for _ in range(8))
    return base + luhn_digit("80840" + base)


def dea(rng):
    letters = rng.choice("ABFGM") + rng.choice("ABCDEFGHJKLMNPRSTUWXYZ")
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return letters + "".join(map(str, d)) + str(check)


def mbi(rng):
    alpha = "ACDEFGHJKMNPQRTUVWXY"
    an = alpha + string.digits
    pattern = ["1-9", "A", "AN", "N", "A", "AN", "N", "A", "A", "N", "N"]
    out = []
    for kind in pattern:
        if kind == "1-9":
            out.append(rng.choice("123456789"))
        elif kind == "A":
            out.append(rng.choice(alpha))
        elif kind == "AN":
            out.append(rng.choice(an))
        else:
            out.append(rng.choice(string.digits))
    return "".join(out)


def nhs(rng):
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        if d[0] == 0:
            continue
        check = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        s = "".join(map(str, d)) + str(check)
        return f"{s[:3]} {s[3:6]} {s[6:]}"


def nino(rng):
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in {"BG", "GB", "NK", "KN", "NT", "TN", "ZZ"}:
            break
    digits = "".join(rng.choice(string.digits) for _ in range(6))
    return prefix + digits + rng.choice("ABCD")


VIN_VALUES = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
              "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin(rng, valid=True):
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    body = [rng.choice(chars) for _ in range(17)]
    body[0] = rng.choice("12345JKLSWYZ")
    body[9] = rng.choice("ABCDEFGHJKLMNPRSTVWXY123456789")
    total = sum(VIN_VALUES[c] * w for c, w in zip(body, VIN_WEIGHTS))
    check = total % 11
    body[8] = "X" if check == 10 else str(check)
    if not valid:
        body[8] = rng.choice([c for c in "0123456789X" if c != body[8]])
    return "".join(body)


def bad_luhn(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 1 + random.randrange(8)) % 10)


class Corpus:
    def __init__(self, out):
        self.out = out
        self.root = os.path.join(out, "corpus")
        self.labels = []
        self.counter = 0

    def write(self, path, lines):
        """lines: list of str or (str, category, label, expected)."""
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        text = []
        for number, line in enumerate(lines, start=1):
            if isinstance(line, tuple):
                content, category, label, expected = line
                self.counter += 1
                preview = content.strip()[:60].replace("\t", " ")
                self.labels.append(f"{path}\t{number}\t{category}\t{label}\t{expected}\tc{self.counter}\tgenerated\t{preview}\n")
                text.append(content)
            else:
                text.append(line)
        with open(full, "w") as handle:
            handle.write("\n".join(text) + "\n")

    def write_notebook(self, path, cells):
        """A notebook whose source lines are labelled by the line they land on in the .ipynb JSON."""
        nb_cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": [c if isinstance(c, str) else c[0] for c in cell]} for cell in cells]
        doc = {"cells": nb_cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        text = json.dumps(doc, indent=1)
        lines = text.split("\n")
        labelled = []
        flat = [c for cell in cells for c in cell if isinstance(c, tuple)]
        for line in lines:
            hit = next((c for c in flat if json.dumps(c[0])[1:-1] in line and c[0].strip()), None)
            if hit is not None:
                flat.remove(hit)
                labelled.append((line, hit[1], hit[2], hit[3]))
            else:
                labelled.append(line)
        self.write(path, labelled)

    def save(self):
        with open(os.path.join(self.out, "LABELS.tsv"), "w") as handle:
            handle.write(HEADER)
            handle.writelines(self.labels)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--people", type=int, default=60)
    args = parser.parse_args()
    Faker.seed(args.seed)
    rng = random.Random(args.seed)
    random.seed(args.seed)
    fake = Faker("en_US")
    ca = Faker("en_CA")
    corpus = Corpus(args.out)

    D, I = "detect", "ignore"
    for p in range(args.people):
        name = fake.name()
        first = name.split()[0]
        dob = fake.date_of_birth(minimum_age=18, maximum_age=88)
        ssn = fake.ssn()
        card = fake.credit_card_number(card_type=rng.choice(["visa16", "mastercard", "amex", "discover"]))
        email = fake.free_email()
        # NANP: area code N(0-8)X (a middle 9 is reserved), exchange NXX; neither N11 nor 555.
        area = f"{rng.randrange(2, 10)}{rng.randrange(9)}{rng.randrange(2, 10)}"
        exchange = f"{rng.randrange(2, 10)}{rng.randrange(2, 10)}{rng.randrange(10)}"
        exchange = "556" if exchange == "555" else exchange
        phone = f"({area}) {exchange}-{rng.randrange(10000):04d}"
        street = fake.street_address()
        city_line = f"{fake.city()}, {fake.state_abbr()} {fake.zipcode()}"
        mrn = "".join(rng.choice(string.digits) for _ in range(8))
        kind = p % 6
        if kind == 0:  # a few-shot prompt with a patient note
            corpus.write(f"prompts/triage-{p:03d}.md", [
                "# Triage assistant: worked example",
                "",
                "You are a triage assistant. Summarise the note below for the on-call nurse.",
                "",
                (f"Patient: {name}", "phi", "patient-name", D),
                (f"DOB: {dob:%m/%d/%Y}", "phi", "date-of-birth", D),
                (f"MRN: {mrn}", "phi", "medical-record-number", D),
                (f"Medicare MBI: {mbi(rng)}", "phi", "us-medicare-mbi", D),
                (f"Phone: {phone}", "pii", "phone", D),
                f"Chief complaint: {fake.sentence(nb_words=8)}",
                f"Build: v{rng.randrange(1, 9)}.{rng.randrange(20)}.{rng.randrange(100)} (id {uuid.UUID(int=rng.getrandbits(128))})",
                (f"Order number: {rng.randrange(10**8, 10**9)}", "pii", "order-number-decoy", I),
                "",
                "Answer in three bullet points.",
            ])
        elif kind == 1:  # a recorded API fixture (JSON) keyed by field names
            record = [
                "{",
                f'  "id": "{uuid.UUID(int=rng.getrandbits(128))}",',
                (f'  "patientName": "{name}",', "phi", "patient-name", D),
                f'  "displayTitle": "{fake.job()}",',
                (f'  "ssn": "{ssn}",', "pii", "us-ssn", D),
                (f'  "email": "{email}",', "pii", "email", D),
                (f'  "cardNumber": "{card}",', "pii", "payment-card", D),
                (f'  "iban": "{fake.iban()}",', "pii", "iban", D),
                (f'  "createdAt": {rng.randrange(1_500_000_000, 1_800_000_000)},', "pii", "epoch-decoy", I),
                (f'  "createdAtMs": {rng.randrange(1_500_000_000_000, 1_800_000_000_000)},', "pii", "epoch-ms-decoy", I),
                (f'  "orderRef": "{bad_luhn(fake.credit_card_number(card_type="visa16"))}",', "pii", "luhn-invalid-decoy", I),
                f'  "version": "{rng.randrange(1, 5)}.{rng.randrange(10)}.{rng.randrange(10)}"',
                "}",
            ]
            corpus.write(f"tests/fixtures/customer-{p:03d}.json", record)
        elif kind == 2:  # a YAML fixture with UK and Canadian identifiers
            sin = ca.ssn()
            corpus.write(f"tests/fixtures/members-{p:03d}.yaml", [
                "member:",
                f"  reference: {uuid.UUID(int=rng.getrandbits(128)).hex}",
                (f"  nhs_number: {nhs(rng)}", "pii", "uk-nhs-number", D),
                (f"  ni_number: {nino(rng)}", "pii", "uk-national-insurance-number", D),
                (f"  sin: {sin}", "pii", "ca-social-insurance-number", D if luhn_ok(sin) and sin[0] in "1234567" else I),
                (f"  mobile: +44 7{rng.randrange(100, 1000)} {rng.randrange(10**5, 10**6)}", "pii", "phone-uk", D),
                (f"  invalid_ni: ZZ{rng.randrange(100000, 999999)}A", "pii", "reserved-nino-decoy", I),
                f"  schema_version: {rng.randrange(1, 9)}.{rng.randrange(10)}",
            ])
        elif kind == 3:  # an agent config that collected a provider's identifiers
            corpus.write(f"agents/team-{p:03d}/CLAUDE.md", [
                "# Project notes for the coding agent",
                "",
                "Use the staging database for all tests.",
                (f"Billing provider NPI: {npi(rng)}", "phi", "us-npi", D),
                (f"Prescriber DEA: {dea(rng)}", "phi", "us-dea-number", D),
                (f"Escalation contact email: {email}", "pii", "email", D),
                (f"Docs contact: someone@example.com", "pii", "placeholder-email-decoy", I),
                "Never commit .env files.",
            ])
        elif kind == 4:  # a CSV fixture
            corpus.write(f"tests/fixtures/claims-{p:03d}.csv", [
                "claim_id,member_name,date_of_birth,vin,street_address",
                (f"{rng.randrange(10**6, 10**7)},{name},{dob:%Y-%m-%d},{vin(rng)},\"{street}\"", "phi", "csv-person-row", D),
                (f"{rng.randrange(10**6, 10**7)},n/a,n/a,{vin(rng, valid=False)},n/a", "pii", "vin-bad-check-decoy", I),
            ])
        else:  # code: decoys without context, and values with context words
            corpus.write(f"src/service_{p:03d}.py", [
                "import uuid",
                "",
                f"BUILD_ID = \"{uuid.UUID(int=rng.getrandbits(128))}\"",
                (f"TIMEOUT_MS = {rng.randrange(10**8, 10**9)}", "pii", "nine-digit-decoy", I),
                (f"SEED = {rng.randrange(10**12, 10**13)}", "pii", "thirteen-digit-decoy", I),
                (f"LOCAL_ADDR = \"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}\"", "pii", "private-ip-decoy", I),
                (f"VERSION = \"{rng.randrange(1, 9)}.{rng.randrange(10)}.{rng.randrange(10)}.{rng.randrange(10)}\"", "pii", "version-decoy", I),
                "",
                "def test_lookup():",
                (f"    ssn = \"{ssn}\"", "pii", "us-ssn", D),
                (f"    card_number = \"{card}\"", "pii", "payment-card", D),
                "    assert lookup(ssn)",
            ])
        if p % 10 == 4:  # a long CSV fixture: the header of the column is the only context
            rows = ["employee_id,team,tax_ssn"]
            target = rng.randrange(10, 30)
            for row in range(30):
                value = ssn.replace("-", "") if row == target else "n/a"
                line = f"{rng.randrange(10**5, 10**6)},{fake.word()},{value}"
                rows.append((line, "pii", "csv-ssn-column", D) if row == target else line)
            corpus.write(f"tests/fixtures/payroll-{p:03d}.csv", rows)
        if p % 10 == 9:  # a notebook with a patient's dates
            corpus.write_notebook(f"notebooks/cohort-{p:03d}.ipynb", [
                ["import pandas as pd\n", f"df = pd.read_csv('cohort_{p}.csv')\n"],
                [(f"patient_name = '{name}'\n", "phi", "patient-name", D),
                 (f"date_of_birth = '{dob:%Y-%m-%d}'\n", "phi", "date-of-birth", D),
                 f"print({first!r})\n"],
            ])
    # HL7 v2 and FHIR records
    for p in range(6):
        name = fake.name().split()
        dob = fake.date_of_birth(minimum_age=1, maximum_age=88)
        corpus.write(f"tests/fixtures/adt-{p:02d}.hl7", [
            f"MSH|^~\\&|EPIC|HOSP|LAB|HOSP|{fake.date_time():%Y%m%d%H%M}||ADT^A01|{rng.randrange(10**6)}|P|2.5",
            (f"PID|1||{rng.randrange(10**7, 10**8)}^^^HOSP^MR||{name[-1].upper()}^{name[0].upper()}||{dob:%Y%m%d}|F|||{fake.street_address()}^^{fake.city()}^{fake.state_abbr()}^{fake.zipcode()}",
             "phi", "hl7-pid", D),
            "PV1|1|I|W^389^1",
        ])
        corpus.write(f"tests/fixtures/patient-{p:02d}.fhir.json", [
            "{",
            ('  "resourceType": "Patient",', "phi", "fhir-patient-resource", D),
            f'  "id": "{uuid.UUID(int=rng.getrandbits(128))}",',
            (f'  "name": [{{"family": "{name[-1]}", "given": ["{name[0]}"]}}],', "phi", "fhir-name", D),
            (f'  "birthDate": "{dob:%Y-%m-%d}",', "phi", "fhir-birthdate", D),
            '  "gender": "female"',
            "}",
        ])
    # Client identifiers: a listed set (hashed by `promptscan terms build`) and unlisted decoys.
    companies = []
    while len(companies) < 40:
        company = fake.company()
        if company not in companies and len(company) > 8:
            companies.append(company)
    # A decoy shares no name with a listed client (legal suffixes aside): a listed "Carroll Ltd" is
    # rightly found in "Brooks-Carroll".
    suffixes = {"inc", "llc", "ltd", "plc", "group", "and", "sons", "co", "corp", "corporation", "company", "partners", "plc"}
    def words(company):
        return {w for w in company.replace(",", " ").replace("-", " ").lower().split() if w not in suffixes}
    listed = companies[:40]
    taken = set().union(*(words(c) for c in listed))
    unlisted = []
    while len(unlisted) < 40:
        company = fake.company()
        if not (words(company) & taken) and company not in unlisted:
            unlisted.append(company)
    with open(os.path.join(args.out, "terms.txt"), "w") as handle:
        handle.write("\n".join(listed) + "\n")
    for index in range(40):
        variant = listed[index]
        if index % 4 == 1:
            variant = variant.upper()
        elif index % 4 == 2:
            variant = variant.replace(",", "")
        corpus.write(f"prompts/account-{index:03d}.txt", [
            "Draft a renewal email for the account below.",
            (f"Account: {variant}", "client-id", "listed-client", D),
            (f"Competitor mentioned: {unlisted[index]}", "client-id", "unlisted-company-decoy", I),
            "Keep it under 120 words.",
        ])
    corpus.save()
    print(f"{len(corpus.labels)} labelled lines in {corpus.root}")


if __name__ == "__main__":
    main()
