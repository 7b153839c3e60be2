#!/usr/bin/env python3
"""Build gold.yaml from anchor substrings (each must occur on exactly one line of its file)."""
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

def locate(path, anchor):
    lines = (CORPUS / path).read_text(encoding="utf-8").split("\n")
    hits = [i for i, l in enumerate(lines, 1) if anchor in l]
    if len(hits) != 1:
        raise SystemExit(f"{path}: anchor {anchor!r} found on lines {hits}")
    n = hits[0]
    return n, lines[n - 1][:160]

# id, rule, type, wrong_path, wrong_anchor, right_path, right_anchor, why, extras
CON = [
 # ---------- antonym ----------
 ("CON-01","CON001","antonym","neuro/stroke.md","Bell's palsy, a lifelong condition","neuro/bells-palsy.md","usually gets better on its own",
  "Bell's palsy is usually temporary (most recover fully within months); stroke page calls it lifelong with permanent weakness.",{}),
 ("CON-02","CON003","antonym","skin/eczema.md","This condition is an acute rash","skin/eczema.md","is a chronic (long-lasting) condition",
  "Atopic dermatitis is chronic and relapsing; 'This condition' (heading: Living with eczema) is later called an acute rash that never comes back.",{}),
 ("CON-03","CON001","antonym","skin/ringworm.md","Psoriasis is catching too","skin/psoriasis.md","Psoriasis is not infectious",
  "Psoriasis is not contagious; ringworm page says it is 'catching'.",{}),
 ("CON-04","CON001","antonym","medicines/metformin.md","a permanent form of diabetes","pregnancy/gestational-diabetes.md","usually goes away after your baby is born",
  "Gestational diabetes usually resolves after delivery; metformin page calls it permanent.",{}),
 ("CON-05","CON003","antonym","children/hand-foot-mouth.md","Because HFMD is a severe illness","children/hand-foot-mouth.md","is usually mild, and most children get better",
  "HFMD is usually mild and self-limiting; acronym-subject line says it is severe in most children.",{}),
 ("CON-06","CON003","antonym","neuro/concussion.md","are irreversible","neuro/concussion.md","Most people recover fully from a concussion",
  "Most people recover fully from concussion; later line says the brain changes are irreversible in most people.",{}),
 ("CON-07","CON001","antonym","neuro/stroke.md","Atrial fibrillation, a rare heart rhythm problem","cardio/atrial-fibrillation.md","AF is the most common type of irregular heartbeat",
  "AF is the most common arrhythmia; stroke page calls it rare (full name vs acronym).",{}),
 # ---------- polarity ----------
 ("CON-08","CON001","polarity","children/chickenpox.md","There is no vaccine to protect against shingles","infections/shingles.md","A vaccine called Shingrix can prevent shingles",
  "A shingles vaccine exists (Shingrix; also offered on the NHS); chickenpox page says there is none.",{}),
 ("CON-09","CON003","polarity","cardio/high-blood-pressure.md","Most people with high blood pressure notice warning signs","cardio/high-blood-pressure.md","It usually has no warning signs or symptoms",
  "Hypertension is usually symptomless ('It' under Symptoms heading); later line says most people notice warning signs.",{}),
 ("CON-10","CON001","polarity","children/fever-in-children.md","antibiotics will help it go away faster","infections/flu.md","Antibiotics do not work against flu viruses.",
  "Antibiotics do not work against colds/flu (viruses); fever page says they make such a fever go away faster.",
  {"other_alt_sides":[("medicines/amoxicillin.md","It does not work for viral infections such as colds and flu.")]}),
 ("CON-11","CON001","polarity","skin/psoriasis.md","Eczema, on the other hand, can be passed","skin/eczema.md","Eczema is not contagious.",
  "Eczema cannot be caught or passed on; psoriasis page says it spreads by skin-to-skin contact.",{}),
 ("CON-12","CON003","polarity","medicines/metformin.md","metformin regularly lowers blood sugar too far","medicines/metformin.md","it does not usually cause low blood sugar",
  "Metformin monotherapy does not usually cause hypoglycaemia; later line says it regularly does.",{}),
 ("CON-13","CON001","polarity","mental/depression.md","often end up with heart damage","mental/panic-attacks.md","will not damage your heart",
  "Panic attacks do not damage the heart; depression page says repeated attacks cause heart damage.",{}),
 ("CON-14","CON001","polarity","bones/osteoarthritis.md","causes aching bones long before any fracture","bones/osteoporosis.md","Osteoporosis usually causes no symptoms until a bone breaks.",
  "Osteoporosis is silent until a fracture; osteoarthritis page says it causes aching bones before any fracture.",{}),
 # ---------- numeric ----------
 ("CON-15","CON001","numeric","neuro/migraine.md","Adults can take up to 8 grams","medicines/acetaminophen.md","should not take more than 4,000 milligrams",
  "Adult acetaminophen maximum is 4,000 mg (4 g) per 24 h; migraine page doubles it to 8 g (different units on each side).",
  {"other_alt_sides":[("bones/gout.md","Adults should not take more than 4 grams a day.")]}),
 ("CON-16","CON001","numeric","children/bronchiolitis.md","only counts as a fever if it is 39","children/fever-in-children.md","A fever is a body temperature of 100.4",
  "Fever threshold in children is 38 C / 100.4 F; bronchiolitis page says 39 C (across C/F).",
  {"other_alt_sides":[("children/croup.md","a high temperature (38 °C or above)")]}),
 ("CON-17","CON001","numeric","pregnancy/gestational-diabetes.md","usually starts in the first 12 weeks","pregnancy/preeclampsia.md","Preeclampsia usually starts after 20 weeks",
  "Preeclampsia develops after 20 weeks; gestational diabetes page says first 12 weeks.",{}),
 ("CON-18","CON003","numeric","infections/lyme-disease.md","only about 1 in 10 people with Lyme disease","infections/lyme-disease.md","appears in about 70 to 80 percent",
  "Erythema migrans occurs in ~70-80% of infections; later line says 1 in 10 (percent vs 1-in-N).",{}),
 ("CON-19","CON003","numeric","skin/melanoma.md","spots wider than half an inch","skin/melanoma.md","larger than 6 millimeters across",
  "ABCDE diameter rule is >6 mm (~1/4 inch, pencil eraser); later line says half an inch is pencil-eraser size (mm vs inch).",{}),
 ("CON-20","CON003","numeric","digestive/appendicitis.md","about 2 weeks after a routine appendectomy","digestive/appendicitis.md","most people go home within 1 or 2 days",
  "Uncomplicated laparoscopic appendectomy: home in 1-2 days; recovery section says a 2-week hospital stay (length of stay).",{}),
 ("CON-21","CON001","numeric","digestive/appendicitis.md","about a week after contact with the virus","digestive/norovirus.md","Symptoms usually start 12 to 48 hours",
  "Norovirus incubation is 12-48 h; appendicitis page says about a week, with the subject in the previous sentence and 'Its' in the numeric one.",{}),
 ("CON-22","CON001","numeric","infections/flu.md","which is given as a single shot","infections/shingles.md","CDC recommends two doses",
  "Shingrix is a 2-dose series; flu page says a single shot (count).",{}),
 ("CON-23","CON001","numeric","children/croup.md","mainly affects children aged 5 and over","children/bronchiolitis.md","affects babies and young children under 2",
  "Bronchiolitis affects children under 2; croup page says 5 and over (age threshold).",{}),
 # ---------- location ----------
 ("CON-24","CON001","location","digestive/diverticulitis.md","its pain typically begins in the lower left","digestive/appendicitis.md","The pain usually starts around the belly button",
  "Appendicitis pain starts around the navel and moves to the lower right; diverticulitis page says it begins lower left.",{}),
 ("CON-25","CON001","location","digestive/gerd.md","upper left part of the belly","digestive/gallstones.md","centre or upper right of the tummy",
  "Gallbladder (biliary) pain is central/upper right; GERD page says upper left.",{}),
 ("CON-26","CON003","location","infections/shingles.md","covering both sides of the body","infections/shingles.md","on one side of the body or face",
  "Shingles rash is unilateral (one dermatome); later line says it wraps around both sides.",{}),
 ("CON-27","CON001","location","cardio/high-blood-pressure.md","usually starts in the wrist","bones/gout.md","Gout most often affects the joint at the base of the big toe.",
  "Gout typically starts at the big toe (first MTP joint); blood pressure page says the wrist.",{}),
 ("CON-28","CON003","location","bones/sprained-ankle.md","ligaments on the inner side of the ankle","bones/sprained-ankle.md","ligaments on the outside of the ankle",
  "Inversion sprains injure the lateral (outer) ligaments; symptoms line says the inner ligaments are usually damaged.",{}),
 # ---------- cause ----------
 ("CON-29","CON001","cause","infections/flu.md","which, like flu, is caused by a virus","infections/strep-throat.md","caused by bacteria called group A Streptococcus",
  "Strep throat is bacterial (group A strep); flu page says it is viral.",{}),
 ("CON-30","CON001","cause","skin/eczema.md","Ringworm, a bacterial skin infection","skin/ringworm.md","Ringworm is a common fungal infection.",
  "Ringworm is fungal; eczema page calls it bacterial.",{}),
 ("CON-31","CON001","cause","infections/shingles.md","It is caused by the herpes simplex virus","children/chickenpox.md","Shingles is caused by the same virus",
  "Shingles is reactivated varicella-zoster virus; shingles page (subject only in heading 'What causes shingles?', 'It' in sentence) says herpes simplex.",{}),
 ("CON-32","CON003","cause","infections/tuberculosis.md","TB is a virus that usually","infections/tuberculosis.md","Tuberculosis is caused by bacteria called",
  "TB is bacterial (Mycobacterium tuberculosis, full name); later line with the acronym calls it a virus.",
  {"other_alt_lines":["Latent TB means the bacteria"]}),
 ("CON-33","CON001","cause","children/fever-in-children.md","due to a UTI, a viral infection","medicines/amoxicillin.md","It's used to treat bacterial infections",
  "Urinary tract infections are bacterial (full name on amoxicillin page); fever page calls a UTI (acronym) viral.",{}),
 ("CON-34","CON003","cause","digestive/norovirus.md","Norovirus illness is caused by bacteria","digestive/norovirus.md","Norovirus is a very contagious virus",
  "Norovirus is a virus; later line says the illness is caused by bacteria multiplying in food.",{}),
 # ---------- urgency ----------
 ("CON-35","CON001","urgency","neuro/migraine.md","almost always part of the aura","neuro/stroke.md","Sudden numbness or weakness of the face, arm or leg",
  "Sudden one-sided weakness/numbness needs 911 (possible stroke); migraine page says lie down and wait.",{}),
 ("CON-36","CON003","urgency","cardio/heart-attack.md","Chest discomfort that fades after a few minutes","cardio/heart-attack.md","Call 911 right away if you think you or someone else",
  "Possible heart-attack symptoms that come and go still need 911; later line says wait for a routine checkup.",{}),
 ("CON-37","CON001","urgency","pregnancy/morning-sickness.md","Headaches and blurred vision in the later months","pregnancy/preeclampsia.md","Get emergency care right away, by calling 911",
  "Severe headache and vision changes in later pregnancy are preeclampsia warning signs needing urgent care; morning sickness page says rest at home, no need to contact the midwife.",{}),
 ("CON-38","CON001","urgency","children/ear-infection.md","it is fine to watch at home for 2 or 3 days","children/fever-in-children.md","If your baby is younger than 3 months and has a temperature",
  "Fever in an infant under 3 months needs a doctor right away; ear infection page says watch at home 2-3 days.",{}),
 ("CON-39","CON003","urgency","skin/cellulitis.md","Most cellulitis clears up with home care alone","skin/cellulitis.md","Cellulitis needs prompt treatment with antibiotics.",
  "Cellulitis needs same-day medical care and antibiotics; recovery section says home care alone, no doctor needed.",{}),
 # ---------- recommendation ----------
 ("CON-40","CON001","recommendation","bones/osteoporosis.md","take your levothyroxine together with your calcium","medicines/levothyroxine.md","at least 4 hours before or after calcium",
  "Levothyroxine must be taken on an empty stomach, 4 h apart from calcium; osteoporosis page says take it with calcium and breakfast.",
  {"other_alt_lines":["on an empty stomach, with a full glass of water"]}),
 ("CON-41","CON001","recommendation","bones/gout.md","To get the fastest relief, take NSAIDs","medicines/ibuprofen.md","Take ibuprofen with food or milk",
  "Ibuprofen/NSAIDs should be taken with food; gout page says on an empty stomach.",{}),
 ("CON-42","CON001","recommendation","medicines/ibuprofen.md","put a heating pad on it right away","bones/sprained-ankle.md","avoid heat (such as hot baths",
  "New sprains: ice, avoid heat for 3 days; ibuprofen page says apply a heating pad straight away.",
  {"other_alt_lines":["apply an ice pack"]}),
 ("CON-43","CON001","recommendation","children/hand-foot-mouth.md","Aspirin can be given to ease your child's fever","children/chickenpox.md","Do not give aspirin to children under 16.",
  "Aspirin should not be given to children (Reye's syndrome); HFMD page recommends it for a child's fever.",
  {"other_alt_sides":[("children/fever-in-children.md","Do not give aspirin to children or teenagers")]}),
 ("CON-44","CON003","recommendation","medicines/amoxicillin.md","You can stop taking amoxicillin as soon as","medicines/amoxicillin.md","Keep taking amoxicillin until you've finished the course",
  "Amoxicillin course should be finished; FAQ says stop as soon as you feel better.",{}),
 ("CON-45","CON001","recommendation","pregnancy/gestational-diabetes.md","take it on an empty stomach, at least an hour","medicines/metformin.md","Take metformin with meals",
  "Metformin is taken with meals to reduce GI upset; gestational diabetes page says on an empty stomach.",{}),
]

NM = [
 ("NM-01","unit conversion","medicines/acetaminophen.md","should not take more than 4,000 milligrams","bones/gout.md","Adults should not take more than 4 grams a day.","4,000 mg = 4 g; same limit."),
 ("NM-02","unit conversion","infections/flu.md","within 48 hours of when symptoms begin","infections/flu.md","within 2 days of getting sick","48 hours = 2 days."),
 ("NM-03","unit conversion","children/fever-in-children.md","A fever is a body temperature of 100.4","children/croup.md","a high temperature (38 °C or above)","100.4 F = 38 C."),
 ("NM-04","unit conversion","neuro/stroke.md","within 3 days of the first symptoms","neuro/bells-palsy.md","work best if they are started within 72 hours","3 days = 72 hours for steroid timing in Bell's palsy."),
 ("NM-05","different populations","children/chickenpox.md","Do not give aspirin to children under 16.","cardio/angina.md","low-dose aspirin (75mg) every day","No aspirin for children vs low-dose aspirin for adults with angina."),
 ("NM-06","different populations","pregnancy/folic-acid.md","400 micrograms folic acid tablet","pregnancy/folic-acid.md","higher dose of 5 milligrams","Standard dose vs higher dose for women at higher risk of neural tube defects."),
 ("NM-07","different populations","medicines/ibuprofen.md","Avoid ibuprofen from 20 weeks","bones/sprained-ankle.md","ibuprofen gel or tablets may help","Avoid in pregnancy from 20 weeks vs general adult use for a sprain."),
 ("NM-08","different populations","pregnancy/preeclampsia.md","140/90 mm Hg or higher, measured twice","cardio/high-blood-pressure.md","consistently 130/80 mm Hg or higher","Pregnancy-specific preeclampsia criterion vs general adult hypertension threshold."),
 ("NM-09","hedged vs typical","infections/flu.md","Most people who get flu recover","infections/flu.md","Flu can be serious, though.","Usually recover vs can be serious in some (hedged)."),
 ("NM-10","hedged vs typical","children/hand-foot-mouth.md","is usually mild, and most children get better","children/hand-foot-mouth.md","In rare cases, hand, foot, and mouth disease can lead","Usually mild vs rare serious complications."),
 ("NM-11","hedged vs typical","neuro/concussion.md","Most people recover fully from a concussion","neuro/concussion.md","Some people have symptoms that last for weeks or months","Most recover in weeks vs some have prolonged symptoms."),
 ("NM-12","general vs specific subtype","neuro/migraine.md","Most headaches, including migraine, are not a sign","neuro/migraine.md","thunderclap","Headaches in general are benign vs thunderclap headache is an emergency."),
 ("NM-13","general vs specific subtype","digestive/appendicitis.md","Most belly pain is not caused by a serious problem.","digestive/appendicitis.md","Appendicitis, however, is a medical emergency","Belly pain in general vs appendicitis specifically."),
 ("NM-14","general vs specific subtype","children/chickenpox.md","Most rashes in children are not serious.","children/chickenpox.md","a rash that does not fade when you press a glass","Rashes in general vs non-blanching rash (possible meningitis/sepsis)."),
 ("NM-15","different attributes","digestive/gallstones.md","Gallstones are very common.","digestive/gallstones.md","Serious complications from gallstones are rare","Prevalence (common) vs frequency of complications (rare)."),
 ("NM-16","different attributes","digestive/norovirus.md","Symptoms usually start 12 to 48 hours","digestive/norovirus.md","Most people get better within 1 to 3 days.","Onset (incubation) vs duration."),
 ("NM-17","different attributes","skin/melanoma.md","Melanoma is less common than other types","skin/melanoma.md","It is more dangerous than those other types","How common vs how dangerous."),
 ("NM-18","different subjects sharing words","medicines/metformin.md","Type 2 diabetes can often be managed","medicines/metformin.md","Type 1 diabetes is different","Type 2 vs type 1 diabetes."),
 ("NM-19","different subjects sharing words","children/chickenpox.md","Chickenpox spreads very easily.","infections/shingles.md","You cannot catch shingles from someone who has it.","Chickenpox is contagious; shingles itself is not caught (the virus can cause chickenpox)."),
 ("NM-20","different subjects sharing words","bones/osteoarthritis.md","Osteoarthritis causes pain and stiffness in the joints.","bones/osteoporosis.md","Osteoporosis usually causes no symptoms until a bone breaks.","Osteoarthritis vs osteoporosis."),
 ("NM-21","different subjects sharing words","digestive/diverticulitis.md","Diverticulosis usually causes no symptoms.","digestive/diverticulitis.md","Diverticulitis happens when one or more","Diverticulosis vs diverticulitis."),
 ("NM-22","adjective in disease name","children/ear-infection.md","Acute otitis media is the medical name","children/ear-infection.md","Chronic otitis media with effusion","'Acute' and 'chronic' are parts of two different diagnoses."),
 ("NM-23","adjective in disease name","neuro/stroke.md","A transient ischemic attack (TIA)","neuro/stroke.md","A stroke happens when blood flow","'Transient' TIA without lasting damage vs stroke with lasting damage."),
 ("NM-24","adjective in disease name","bones/gout.md","Gout is a chronic (long-term) condition","bones/gout.md","An acute gout attack usually gets better","Chronic disease vs 'acute gout attack' (a flare)."),
 ("NM-25","same number different context","medicines/ibuprofen.md","Avoid ibuprofen from 20 weeks","pregnancy/preeclampsia.md","Preeclampsia usually starts after 20 weeks","20 weeks used for NSAID avoidance and for preeclampsia onset."),
 ("NM-26","same number different context","neuro/bells-palsy.md","reaches its worst within 72 hours","neuro/bells-palsy.md","work best if they are started within 72 hours","72 hours for peak weakness and for steroid window."),
 ("NM-27","same number different context","cardio/heart-attack.md","Every 40 seconds, someone in the United States has a heart attack.","neuro/stroke.md","Every 40 seconds, someone in the United States has a stroke.","Both CDC statistics are true for different events."),
 ("NM-28","general rule vs exception","infections/shingles.md","CDC recommends two doses","infections/shingles.md","adults 19 and older who have, or will have","50+ general recommendation vs 19+ immunocompromised exception."),
 ("NM-29","general rule vs exception","children/ear-infection.md","Many ear infections get better on their own","children/ear-infection.md","Babies younger than 6 months with an ear infection","Watchful waiting in general vs antibiotics for under-6-months."),
 ("NM-30","general rule vs exception","children/fever-in-children.md","Most fevers are not harmful","children/fever-in-children.md","If your baby is younger than 3 months and has a temperature","Fevers are usually harmless vs infants under 3 months need urgent care."),
 ("NM-31","general rule vs exception","children/fever-in-children.md","Do not give aspirin to children or teenagers","children/fever-in-children.md","The exception is when a doctor prescribes aspirin","No aspirin for children vs prescribed aspirin for Kawasaki disease."),
 ("NM-32","statistics","cardio/atrial-fibrillation.md","about 5 times more likely to have a stroke","cardio/atrial-fibrillation.md","AF plays a part in about 1 in 5 strokes","Relative risk (5x) vs attributable share (1 in 5 strokes)."),
 ("NM-33","statistics","pregnancy/gestational-diabetes.md","about 10 times more likely to develop type 2","pregnancy/gestational-diabetes.md","About half of people who have had gestational diabetes","Relative risk (~10x) vs absolute proportion (~50%)."),
 ("NM-34","statistics","neuro/migraine.md","about three times more common in women","neuro/migraine.md","Roughly 1 in 5 women and about 1 in 15 men","Ratio 3 matches 1/5 vs 1/15."),
 ("NM-35","stages or types","infections/tuberculosis.md","Latent TB means the bacteria","infections/tuberculosis.md","Active TB means the bacteria are causing symptoms","Latent TB not infectious vs active TB infectious."),
 ("NM-36","stages or types","cardio/angina.md","Stable angina is brought on","cardio/angina.md","Unstable angina can start without an obvious trigger","Stable angina eases with rest vs unstable angina is an emergency."),
 ("NM-37","stages or types","skin/melanoma.md","When melanoma is found early","skin/melanoma.md","Melanoma that has spread to distant parts","Early melanoma usually curable vs metastatic harder to treat."),
 ("NM-38","regions or time periods","cardio/high-blood-pressure.md","In the United States, high blood pressure is diagnosed","cardio/angina.md","In the UK, high blood pressure is usually diagnosed","US (ACC/AHA 130/80) vs UK (NICE 140/90) thresholds."),
 ("NM-39","regions or time periods","infections/shingles.md","CDC recommends two doses","infections/shingles.md","Zostavax, was recommended for people 60 and older","Current Shingrix (50+) vs former Zostavax (60+)."),
 ("NM-40","regions or time periods","infections/tuberculosis.md","TB is uncommon in the UK","infections/tuberculosis.md","Worldwide, TB is one of the most common","Uncommon in the UK vs common worldwide."),
]

def build():
    entries, used_files = [], set()
    for cid, rule, typ, wp, wa, rp, ra, why, extra in CON:
        wl, we = locate(wp, wa)
        rl, re_ = locate(rp, ra)
        e = {"id": cid, "family": "CON", "rule": rule, "type": typ,
             "path": wp, "line": wl, "other_path": rp, "other_line": rl,
             "excerpt": we, "other_excerpt": re_, "why": why}
        if rule == "CON003":
            assert wp == rp, cid
        else:
            assert wp != rp, cid
        if "other_alt_lines" in extra:
            e["other_alt_lines"] = [locate(rp, a)[0] for a in extra["other_alt_lines"]]
        if "other_alt_sides" in extra:
            alts = []
            for p, a in extra["other_alt_sides"]:
                n, ex = locate(p, a)
                alts.append({"path": p, "line": n, "excerpt": ex})
                used_files.add(p)
            e["other_alt_sides"] = alts
        used_files.update([wp, rp])
        entries.append(e)
    mnf = []
    for nid, kind, p1, a1, p2, a2, why in NM:
        l1, e1 = locate(p1, a1)
        l2, e2 = locate(p2, a2)
        mnf.append({"id": nid, "kind": kind, "path": p1, "line": l1, "other_path": p2, "other_line": l2,
                    "excerpt": e1, "other_excerpt": e2, "why": why})
    all_files = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.md"))
    clean = [{"path": f, "why": "no contradiction planted on either side; may contain near-miss lines only"}
             for f in all_files if f not in used_files]
    gold = {"version": 1, "corpus": "corpus", "line_tolerance": 2, "reference_date": "2026-12-01",
            "entries": entries, "must_not_flag": mnf, "must_not_flag_single": [],
            "clean_files": clean, "no_defect_files": []}
    class D(yaml.SafeDumper):
        pass
    text = yaml.dump(gold, Dumper=D, sort_keys=False, allow_unicode=True, width=1000)
    (HERE / "gold.yaml").write_text(text, encoding="utf-8")
    print(f"{len(entries)} entries, {len(mnf)} must_not_flag, {len(clean)} clean files")

if __name__ == "__main__":
    build()
