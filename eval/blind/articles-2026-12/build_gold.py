#!/usr/bin/env python3
"""Builds gold.yaml from (path, unique substring) specs so that every line
number and excerpt is taken from the corpus itself. Re-run after any edit."""
from pathlib import Path
import yaml, json, subprocess, sys

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

def lines_of(path):
    b = (CORPUS / path).read_bytes()
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("latin-1")
    return t.split("\n")

def find(path, sub):
    hits = [i for i, l in enumerate(lines_of(path), 1) if sub in l]
    if len(hits) != 1:
        sys.exit(f"{path}: {sub!r} found {len(hits)} times")
    return hits[0]

def text(path, n):
    return lines_of(path)[n - 1][:160]

def fm_end(path):
    ls = lines_of(path)
    assert ls[0].strip() == "---"
    return next(i for i, l in enumerate(ls[1:], 2) if l.strip() == "---")

entries = []

def add(id_, fam, path, sub, what, **kw):
    n = 1 if sub is None else find(path, sub)
    e = {"id": id_, "family": fam, "path": path, "line": n}
    if "range" in kw:
        a, b = kw.pop("range")
        e["line_range"] = [find(path, a), find(path, b)]
    if kw.pop("whole_file", False):
        e["whole_file"] = True
    if "also" in kw:
        e["also_families"] = kw.pop("also")
    e["excerpt"] = text(path, n)
    e["what"] = what
    assert not kw, kw
    entries.append(e)

def sch(id_, path, sub, what):
    n = 1 if sub is None else find(path, sub)
    entries.append({"id": id_, "family": "SCH", "path": path, "line": n,
                    "line_range": [1, fm_end(path)], "excerpt": text(path, n), "what": what})

# ---------------- SCH ----------------
sch("SCH-01", "neuro/migraine.md", "last_reviewed:", "review overdue: last_reviewed 2022-06-15 is more than 3 years before 2026-12-01")
sch("SCH-02", "skin/frostbite.md", None, "required field content_type is missing")
sch("SCH-03", "skin/shingles.md", "url: www.cdc.gov", "source url has no http(s) scheme")
sch("SCH-04", "skin/acne.md", "title: Acne treatments: what works", "invalid YAML: unquoted colon in the title value ('mapping values are not allowed here')")
sch("SCH-05", "bones-joints/sciatica.md", "last_reviewed:", "last_reviewed 2027-04-10 is in the future")
sch("SCH-06", "bones-joints/osteoarthritis.md", "topics:", "topics is a comma-separated string, not a list")
sch("SCH-07", "heart/chest-pain.md", "content_type:", "invalid content_type value 'symptoms' (allowed: symptom, ...)")
sch("SCH-08", "womens-health/uti-in-pregnancy.md", "last_reviewed:", "impossible date 2025-02-30")
sch("SCH-09", "older-adults/dementia.md", "audience:", "invalid audience value 'caregivers' (allowed: patient, professional)")
sch("SCH-10", "digestive/stomach-ulcers.md", "reviewd_by:", "unknown front-matter field 'reviewd_by' (typo of reviewed_by)")

# ---------------- ENC ----------------
add("ENC-01", "ENC", "eyes-ent/ear-infection.md", "100.4", "whole file is Latin-1 (ISO-8859-1) bytes, not valid UTF-8 (degree signs are single 0xB0 bytes)", whole_file=True)
add("ENC-02", "ENC", "eyes-ent/conjunctivitis.md", "Sjgren", "lost letter: 'Sjgren's' should be 'Sjögren's' (ö dropped by a bad conversion)")
add("ENC-03", "ENC", "skin/frostbite.md", "32Â°F", "mojibake: UTF-8 degree sign read as Windows-1252 ('Â°')")
add("ENC-04", "ENC", "bones-joints/back-pain.md", "Gentle movement", "mojibake: UTF-8 em dash read as Windows-1252 ('â€”')")
add("ENC-05", "ENC", "mental-health/insomnia.md", "donâ€™t", "mojibake: UTF-8 right single quote read as Windows-1252 ('â€™')")
add("ENC-06", "ENC", "older-adults/falls.md", "10g of vitamin D", "lost micro sign: '10g' should be '10µg' (10 micrograms) of vitamin D")
add("ENC-07", "ENC", "older-adults/hearing-loss.md", "MÃ©niÃ¨re", "mojibake: 'Ménière' read as Windows-1252 ('MÃ©niÃ¨re')")
add("ENC-08", "ENC", "older-adults/shingles-vaccine.md", "Guillain-Barr syndrome", "lost letter: 'Guillain-Barr' should be 'Guillain-Barré'")

# ---------------- TRM ----------------
add("TRM-01", "TRM", "neuro/migraine.md", "suffers from", "stigmatising phrasing 'suffers from migraines' (use 'has migraines' / 'people with migraine')")
add("TRM-02", "TRM", "neuro/epilepsy.md", "epileptics must", "stigmatising noun 'epileptics' (use 'people with epilepsy')")
add("TRM-03", "TRM", "neuro/stroke.md", "A TIA causes", "acronym TIA used before it is defined (defined later in the Call 911 section)")
add("TRM-04", "TRM", "neuro/stroke.md", "confined to a wheelchair", "stigmatising phrase 'confined to a wheelchair' (use 'use a wheelchair')")
add("TRM-05", "TRM", "bones-joints/back-pain.md", "Take NSAIDs", "acronym NSAIDs never defined on this patient page")
add("TRM-06", "TRM", "bones-joints/sciatica.md", "paresthesia", "jargon 'paresthesia' with no plain explanation (tingling, pins and needles, numbness)")
add("TRM-07", "TRM", "bones-joints/sprained-ankle.md", "Xray", "spelling variant 'Xray'; every other page writes 'X-ray'")
add("TRM-08", "TRM", "bones-joints/osteoarthritis.md", "wheelchair-bound", "stigmatising term 'wheelchair-bound' (use 'need to use a wheelchair')")
add("TRM-09", "TRM", "bones-joints/broken-wrist.md", "with Osteoporosis", "condition name in Title Case mid-sentence ('Osteoporosis'); other pages write 'osteoporosis'")
add("TRM-10", "TRM", "heart/chest-pain.md", "have an ECG", "acronym ECG never defined on this patient page (electrocardiogram)")
add("TRM-11", "TRM", "heart/peripheral-artery-disease.md", "Coronary Artery Disease", "condition name in Title Case mid-sentence ('Coronary Artery Disease'); other pages write 'coronary artery disease'")
add("TRM-12", "TRM", "heart/peripheral-artery-disease.md", "critical limb ischemia", "jargon 'critical limb ischemia' with no plain explanation on a patient page")
add("TRM-13", "TRM", "mental-health/eating-disorders.md", "committed suicide", "stigmatising phrase 'committed suicide' (use 'died by suicide')")
add("TRM-14", "TRM", "mental-health/eating-disorders.md", "the mentally ill", "stigmatising phrase 'the mentally ill' (use 'people with mental illness')")
add("TRM-15", "TRM", "older-adults/dementia.md", "also called Alzheimer's", "two distinct things given as synonyms: dementia is not 'also called' Alzheimer's disease (Alzheimer's is one cause/type)", also=["CON"])
add("TRM-16", "TRM", "older-adults/hearing-loss.md", "Alzheimers disease", "spelling variant 'Alzheimers' (no apostrophe); other pages write 'Alzheimer's disease'")
add("TRM-17", "TRM", "digestive/ibs.md", "also called inflammatory bowel disease", "two distinct conditions given as synonyms: IBS is not inflammatory bowel disease (IBD)")
add("TRM-18", "TRM", "digestive/diverticulitis.md", "Diverticulosis, also known as diverticulitis", "two distinct conditions given as synonyms: diverticulosis (pouches) vs diverticulitis (inflamed pouches)")

# ---------------- RF ----------------
add("RF-01", "RF", "neuro/epilepsy.md", "Call 911 if:", "emergency section leaves out the key warning signs: seizure lasting more than 5 minutes, repeated seizures without waking, trouble breathing or not waking afterwards", range=("## When to call 911", "pregnant or has diabetes"))
add("RF-02", "RF", "neuro/dizziness.md", "A routine appointment is fine", "urgency downgraded: transient stroke-like signs (possible TIA) need 911, not a routine appointment", also=["CON"])
add("RF-03", "RF", "neuro/bells-palsy.md", "call 911 if:", "wrong-country emergency number: en-GB page says 911 (should be 999)")
add("RF-04", "RF", "eyes-ent/conjunctivitis.md", None, "condition page has no when-to-get-help section at all (e.g. eye pain, vision changes, light sensitivity, newborn with red eye)")
add("RF-05", "RF", "bones-joints/sprained-ankle.md", None, "condition page has no when-to-get-help section at all (e.g. cannot bear weight, deformity, numbness, cold/pale foot)")
add("RF-06", "RF", "heart/atrial-fibrillation.md", "Call 999 right away", "wrong-country emergency number: en-US page says 999 (should be 911)")
add("RF-07", "RF", "heart/dvt.md", "your leg suddenly becomes very swollen", "emergency section leaves out the signs of pulmonary embolism: breathlessness, chest pain, coughing up blood", range=("## Urgent advice", "your leg suddenly becomes very swollen"))
add("RF-08", "RF", "mental-health/insomnia.md", "worried about your sleep", "vague help section only ('see a doctor if you are worried'): no urgency, no number, no warning signs", range=("## When to see a doctor", "worried about your sleep"))
add("RF-09", "RF", "womens-health/endometriosis.md", "worried about your periods", "vague help section only: no urgency or number; leaves out sudden severe pelvic pain, fever, fainting, very heavy bleeding", range=("## When to see a doctor", "worried about your periods"))
add("RF-10", "RF", "womens-health/pre-eclampsia.md", "Call 911 if you have:", "emergency section leaves out severe headache, vision changes, upper right belly pain, sudden swelling of face/hands, trouble breathing", range=("## When to call 911", "- Chest pain"))
add("RF-11", "RF", "older-adults/hearing-loss.md", "concerned about your hearing", "vague help section only; leaves out sudden hearing loss (needs urgent same-day care)", range=("## When to see a doctor", "concerned about your hearing"))
add("RF-12", "RF", "older-adults/shingles-vaccine.md", "(anaphylaxis) is rare", "medicine page names anaphylaxis with no urgency wording anywhere (no 911, no 'get help right away')")
add("RF-13", "RF", "digestive/stomach-ulcers.md", "Call 911 if you have:", "emergency section leaves out vomiting blood or coffee-ground vomit, black tarry stools, fainting", range=("## When to call 911", "Sudden, sharp belly pain"))
add("RF-14", "RF", "digestive/diverticulitis.md", None, "condition page has no when-to-get-help section at all (severe belly pain, fever, rectal bleeding, vomiting)")
add("RF-15", "RF", "medicines-tests/aspirin.md", "rest at home until the pain goes away", "says a suspected heart attack can be handled at home with aspirin; must say call 911 first", also=["CON"])
add("RF-16", "RF", "medicines-tests/mri-scan.md", "can cause anaphylaxis", "test page names anaphylaxis with no urgency wording anywhere")

# ---------------- RDB ----------------
add("RDB-01", "RDB", "digestive/celiac-disease.md", "chronic immune-mediated enteropathy", "whole patient page written at college level (long, dense sentences, polysyllabic words)", whole_file=True, also=["TRM"])
add("RDB-02", "RDB", "older-adults/osteoporosis.md", "progressive skeletal disorder", "whole patient page written at college level (long, dense sentences, polysyllabic words)", whole_file=True, also=["TRM"])
add("RDB-03", "RDB", "neuro/migraine.md", "If you have migraines often", "single sentence of about 53 words in an otherwise plain page")
add("RDB-04", "RDB", "neuro/dizziness.md", "If you often feel dizzy when you stand up", "single sentence of about 62 words in an otherwise plain page")
add("RDB-05", "RDB", "bones-joints/broken-wrist.md", "Once your cast comes off", "single sentence of about 61 words in an otherwise plain page")
add("RDB-06", "RDB", "womens-health/uti-in-pregnancy.md", "Your doctor will choose an antibiotic", "single sentence of about 56 words in an otherwise plain page")
add("RDB-07", "RDB", "heart/atrial-fibrillation.md", "Therapeutic management", "dense section (Treatment): long clinical sentences in a plain patient page", range=("Therapeutic management", "Rate control is ordinarily"), also=["TRM"])
add("RDB-08", "RDB", "womens-health/endometriosis.md", "Pharmacological management", "dense section (Treatment): long clinical sentences in a plain patient page", range=("Pharmacological management", "Hysterectomy, with or without"), also=["TRM"])
add("RDB-09", "RDB", "older-adults/dementia.md", "Caring for a person with dementia can be rewarding", "single paragraph of over 200 words")
add("RDB-10", "RDB", "older-adults/falls.md", "mop up spills", "list of 16 items", range=("mop up spills", "get help with jobs like changing"))
add("RDB-11", "RDB", "medicines-tests/blood-tests.md", "Complete blood count", "list of 16 items", range=("Complete blood count", "Blood culture, which looks"))

# ---------------- CON ----------------
def con(id_, type_, path, sub, opath, osub, why):
    n, on = find(path, sub), find(opath, osub)
    entries.append({"id": id_, "family": "CON", "rule": "CON001", "type": type_,
                    "path": path, "line": n, "other_path": opath, "other_line": on,
                    "excerpt": text(path, n), "other_excerpt": text(opath, on), "why": why})

con("CON-01", "numeric", "skin/shingles.md", "Adults 60 and older", "older-adults/shingles-vaccine.md", "- 50 or older",
    "shingles page says the 2-dose vaccine is for adults 60 and older; US recommendation (and the vaccine page) is 50 and older")
con("CON-02", "urgency", "neuro/dizziness.md", "A routine appointment is fine", "neuro/stroke.md", "Call 911 even if the signs go away",
    "dizziness page says stroke-like signs that went away need only a routine appointment; stroke page (correct) says call 911 even if they go away")
con("CON-03", "antonym", "heart/atrial-fibrillation.md", "stop eating green leafy vegetables", "medicines-tests/warfarin.md", "Patients do not need to avoid",
    "AFib page tells warfarin users to stop eating leafy greens; warfarin page (correct) says do not avoid them, keep intake consistent")

# ---------------- near misses ----------------
def pair(id_, kind, path, sub, opath, osub, why):
    n, on = find(path, sub), find(opath, osub)
    return {"id": id_, "kind": kind, "path": path, "line": n, "other_path": opath, "other_line": on,
            "excerpt": text(path, n), "other_excerpt": text(opath, on), "why": why}

must_not_flag = [
    pair("NM-01", "different national guidance", "older-adults/osteoporosis.md", "1,200 mg of calcium", "older-adults/falls.md", "700mg of calcium",
         "US advice for women over 50 (1,200 mg) vs NHS advice for adults (700mg); different populations and countries"),
    pair("NM-02", "unit conversion", "womens-health/uti-in-pregnancy.md", "100.4°F (38°C)", "womens-health/miscarriage.md", "38C or above",
         "100.4°F and 38C are the same fever threshold"),
    pair("NM-03", "different country standard dose", "medicines-tests/aspirin.md", "A low dose of aspirin is 81 mg", "medicines-tests/naproxen.md", "75mg a day",
         "low-dose aspirin is 81 mg in the US and 75mg in the UK"),
    pair("NM-04", "different population", "older-adults/shingles-vaccine.md", "2 to 6 months after the first", "older-adults/shingles-vaccine.md", "1 to 2 months after the first",
         "shorter dose interval applies only to people with a weak immune system"),
]

singles = []
def nms(fam, path, sub, why):
    n = find(path, sub)
    singles.append({"id": f"NMS-{len(singles)+1:02d}", "family": fam, "path": path, "line": n,
                    "excerpt": text(path, n), "why": why})

# ENC
nms("ENC", "neuro/dizziness.md", "Ménière's disease", "correctly encoded accented name")
nms("ENC", "eyes-ent/tinnitus.md", "Ménière's disease", "correctly encoded accented name")
nms("ENC", "neuro/bells-palsy.md", "Guillain-Barré", "correctly encoded accented name")
nms("ENC", "mental-health/insomnia.md", "café", "correctly encoded accented word")
nms("ENC", "womens-health/uti-in-pregnancy.md", "100.4°F (38°C)", "correct UTF-8 degree signs")
nms("ENC", "womens-health/miscarriage.md", "38C or above", "NHS house style writes temperatures as '38C' without a degree sign; nothing was lost")
# TRM
nms("TRM", "heart/dvt.md", "A DVT is more likely", "DVT is defined in the title and first sentence")
nms("TRM", "heart/atrial-fibrillation.md", "Atrial fibrillation (AFib) is", "acronym defined at first use")
nms("TRM", "medicines-tests/naproxen.md", "non-steroidal anti-inflammatory drug (NSAID)", "acronym defined; 'non-steroidal' is the British form on an en-GB page")
nms("TRM", "digestive/gallstones.md", "## Non-urgent advice: see a GP if:", "GP is standard and needs no definition on an en-GB page")
nms("TRM", "bones-joints/broken-wrist.md", "urgent treatment centre or A&E", "A&E is standard on an en-GB page; 'centre' is British spelling")
nms("TRM", "older-adults/falls.md", "anaemia", "British spelling on an en-GB page")
nms("TRM", "heart/peripheral-artery-disease.md", "diabetic foot care", "adjective use ('diabetic foot care'), not a label for people")
nms("TRM", "skin/shingles.md", "This is called postherpetic neuralgia", "jargon explained in plain words right there")
nms("TRM", "eyes-ent/glaucoma.md", "It harms the optic nerve", "jargon explained in the next sentence on the same line")
nms("TRM", "heart/dvt.md", "These are called anticoagulants", "jargon given after the plain explanation")
nms("TRM", "skin/psoriasis.md", "Plaque psoriasis is the most common type", "disease name containing a jargon-like word, explained")
nms("TRM", "older-adults/dementia.md", "- Frontotemporal dementia", "disease name, not unexplained jargon")
nms("TRM", "neuro/bells-palsy.md", "Bell's palsy causes weakness", "disease name containing 'palsy'; explained in the same sentence")
nms("TRM", "digestive/stomach-ulcers.md", "Helicobacter pylori", "proper name of a germ, introduced as 'a germ called', short form defined")
nms("TRM", "mental-health/anxiety.md", "Suicide and Crisis Lifeline", "proper name of a service (Title Case is correct)")
nms("TRM", "medicines-tests/aspirin.md", "Reye's syndrome", "proper-name condition, explained in the next sentence")
nms("TRM", "medicines-tests/warfarin.md", "vitamin K epoxide reductase", "clinical jargon is appropriate on a professional-audience page")
nms("TRM", "medicines-tests/blood-tests.md", "Hemoglobin A1C", "test name, explained on the same line")
nms("TRM", "older-adults/hearing-loss.md", "Turn the TV up", "everyday abbreviation, not medical jargon")
nms("TRM", "womens-health/uti-in-pregnancy.md", "A urinary tract infection (UTI) is", "acronym defined at first use")
# RF
nms("RF", "womens-health/miscarriage.md", "## Immediate action required: call 999 or go to A&E if:", "correct en-GB emergency heading")
nms("RF", "mental-health/panic-attacks.md", "call or text 988 right away", "988 crisis line on a US page alongside 911")
nms("RF", "mental-health/anxiety.md", "call or text 988", "988 crisis line on a US page; 911 is given in the next paragraph")
nms("RF", "medicines-tests/aspirin.md", "1-800-222-1222", "US poison-control number, correct for an overdose")
nms("RF", "skin/impetigo.md", "## Urgent advice: ask for an urgent GP appointment or call 111 if:", "correct NHS urgent heading (999 section follows)")
nms("RF", "neuro/stroke.md", "any of the warning signs listed above", "refers back to a full list of warning signs given just above")
nms("RF", "heart/peripheral-artery-disease.md", "PAD can raise your risk of a heart attack", "heart attack mentioned only as a risk; page has a proper 911 section")
nms("RF", "heart/heart-failure.md", "- A past heart attack", "heart attack mentioned only as a cause; page has a proper 911 section")
nms("RF", "mental-health/self-harm-support.md", "Samaritans free on 116 123", "UK helpline number alongside 999 / 111")

def metrics():
    out = subprocess.run([str(HERE / ".venv/bin/python"), str(HERE / "readability.py"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)

M = metrics()
clean_paths = {
    "eyes-ent/glaucoma.md": "en-US condition page, defined terms, 911 section for angle-closure signs",
    "eyes-ent/tinnitus.md": "en-GB symptom page with NHS 999/111/GP sections; correct Ménière's",
    "eyes-ent/cataract-surgery.md": "en-US procedure page with when-to-call-right-away section",
    "skin/psoriasis.md": "en-US condition page with 911 section for severe rare types",
    "skin/impetigo.md": "en-GB condition page with 111 and 999 sections",
    "heart/heart-failure.md": "en-US condition page with full 911 section",
    "mental-health/anxiety.md": "en-US condition page with 988 and 911",
    "mental-health/panic-attacks.md": "en-US condition page with 911 and 988",
    "mental-health/self-harm-support.md": "en-GB overview with 999, A&E, 111, Samaritans",
    "womens-health/menopause.md": "en-US overview page; names no emergency condition",
    "womens-health/miscarriage.md": "en-GB condition page with 999/A&E, 111 and GP sections",
    "digestive/gallstones.md": "en-GB condition page with 999/A&E, 111 and GP sections",
    "medicines-tests/naproxen.md": "en-GB medicine page; heart attack/stroke risk with 999 section",
}
clean = []
for p, why in clean_paths.items():
    m = M[p]
    assert m["fk"] <= 7 and m["smog"] <= 9 and not m["long_sentences"], (p, m)
    clean.append({"path": p, "why": why, "fk": m["fk"], "smog": m["smog"]})

planted = {e["path"] for e in entries} | {e.get("other_path") for e in entries if e.get("other_path")}
assert not planted & set(clean_paths), planted & set(clean_paths)

gold = {"version": 1, "corpus": "corpus", "line_tolerance": 2, "reference_date": "2026-12-01",
        "entries": entries, "must_not_flag": must_not_flag, "must_not_flag_single": singles,
        "clean_files": clean, "no_defect_files": []}

(HERE / "gold.yaml").write_text(
    "# Blind evaluation set for a health-content linter. Generated by build_gold.py.\n" +
    yaml.safe_dump(gold, sort_keys=False, allow_unicode=True, width=1000)
    .replace("reference_date: '2026-12-01'", "reference_date: 2026-12-01"), encoding="utf-8")
from collections import Counter
print(Counter(e["family"] for e in entries), "total", len(entries))
print("must_not_flag", len(must_not_flag), "single", len(singles), "clean", len(clean))
