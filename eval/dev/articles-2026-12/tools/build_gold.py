#!/usr/bin/env python3
"""Build ../gold.yaml from the spec below: every location is found by a unique
substring, so line numbers and excerpts always match the corpus."""
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE / "corpus"


def lines_of(path):
    b = (CORPUS / path).read_bytes()
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("latin-1")
    return t.split("\n")


def find(path, needle):
    ls = lines_of(path)
    hits = [i + 1 for i, l in enumerate(ls) if needle in l]
    if len(hits) != 1:
        raise SystemExit(f"{path}: {needle!r} found {len(hits)} times")
    return hits[0]


def excerpt(path, line):
    return lines_of(path)[line - 1][:160]


def fm_end(path):
    ls = lines_of(path)
    for i in range(1, len(ls)):
        if ls[i].strip() == "---":
            return i + 1
    raise SystemExit(path)


def section(path, heading):
    """line range of a '## heading' section, heading line to last non-blank line"""
    ls = lines_of(path)
    start = find(path, heading)
    end = start
    for i in range(start, len(ls)):
        if ls[i].startswith("## ") and i + 1 != start:
            break
        if ls[i].strip():
            end = i + 1
    return start, end


def list_range(path, first_item, last_item):
    return find(path, first_item), find(path, last_item)


entries = []


def add(id_, family, path, what, needle=None, line=None, line_range=None, whole_file=False,
        also=None):
    if line is None:
        line = find(path, needle)
    e = {"id": id_, "family": family, "path": path, "line": line}
    if line_range:
        e["line_range"] = list(line_range)
    if whole_file:
        e["whole_file"] = True
    if also:
        e["also_families"] = also
    e["excerpt"] = excerpt(path, line)
    e["what"] = what
    entries.append(e)


def sch(id_, path, what, needle=None):
    line = find(path, needle) if needle else 1
    add(id_, "SCH", path, what, line=line, line_range=(1, fm_end(path)))


# ---------------- SCH ----------------
sch("SCH-01", "children/colic.md", "content_type 'disorder' is not an allowed value", "content_type: disorder")
sch("SCH-02", "cancer/breast-lump.md", "required field title is missing from the front matter")
sch("SCH-03", "endocrine/pcos.md", "last_reviewed '14/03/2025' is not an ISO YYYY-MM-DD date", "last_reviewed: 14/03/2025")
sch("SCH-04", "lungs/sleep-apnea.md", "last_reviewed 2027-03-15 is in the future (reference date 2026-12-01)", "last_reviewed: 2027-03-15")
sch("SCH-05", "mouth-ear-eye/glaucoma.md", "last_reviewed 2022-06-10 is more than 3 years before 2026-12-01 (review overdue)", "last_reviewed: 2022-06-10")
sch("SCH-06", "medicines/antihistamines.md", "unknown field 'reviwed_by' (typo for reviewed_by)", "reviwed_by:")
sch("SCH-07", "sexual-health/gonorrhea.md", "invalid YAML: flow sequence in topics is never closed", "topics: [gonorrhea, sexually transmitted infections")
sch("SCH-08", "cancer/mammogram.md", "topics must be a list of strings, not a plain string", "topics: mammogram")
sch("SCH-09", "medicines/ibuprofen.md", "source url has no http(s) scheme ('www.fda.gov/...')", "url: www.fda.gov")

# ---------------- ENC ----------------
add("ENC-01", "ENC", "infections/norovirus.md", "mojibake: right single quote read as Windows-1252 ('Donâ€™t' for Don't)", "Donâ€™t")
add("ENC-02", "ENC", "lungs/whooping-cough.md", "mojibake: em dash read as Windows-1252 ('â€”')", "â€”")
add("ENC-03", "ENC", "infections/lyme-disease.md", "mojibake: ellipsis read as Windows-1252 ('â€¦')", "â€¦")
add("ENC-04", "ENC", "children/colic.md", "mojibake: degree sign read as Latin-1/Windows-1252 ('100.4Â°F')", "100.4Â°F")
add("ENC-05", "ENC", "endocrine/hypothyroidism.md", "mojibake: micro sign read as Latin-1/Windows-1252 ('Âµg' for µg)", "Âµg")
add("ENC-06", "ENC", "mouth-ear-eye/dry-eye.md", "mojibake in accented name: 'SjÃ¶gren's' for Sjögren's", "SjÃ¶gren")
add("ENC-07", "ENC", "mouth-ear-eye/mouth-ulcers.md", "letter lost in conversion: 'Behet's disease' for Behçet's disease", "Behet's disease")
add("ENC-08", "ENC", "medicines/inhalers.md", "micro sign lost: '90 g' of albuterol per puff should be 90 µg (micrograms)", "90 g of medicine")
add("ENC-09", "ENC", "medicines/co-codamol.md", "whole file is Latin-1 encoded, not valid UTF-8 (byte 0xB0 in '25°C')", "Store below 25", whole_file=True)

# ---------------- TRM ----------------
add("TRM-01", "TRM", "children/colic.md", "stigmatising phrasing 'suffers from' (prefer 'has colic')", "suffers from colic")
add("TRM-02", "TRM", "children/chickenpox.md", "unexplained jargon 'pruritic' on a patient page (itchy)", "very pruritic")
add("TRM-03", "TRM", "infections/tonsillitis.md", "two distinct conditions as synonyms: tonsillitis is not strep throat (most tonsillitis is viral; strep throat is group A strep pharyngitis)", "also known as strep throat")
add("TRM-04", "TRM", "kidney-bladder/kidney-stones.md", "condition name in Title Case mid-sentence ('Kidney Stones'); lower case elsewhere", "Most Kidney Stones")
add("TRM-05", "TRM", "kidney-bladder/overactive-bladder.md", "unexplained jargon 'nocturia' on a patient page (waking at night to pee)", "- have nocturia")
add("TRM-06", "TRM", "kidney-bladder/prostate-enlargement.md", "acronym PSA never defined on a patient page (prostate-specific antigen)", "PSA blood test")
add("TRM-07", "TRM", "kidney-bladder/urinary-incontinence.md", "stigmatising term 'wheelchair-bound' (prefer 'people who use a wheelchair')", "wheelchair-bound")
add("TRM-08", "TRM", "kidney-bladder/urinary-incontinence.md", "two distinct conditions as synonyms: urinary incontinence is not overactive bladder", "also known as overactive bladder")
add("TRM-09", "TRM", "lungs/copd.md", "unexplained jargon 'dyspnea' on a patient page (shortness of breath)", "- Dyspnea, especially")
add("TRM-10", "TRM", "lungs/pulmonary-embolism.md", "acronym DVT used before it is defined (defined two sections later)", "A PE often starts as a DVT")
add("TRM-11", "TRM", "mouth-ear-eye/toothache.md", "spelling variant 'xray'; every other page uses 'X-ray'", "an xray")
add("TRM-12", "TRM", "mouth-ear-eye/glaucoma.md", "condition name in Title Case mid-sentence ('Open-Angle Glaucoma'); lower case elsewhere on the page", "Open-Angle Glaucoma")
add("TRM-13", "TRM", "sexual-health/chlamydia.md", "acronym PID never defined on a patient page (pelvic inflammatory disease)", "cause PID")
add("TRM-14", "TRM", "sexual-health/emergency-contraception.md", "stigmatising term 'victims of sexual assault' (prefer 'people who have been sexually assaulted')", "Victims of sexual assault")
add("TRM-15", "TRM", "injuries/cuts.md", "label noun 'Diabetics' (prefer 'people with diabetes')", "Diabetics should")
add("TRM-16", "TRM", "injuries/choking.md", "outdated, offensive term 'mentally handicapped' (prefer 'people with a learning disability')", "mentally handicapped")
add("TRM-17", "TRM", "medicines/inhalers.md", "label noun 'asthmatics' (prefer 'people with asthma')", "Many asthmatics")
add("TRM-18", "TRM", "medicines/blood-thinners.md", "hyphenation variant 'breast-feeding'; every other page uses 'breastfeeding'", "breast-feeding")
add("TRM-19", "TRM", "medicines/ibuprofen.md", "unexplained jargon 'contraindicated' on a patient page", "Ibuprofen is contraindicated")
add("TRM-20", "TRM", "cancer/colonoscopy.md", "unexplained jargon 'polypectomy' on a patient page (removing the polyps)", "polypectomy is performed")

# ---------------- RF ----------------
def rf_section(id_, path, heading, what):
    a, b = section(path, heading)
    add(id_, "RF", path, what, line=a, line_range=(a, b))

rf_section("RF-01", "children/ear-infection.md", "## When to see a doctor", "help section omits the key warning signs: swelling/redness behind the ear, stiff neck, high fever, pus or blood from the ear, baby under 6 months; no urgent route")
rf_section("RF-02", "children/hand-foot-mouth.md", "## When to get medical care", "help section omits the key warning signs: dehydration (not drinking, few wet diapers), fever over 3 days, symptoms after 10 days, weakened immune system")
rf_section("RF-03", "children/chickenpox.md", "## When to get help", "help section omits the key warning signs: infected blisters (red, hot, painful skin), dehydration, breathing difficulty/chest pain, pregnancy, newborns, weakened immune system; no 111/999")
rf_section("RF-04", "infections/shingles.md", "## When to see a doctor", "vague help section only ('questions or concerns'): no warning signs (rash near the eye, weakened immune system, see a doctor within days for antivirals)")
rf_section("RF-05", "infections/lyme-disease.md", "## When to see a doctor", "help section covers only rash/fever after a bite; omits facial drooping, irregular or fast heartbeat/fainting, severe headache with stiff neck")
add("RF-06", "RF", "infections/norovirus.md", "condition page has no help section at all (no dehydration warning signs, no when to call)", line=1)
add("RF-07", "RF", "endocrine/hyperthyroidism.md", "condition page has no help section at all (e.g. very fast or irregular heartbeat, fever with confusion/agitation = thyroid storm)", line=1)
add("RF-08", "RF", "kidney-bladder/prostate-enlargement.md", "condition page has no help section at all (e.g. cannot pee at all, blood in urine, fever)", line=1)
rf_section("RF-09", "kidney-bladder/kidney-stones.md", "## When to see a doctor", "help section omits the critical warning signs: fever and chills with pain, nausea/vomiting, blood in urine, not able to pee")
rf_section("RF-10", "lungs/whooping-cough.md", "## When to see a doctor", "help section omits the critical warning signs for babies: pauses in breathing, turning blue, struggling to breathe; no 911")
rf_section("RF-11", "mouth-ear-eye/mouth-ulcers.md", "## When to get help", "vague help section only ('if you're worried'): omits ulcer lasting more than 3 weeks, bigger/recurrent ulcers, red painful ulcer (infection)")
rf_section("RF-12", "mouth-ear-eye/dry-eye.md", "## When to see a doctor", "vague help section only ('if symptoms bother you'): omits severe eye pain, sudden vision change, light sensitivity")
add("RF-13", "RF", "mouth-ear-eye/conjunctivitis.md", "condition page has no help section at all (eye pain, vision change, light sensitivity, newborn with pink eye)", line=1)
rf_section("RF-14", "sexual-health/gonorrhea.md", "## When to see a doctor", "vague help section only ('questions or concerns'): omits symptoms to act on, partner diagnosis, severe lower belly pain with fever")
add("RF-15", "RF", "sexual-health/hpv-vaccine.md", "medicine page names anaphylaxis and says to rest at home; anaphylaxis needs 911/epinephrine", "lie down at home and rest")
add("RF-16", "RF", "cancer/colonoscopy.md", "procedure page names sepsis (after a tear) with no urgency wording anywhere (no severe belly pain/fever/call 911 advice)", "lead to sepsis")
rf_section("RF-17", "injuries/dog-bite.md", "## When to see a doctor", "help section omits critical signs: bleeding that won't stop, signs of infection (spreading redness, pus, fever), bites on hand/face, unknown or unvaccinated dog (rabies); no 911")
add("RF-18", "RF", "injuries/fractures.md", "wrong-country emergency number: 999 on an en-US page (should be 911)", "Call 999 if:")
add("RF-19", "RF", "injuries/burns.md", "wrong-country emergency number: 911 on an en-GB page (should be 999)", "Call 911 if:")
add("RF-20", "RF", "medicines/antihistamines.md", "medicine page says anaphylaxis can be handled at home with a double dose of antihistamine; it needs epinephrine and 911", "take a double dose")
add("RF-21", "RF", "medicines/blood-thinners.md", "medicine page names stroke (and bleeding) with no urgency wording anywhere (no 911 for stroke signs or serious bleeding)", "lower your risk of stroke")
add("RF-22", "RF", "medicines/ibuprofen.md", "medicine page names heart attack and stroke with no urgency wording anywhere (no call 911 for chest pain/stroke signs)", "risk of heart attack and stroke")

# ---------------- RDB ----------------
add("RDB-01", "RDB", "endocrine/pcos.md", "dense patient page: every paragraph is one 50-66 word sentence full of technical vocabulary (FK ~24)", "is a common endocrine condition", whole_file=True, also=["TRM"])
add("RDB-02", "RDB", "cancer/breast-lump.md", "dense patient page: 35-64 word sentences of clinical vocabulary throughout (FK ~26)", "A breast lump is a localized swelling", whole_file=True, also=["TRM"])
add("RDB-03", "RDB", "infections/tonsillitis.md", "single 67-word sentence in an otherwise plain page", "Your health care provider will look at your throat")
add("RDB-04", "RDB", "endocrine/hypothyroidism.md", "single 61-word sentence in an otherwise plain page", "Your health care provider will ask about your symptoms")
add("RDB-05", "RDB", "lungs/sleep-apnea.md", "single 69-word sentence in an otherwise plain page", "Your doctor may send you for a sleep study")
add("RDB-06", "RDB", "sexual-health/emergency-contraception.md", "single 61-word sentence in an otherwise plain page", "Your next period may come earlier or later")
a, b = section("mouth-ear-eye/glaucoma.md", "## Getting checked")
add("RDB-07", "RDB", "mouth-ear-eye/glaucoma.md", "dense section: 52- and 26-word sentences of unexplained clinical terms (tonometric, gonioscopic, pachymetric)", line=a + 2, line_range=(a, b), also=["TRM"])
a, _ = section("mouth-ear-eye/earwax.md", "## Treatments from a pharmacist")
_, b = section("mouth-ear-eye/earwax.md", "## Treatments from a GP or hearing service")
add("RDB-08", "RDB", "mouth-ear-eye/earwax.md", "dense sections: two ~60-word sentences with unexplained terms (cerumen, tympanic membrane, otitis externa)", "Microsuction involves", line_range=(a, b), also=["TRM"])
add("RDB-09", "RDB", "medicines/inhalers.md", "one paragraph of about 200 words (inhaler technique) that should be a numbered list", "Using your inhaler the right way")
add("RDB-10", "RDB", "sexual-health/contraception.md", "one paragraph of about 195 words (choosing a method) that should be a list", "Choosing a birth control method is a personal decision")
a, b = list_range("kidney-bladder/overactive-bladder.md", "- coffee", "- a urine infection")
add("RDB-11", "RDB", "kidney-bladder/overactive-bladder.md", "list of 16 items (bladder irritants) without grouping", line=a, line_range=(a, b))
a, b = list_range("mouth-ear-eye/mouth-ulcers.md", "- biting the inside of your cheek", "- Behet's disease")
add("RDB-12", "RDB", "mouth-ear-eye/mouth-ulcers.md", "list of 16 items (causes) without grouping", line=a, line_range=(a, b))

# ---------------- CON ----------------
def con(id_, rule, type_, path, needle, opath, oneedle, why, alt_sides=None):
    l = find(path, needle)
    ol = find(opath, oneedle)
    e = {"id": id_, "family": "CON", "rule": rule, "type": type_, "path": path, "line": l,
         "other_path": opath, "other_line": ol, "excerpt": excerpt(path, l),
         "other_excerpt": excerpt(opath, ol), "why": why}
    if alt_sides:
        e["other_alt_sides"] = [{"path": p, "line": find(p, n)} for p, n in alt_sides]
    entries.append(e)

con("CON-01", "CON001", "numeric", "injuries/dog-bite.md", "only if your last dose was more than 10 years ago",
    "injuries/cuts.md", "If the wound is dirty or deep",
    "a bite is a dirty/puncture wound: tetanus booster if the last dose was more than 5 years ago, not 10")
con("CON-02", "CON001", "numeric", "sexual-health/contraception.md", "younger than 30 should get a chlamydia test",
    "sexual-health/chlamydia.md", "all sexually active women younger than 25",
    "yearly chlamydia screening is recommended for sexually active women under 25, not under 30")
con("CON-03", "CON003", "numeric", "infections/norovirus.md", "The illness usually lasts 7 to 10 days.",
    "infections/norovirus.md", "Most people get better within 1 to 3 days.",
    "norovirus illness usually lasts 1 to 3 days; the page later says 7 to 10 days")
con("CON-04", "CON003", "antonym", "endocrine/hypothyroidism.md", "Because your thyroid is overactive",
    "endocrine/hypothyroidism.md", "does not make enough thyroid hormone",
    "hypothyroidism is an underactive thyroid and body processes slow down, not overactive/speed up")
con("CON-05", "CON001", "antonym", "endocrine/pcos.md", "hyperthyroidism usually causes weight gain",
    "endocrine/hyperthyroidism.md", "You may lose weight even though",
    "hyperthyroidism typically causes weight loss, not weight gain")
con("CON-06", "CON001", "polarity", "children/chickenpox.md", "can catch shingles from a child with chickenpox",
    "infections/shingles.md", "You cannot catch shingles from someone who has shingles or chickenpox.",
    "shingles is reactivation of your own virus; you cannot catch shingles from someone with chickenpox")
con("CON-07", "CON001", "location", "kidney-bladder/overactive-bladder.md", "which sits just above the bladder",
    "kidney-bladder/prostate-enlargement.md", "The prostate sits just below the bladder.",
    "the prostate lies below the bladder, around the urethra")
con("CON-08", "CON001", "cause", "endocrine/prediabetes.md", "which is caused by eating too much sugar as a child",
    "endocrine/type-1-diabetes.md", "Type 1 diabetes is caused by the immune system attacking",
    "type 1 diabetes is autoimmune; it is not caused by eating sugar")
con("CON-09", "CON001", "urgency", "lungs/copd.md", "If you cough up blood, bring it up at your next routine checkup.",
    "lungs/pulmonary-embolism.md", "Call 911 if you cough up blood",
    "coughing up blood needs urgent assessment (911 with chest pain/breathlessness), not a routine checkup")
con("CON-10", "CON003", "urgency", "mouth-ear-eye/toothache.md", "is not urgent and can wait for your next regular dental checkup",
    "mouth-ear-eye/toothache.md", "Go to an emergency room right away if your face or jaw swells",
    "facial or jaw swelling from a tooth can be a spreading infection and is urgent")
con("CON-11", "CON001", "recommendation", "mouth-ear-eye/earwax.md", "Use cotton buds to gently clean the wax",
    "children/ear-infection.md", "Do not put cotton swabs or anything else inside",
    "cotton buds/swabs should not be put in the ear canal; they push wax deeper and can damage the ear")
con("CON-12", "CON003", "recommendation", "injuries/burns.md", "Holding ice directly on the burn",
    "injuries/burns.md", "Do not use ice, iced water or creams.",
    "ice can further damage burned skin; cool with cool running water for 20 minutes")

# ---------------- near misses (pairs) ----------------
mnf = []
def nm(id_, kind, path, needle, opath, oneedle, why):
    l = find(path, needle); ol = find(opath, oneedle)
    mnf.append({"id": id_, "kind": kind, "path": path, "line": l, "other_path": opath, "other_line": ol,
                "excerpt": excerpt(path, l), "other_excerpt": excerpt(opath, ol), "why": why})

nm("NM-01", "unit conversion", "children/hand-foot-mouth.md", "fever of 100.4°F or higher", "children/teething.md", "temperature of 38°C or higher",
   "100.4°F is 38°C: the same fever threshold for babies under 3 months")
nm("NM-02", "different condition", "infections/norovirus.md", "Most people get better within 1 to 3 days.", "children/hand-foot-mouth.md", "Most people get better in 7 to 10 days.",
   "different illnesses have different durations (norovirus 1-3 days, hand, foot, and mouth disease 7-10 days)")
nm("NM-03", "conditional", "injuries/cuts.md", "For a clean, minor cut", "injuries/cuts.md", "If the wound is dirty or deep",
   "10 years applies to clean minor wounds, 5 years to dirty or deep wounds (CDC)")
nm("NM-04", "different injury", "injuries/sprains.md", "Hold an ice pack wrapped in a tea towel", "injuries/burns.md", "Do not use ice, iced water or creams.",
   "ice (wrapped) is right for sprains and wrong for burns")
nm("NM-05", "different medicine", "medicines/co-codamol.md", "for more than 3 days without speaking to a doctor", "medicines/ibuprofen.md", "Do not take it for pain for more than 10 days",
   "different medicines have different self-care limits (codeine 3 days; ibuprofen 10 days for pain)")
nm("NM-06", "different cause", "infections/tonsillitis.md", "Antibiotics do not help tonsillitis caused by a virus.", "infections/scarlet-fever.md", "Scarlet fever is treated with antibiotics.",
   "antibiotics do not help viral infections but do treat bacterial scarlet fever")
nm("NM-07", "different disease", "infections/shingles.md", "You cannot catch shingles from someone who has shingles or chickenpox.", "children/chickenpox.md", "Chickenpox spreads very easily.",
   "shingles cannot be caught, chickenpox spreads easily: different diseases")
nm("NM-08", "different subtype", "mouth-ear-eye/glaucoma.md", "Open-angle glaucoma often has no symptoms at first.", "mouth-ear-eye/glaucoma.md", "It causes sudden, severe eye pain.",
   "open-angle glaucoma is painless; acute angle-closure glaucoma is painful")
nm("NM-09", "different medicine", "medicines/aspirin.md", "- Children and teens. Aspirin can cause", "medicines/ibuprofen.md", "Adults and children 12 and older can take 1 tablet",
   "aspirin is avoided in children and teens (Reye's syndrome); ibuprofen is fine for them")
nm("NM-10", "different test", "cancer/mammogram.md", "every 2 years from age 40 to 74", "cancer/bowel-screening.md", "- aged 50 to 74",
   "different screening programmes have different start ages")
nm("NM-11", "different severity", "lungs/copd.md", "- You are more short of breath than usual", "lungs/pulmonary-embolism.md", "Call 911 if you cough up blood",
   "a gradual worsening of COPD breathlessness is a call to the provider; sudden breathlessness is 911")
nm("NM-12", "different context", "medicines/aspirin.md", "The 911 operator may tell you to chew an aspirin.", "medicines/aspirin.md", "Do not take aspirin unless a doctor tells you to.",
   "chewing aspirin may be advised for a heart attack but not for a suspected stroke")

nm("NM-13", "different population", "infections/tonsillitis.md", "fever over 101°F", "children/hand-foot-mouth.md", "fever of 100.4°F or higher",
   "101°F is a call-your-provider threshold for a sore throat; 100.4°F is the threshold for babies under 3 months")
nm("NM-14", "different condition", "children/hand-foot-mouth.md", "- Give acetaminophen or ibuprofen for pain and fever.", "children/chickenpox.md", "Do not use ibuprofen unless a doctor tells you to",
   "ibuprofen is fine for hand, foot, and mouth disease but avoided in chickenpox (skin infection risk)")
nm("NM-15", "locale wording", "children/chickenpox.md", "Do not use ibuprofen unless a doctor tells you to", "medicines/aspirin.md", "- Children and teens. Aspirin can cause",
   "UK advice says no aspirin under 16, US advice says children and teens: the same rule in each country's wording")
nm("NM-16", "different condition", "infections/impetigo.md", "48 hours after you start treatment", "infections/scarlet-fever.md", "You're infectious until 24 hours after you start antibiotics.",
   "impetigo stops being infectious 48 hours after starting treatment, scarlet fever 24 hours after starting antibiotics")
nm("NM-17", "locale programme", "cancer/colonoscopy.md", "start colorectal cancer screening at age 45", "cancer/bowel-screening.md", "- aged 50 to 74",
   "US guidance starts bowel screening at 45; the NHS England programme invites people aged 50 to 74")
nm("NM-18", "consistent arithmetic", "medicines/co-codamol.md", "1 or 2 tablets, up to 4 times a day", "medicines/co-codamol.md", "Do not take more than 8 tablets in 24 hours.",
   "2 tablets 4 times a day is 8 tablets: consistent")

# ---------------- near misses (single) ----------------
mnfs = []
def nms(id_, family, path, needle, why, whole_file=False):
    l = find(path, needle)
    e = {"id": id_, "family": family, "path": path, "line": l, "excerpt": excerpt(path, l), "why": why}
    if whole_file:
        e["whole_file"] = True
    mnfs.append(e)

nms("NMS-01", "ENC", "infections/shingles.md", "Guillain-Barré syndrome", "correct accented name Guillain-Barré")
nms("NMS-02", "ENC", "mouth-ear-eye/earwax.md", "Ménière's disease", "correct accented name Ménière's")
nms("NMS-03", "ENC", "endocrine/thyroid-function-tests.md", "1.6 µg/kg/day", "correct micro sign in µg")
nms("NMS-04", "ENC", "children/teething.md", "temperature of 38°C or higher", "correct degree sign")
nms("NMS-05", "TRM", "endocrine/prediabetes.md", "sometimes called borderline diabetes", "borderline diabetes is a genuine synonym of prediabetes")
nms("NMS-06", "TRM", "endocrine/type-1-diabetes.md", "diabetic retinopathy", "'diabetic' as an adjective in a condition name, not a label for people")
nms("NMS-07", "TRM", "children/ear-infection.md", "Doctors call this kind of infection acute otitis media", "jargon-like disease name given as the medical term after a plain explanation")
nms("NMS-08", "TRM", "lungs/copd.md", "Chronic obstructive pulmonary disease (COPD)", "acronym defined at first use")
nms("NMS-09", "TRM", "children/teething.md", "Ask for an urgent GP appointment or call 111", "GP is standard and needs no definition on a UK page")
nms("NMS-10", "TRM", "injuries/sprains.md", "Go to an urgent treatment centre or A&E", "A&E and British spelling 'centre' on an en-GB page")
nms("NMS-11", "TRM", "kidney-bladder/urinary-incontinence.md", "Urge incontinence (a sudden, strong need to pee)", "jargon explained in place")
nms("NMS-12", "TRM", "mouth-ear-eye/conjunctivitis.md", "swelling of the conjunctiva", "jargon explained in place; conjunctivitis is a true synonym of pink eye")
nms("NMS-13", "TRM", "lungs/whooping-cough.md", "The medical name is pertussis.", "true synonym")
nms("NMS-14", "TRM", "cancer/cervical-screening.md", "human papillomavirus (HPV)", "acronym defined at first use")
nms("NMS-15", "TRM", "mouth-ear-eye/mouth-ulcers.md", "grey in colour", "British spellings on an en-GB page")
nms("NMS-16", "RF", "infections/scarlet-fever.md", "Immediate action required: Call 999 or go to A&E if:", "correct UK emergency number")
nms("NMS-17", "RF", "infections/impetigo.md", "Urgent advice: Ask for an urgent GP appointment or get help from NHS 111 if:", "NHS 111 urgent heading is correct, not a wrong emergency number")
nms("NMS-18", "RF", "endocrine/type-1-diabetes.md", "Call 911 if you have any of the warning signs listed above.", "refers back to a full list of DKA warning signs")
nms("NMS-19", "RF", "medicines/aspirin.md", "call Poison Help at 1-800-222-1222", "poison line, not an emergency number error")
nms("NMS-20", "RF", "sexual-health/emergency-contraception.md", "National Sexual Assault Hotline at 800-656-4673", "crisis hotline, not an emergency number error")
nms("NMS-21", "RF", "medicines/aspirin.md", "Call 911 right away if you think you are having a heart attack.", "medicine page names heart attack with proper urgency")
nms("NMS-22", "RF", "infections/scarlet-fever.md", "cause sepsis", "complication mention in a page with a full help section")
nms("NMS-23", "RF", "infections/tonsillitis.md", "This is called a peritonsillar abscess.", "complication mention in a page with a full help section")
nms("NMS-24", "RF", "kidney-bladder/alport-syndrome.md", "about 1 in 50,000 newborns", "rare genetic condition reference page with no emergency angle; '50,000' is not the AU number 000", whole_file=True)
nms("NMS-25", "RF", "cancer/bowel-screening.md", "0800 707 60 60", "screening helpline number on a UK page")
nms("NMS-26", "RF", "kidney-bladder/urinary-incontinence.md", "Nerve damage from diabetes, stroke, or multiple sclerosis", "stroke named as a cause on a condition page that has a proper emergency section")
nms("NMS-27", "RDB", "children/teething.md", "Some babies are born with their first teeth.", "a 4-sentence paragraph of short sentences is fine")
nms("NMS-28", "SCH", "lungs/copd-exacerbation.md", "audience: professional", "valid audience value")
nms("NMS-29", "SCH", "injuries/cuts.md", 'title: "First aid: Cuts and scrapes"', "quoted title containing a colon is valid YAML")
nms("NMS-30", "RDB", "endocrine/thyroid-function-tests.md", "TSH is the most sensitive first-line test", "professional page: technical density is expected")

clean = [
    ("endocrine/thyroid-function-tests.md", "professional test page; technical terms and acronyms expected"),
    ("kidney-bladder/alport-syndrome.md", "rare genetic condition reference page; non-emergency care section"),
    ("kidney-bladder/pelvic-floor-exercises.md", "wellness page, no emergency conditions"),
    ("lungs/spirometry.md", "test page, no emergency conditions"),
    ("lungs/copd-exacerbation.md", "professional treatment page with emergency referral wording"),
    ("cancer/bowel-screening.md", "en-GB test page, NHS conventions"),
    ("cancer/cervical-screening.md", "en-GB test page, NHS conventions"),
    ("cancer/skin-cancer.md", "condition page with full help section, defined acronym UV"),
    ("injuries/sprains.md", "en-GB condition page with A&E/999 help section"),
    ("children/head-lice.md", "en-GB condition page, pharmacist/GP/111 help section"),
    ("children/teething.md", "en-GB symptom page with 111/999 help section"),
    ("infections/scarlet-fever.md", "en-GB condition page with 111/999 help section"),
    ("infections/impetigo.md", "en-GB condition page with 111/999 help section"),
    ("sexual-health/thrush.md", "en-GB condition page with GP/111 help section"),
    ("medicines/aspirin.md", "medicine page naming heart attack/stroke with 911 urgency"),
]

gold = {
    "version": 1,
    "corpus": "corpus",
    "line_tolerance": 2,
    "reference_date": __import__("datetime").date(2026, 12, 1),
    "entries": entries,
    "must_not_flag": mnf,
    "must_not_flag_single": mnfs,
    "clean_files": [{"path": p, "why": w} for p, w in clean],
    "no_defect_files": [],
}
class D(yaml.SafeDumper):
    pass
D.add_representer(list, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v,
                  flow_style=all(isinstance(x, (int, str)) and len(str(x)) < 20 for x in v) and len(v) <= 3))
(HERE / "gold.yaml").write_text(yaml.dump(gold, Dumper=D, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
from collections import Counter
print(Counter(e["family"] for e in entries), len(entries))
