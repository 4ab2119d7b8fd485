"""Writes catalog.jsonl: invented abstracts for the content evaluation set (run once)."""

import json
from pathlib import Path

A = []


def add(**kw):  # type: ignore[no-untyped-def]
    A.append(kw)


add(meeting="acr-2024", number="1123", category="oral",
    title="Ravensolimab in Systemic Sclerosis-Associated Interstitial Lung Disease: 52-Week "
          "Results of the Randomized SCLERA-1 Trial",
    authors=["Ingrid Halvorsen", "Marcus Obi", "Teresa Quintana"],
    body="Background/Purpose: Interstitial lung disease (ILD) is the leading cause of death in "
         "systemic sclerosis. Ravensolimab is a monoclonal antibody against the IL-6 receptor "
         "alpha chain. Methods: SCLERA-1 randomized 318 adults with SSc-ILD 1:1 to subcutaneous "
         "ravensolimab 150 mg every 2 weeks or placebo. The primary endpoint was the change in "
         "forced vital capacity (FVC) at week 52. Results: The mean FVC decline at week 52 was "
         "52 mL with ravensolimab versus 141 mL with placebo (difference 89 mL; p=0.003). "
         "Skin score improved by 4.8 versus 2.1 points. Serious infections occurred in 4.1% "
         "and 3.8% of patients. Conclusion: Ravensolimab slowed lung function decline in "
         "SSc-ILD over 52 weeks with an acceptable safety profile.",
    keywords=["systemic sclerosis", "interstitial lung disease", "IL-6"],
    session={"title": "Plenary Session I", "start": "2024-11-16T11:00:00-05:00",
             "end": "2024-11-16T12:30:00-05:00"},
    online_at="2024-10-25T12:00:00-04:00", trial_ids=["NCT05900112"])
add(meeting="acr-2024", number="0457", category="poster",
    title="Hydroxychloroquine Blood Levels and Lupus Flares During Pregnancy: A Prospective "
          "Multicenter Cohort",
    authors=["Aisha Rahman", "Peter Lindgren"],
    body="Background/Purpose: Hydroxychloroquine (HCQ) is recommended throughout pregnancy in "
         "lupus, but adherence is hard to judge. Methods: We measured whole-blood HCQ in each "
         "trimester in 241 pregnancies of women with systemic lupus erythematosus at 11 "
         "centers. Results: Flares occurred in 38.2% of pregnancies with a level below 500 "
         "ng/mL in any trimester versus 14.6% with levels that stayed above it (odds ratio "
         "3.1; 95% CI 1.7 to 5.6). Preterm birth was more common with low levels (21.0% vs "
         "9.8%). Conclusion: Low HCQ blood levels identify pregnancies at risk of lupus flares "
         "and preterm birth.",
    keywords=["lupus", "pregnancy", "hydroxychloroquine"],
    session={"title": "SLE - Clinical Poster I", "start": "2024-11-17T10:30:00-05:00",
             "end": "2024-11-17T12:30:00-05:00"},
    online_at="2024-10-25T12:00:00-04:00")
add(meeting="acr-2024", number="2048", category="poster",
    title="Tai Chi Versus Aerobic Exercise for Knee Osteoarthritis Pain in Older Adults: A "
          "Randomized Comparative Effectiveness Trial",
    authors=["Wen-Li Zhou", "Harold Brenner"],
    body="Background/Purpose: Exercise is recommended for knee osteoarthritis but the best "
         "form is unclear. Methods: 196 adults aged 60 or older with knee osteoarthritis were "
         "randomized to tai chi twice weekly or supervised aerobic exercise for 24 weeks. "
         "Results: WOMAC pain fell by 41% with tai chi and 29% with aerobic exercise "
         "(between-group p=0.04). Depression scores also improved more with tai chi. "
         "Attendance was 78% and 71%. Conclusion: Tai chi reduced knee pain at least as much "
         "as aerobic exercise in older adults.",
    keywords=["osteoarthritis", "exercise", "tai chi"],
    session={"title": "OA Poster II", "start": "2024-11-18T09:00:00-05:00",
             "end": "2024-11-18T11:00:00-05:00"},
    online_at="2024-10-25T12:00:00-04:00")
add(meeting="acr-2024", number="L07", category="late-breaking", tags=["oral"],
    title="Oral TYK2 Inhibitor Deltracitinib in Active Systemic Lupus Erythematosus: Primary "
          "Results of the Phase 2b BRIGHT-SLE Trial",
    authors=["Camille Dubois", "Rajesh Menon", "Olga Petrova"],
    body="Background/Purpose: TYK2 mediates type I interferon signalling. Methods: BRIGHT-SLE "
         "randomized 363 patients with active SLE to deltracitinib 3 mg, 6 mg or placebo once "
         "daily. The primary endpoint was SRI-4 response at week 48. Results: SRI-4 response "
         "was 54.8% with 6 mg and 47.1% with 3 mg versus 33.9% with placebo (p<0.001 for 6 "
         "mg). Herpes zoster occurred in 3.0% of patients on deltracitinib and 0.8% on "
         "placebo. Conclusion: Deltracitinib 6 mg improved lupus disease activity at week 48.",
    keywords=["lupus", "TYK2", "clinical trial"],
    session={"title": "Late-Breaking Abstracts", "start": "2024-11-18T16:30:00-05:00",
             "end": "2024-11-18T18:00:00-05:00"},
    online_at="2024-11-13T12:00:00-05:00", trial_ids=["NCT05811234"])
add(meeting="acr-2024", number="1390", category="poster",
    title="Gout Flares After Stopping Colchicine Prophylaxis at Three Versus Six Months of "
          "Urate-Lowering Therapy",
    authors=["Fiona McAllister", "Daniel Osei"],
    body="Background/Purpose: Guidelines advise colchicine prophylaxis when urate-lowering "
         "therapy starts, for three to six months. Methods: In a pragmatic trial, 420 patients "
         "starting allopurinol were randomized to stop colchicine at three or six months. "
         "Results: Flares in the following three months occurred in 23.5% after stopping at "
         "three months and 19.8% after stopping at six months (difference not significant). "
         "Conclusion: Stopping prophylaxis at three months was not clearly worse.",
    keywords=["gout", "colchicine"],
    session={"title": "Gout Poster", "start": "2024-11-17T10:30:00-05:00",
             "end": "2024-11-17T12:30:00-05:00"})
add(meeting="tso-2025", number="8004", category="oral",
    title="Adjuvant Verolatinib After Resection of EGFR-Mutant Stage IB-IIIA Lung Cancer: "
          "Disease-Free Survival in the HARBOR-3 Trial",
    authors=["Naomi Fairbanks", "Li Wei Tan", "Giorgio Ferrante"],
    body="Background: Recurrence after resection of EGFR-mutant non-small cell lung cancer "
         "remains common. Methods: HARBOR-3 randomized 682 patients after complete resection to "
         "verolatinib 80 mg daily or placebo for three years. Results: At a median follow-up of "
         "38 months, 3-year disease-free survival was 84.2% with verolatinib versus 61.5% with "
         "placebo (hazard ratio 0.38; p<0.001). Grade 3 or higher adverse events occurred in "
         "19.7% and 8.2%. Overall survival data were immature. Conclusion: Adjuvant "
         "verolatinib markedly prolonged disease-free survival.",
    keywords=["lung cancer", "EGFR", "adjuvant"],
    session={"title": "Lung Cancer - Non-Small Cell Local-Regional",
             "start": "2025-06-01T09:45:00-05:00", "end": "2025-06-01T12:45:00-05:00"},
    trial_ids=["NCT05733310"])
add(meeting="tso-2025", number="LBA2", category="late-breaking", tags=["plenary"],
    title="Low-Dose CT Screening Every Two Years Versus Annually in Former Smokers: The "
          "BIENNIAL Randomized Trial",
    authors=["Sarah Goldfarb", "Tomas Eriksen"],
    body="Background: The best interval for lung cancer screening is not known. Methods: "
         "BIENNIAL randomized 18,340 former smokers aged 55 to 77 to low-dose CT every year or "
         "every two years. Results: After 8 years, lung cancer mortality was 0.81 per 1,000 "
         "person-years with biennial screening and 0.79 with annual screening, meeting the "
         "non-inferiority margin. Biennial screening halved the number of scans and reduced "
         "false-positive results by 44%. Conclusion: Screening every two years was "
         "non-inferior to annual screening.",
    keywords=["screening", "lung cancer", "CT"],
    session={"title": "Plenary Session", "start": "2025-06-01T13:00:00-05:00",
             "end": "2025-06-01T16:00:00-05:00"})
add(meeting="tso-2025", number="9012", category="poster",
    title="Patient-Reported Financial Toxicity Among Lung Cancer Survivors Treated in Rural "
          "Clinics",
    authors=["Megan Holloway", "Jorge Castillo"],
    body="Background: Financial hardship after cancer is common. Methods: 1,204 lung cancer "
         "survivors treated at 23 rural clinics completed the COST questionnaire. Results: "
         "47% reported financial toxicity; 18% had delayed care because of cost. Younger age "
         "and private insurance were associated with higher scores. Conclusion: Financial "
         "toxicity affects nearly half of rural survivors.",
    keywords=["financial toxicity", "survivorship"],
    session={"title": "Health Services Research Poster",
             "start": "2025-06-02T08:00:00-05:00", "end": "2025-06-02T11:00:00-05:00"})
add(meeting="tso-2025", number="TPS8110", category="trials-in-progress",
    title="PALISADE: A Phase 3 Trial of Consolidation Immunotherapy After Chemoradiation in "
          "Limited-Stage Small Cell Lung Cancer (Trial in Progress)",
    authors=["Robert Kimani"],
    body="Background: Limited-stage small cell lung cancer relapses often. Methods: PALISADE "
         "will randomize 540 patients to consolidation immunotherapy or observation. "
         "Enrollment began in March 2024 at 120 sites.",
    keywords=["small cell lung cancer"],
    session={"title": "Trials in Progress Poster", "start": "2025-06-02T08:00:00-05:00",
             "end": "2025-06-02T11:00:00-05:00"})
add(meeting="nkc-2024", number="OP12", category="oral",
    title="Corvelanone Slows eGFR Decline in Non-Diabetic Chronic Kidney Disease: The "
          "NORDIC-KIDNEY Trial",
    authors=["Henrik Sorensen", "Anna Virtanen"],
    body="Background: Non-diabetic chronic kidney disease has few treatments. Methods: "
         "NORDIC-KIDNEY randomized 1,045 adults with non-diabetic CKD to corvelanone 20 mg or "
         "placebo. Results: Over 30 months the eGFR slope was -2.1 with corvelanone versus "
         "-3.4 mL/min/1.73 m2 per year with placebo. Hyperkalemia occurred in 6.2% versus "
         "2.9%. Conclusion: Corvelanone slowed kidney function decline.",
    keywords=["CKD", "mineralocorticoid"],
    session={"title": "Oral Session 3: CKD Treatment", "start": "2024-06-06T10:30:00+02:00",
             "end": "2024-06-06T12:00:00+02:00"},
    online_at="2024-05-28T12:00:00+02:00", trial_ids=["NCT05123987"])
add(meeting="nkc-2024", number="PO231", category="poster",
    title="Home Haemodialysis Uptake in Denmark and Sweden, 2014-2023: A Registry Study",
    authors=["Karin Holm", "Mikkel Bang"],
    body="Background: Home haemodialysis is encouraged in Nordic guidelines. Methods: National "
         "registry data for 9,870 patients starting dialysis. Results: Uptake rose from 6.1% "
         "in 2014 to 11.4% in 2023 in Denmark and from 4.8% to 7.2% in Sweden. Conclusion: "
         "Home haemodialysis uptake nearly doubled in Denmark.",
    keywords=["dialysis", "registry"],
    session={"title": "Poster Session B", "start": "2024-06-07T12:00:00+02:00",
             "end": "2024-06-07T13:30:00+02:00"},
    online_at="2024-05-28T12:00:00+02:00")
add(meeting="nkc-2024", number="OP27", category="oral",
    title="Living Kidney Donors 15 Years On: Kidney Function and Hypertension in a Nordic "
          "Registry",
    authors=["Eeva Laine", "Ole Kristiansen"],
    body="Background: Long-term risks for living kidney donors are debated. Methods: 2,310 "
         "donors followed for a median of 15 years. Results: 12.4% developed hypertension and "
         "0.3% reached end-stage kidney disease, similar to matched controls. Conclusion: "
         "Long-term outcomes of living donors were reassuring.",
    keywords=["living donor", "transplantation"],
    session={"title": "Oral Session 7: Transplantation", "start": "2024-06-07T14:00:00+02:00",
             "end": "2024-06-07T15:30:00+02:00"},
    online_at="2024-05-28T12:00:00+02:00")
add(meeting="gim-2024", number="S1021", category="oral",
    title="Oral Fecal Microbiota Capsules for Recurrent Clostridioides difficile Infection in "
          "Adults Aged 75 and Older",
    authors=["Beatriz Alvarez", "Michael Chen"],
    body="Background: Recurrent C. difficile infection is common in the oldest patients. "
         "Methods: 212 patients aged 75 or older with a second recurrence were randomized to "
         "microbiota capsules or vancomycin taper. Results: Recurrence at 8 weeks was 12.3% "
         "with capsules and 38.7% with vancomycin. Adverse events were mild. Conclusion: "
         "Capsules cut recurrence by two thirds in older adults.",
    keywords=["C. difficile", "microbiota"],
    session={"title": "Plenary Session 2", "start": "2024-10-28T08:30:00-04:00",
             "end": "2024-10-28T10:00:00-04:00"})
add(meeting="gim-2024", number="P2280", category="poster",
    title="Colonoscopy Withdrawal Time and Adenoma Detection Across 48 Endoscopists",
    authors=["Julia Novak"],
    body="Methods: 31,566 screening colonoscopies by 48 endoscopists. Results: Each extra "
         "minute of withdrawal time raised adenoma detection by 3.6%; endoscopists with a "
         "mean withdrawal time of 8 minutes or more had a detection rate of 38.9% versus "
         "28.1%. Conclusion: Longer withdrawal improved detection.",
    keywords=["colonoscopy", "adenoma"],
    session={"title": "Poster Session", "start": "2024-10-28T10:30:00-04:00",
             "end": "2024-10-28T16:00:00-04:00"})

with (Path(__file__).parent / "catalog.jsonl").open("w", encoding="utf-8") as f:
    for a in A:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
