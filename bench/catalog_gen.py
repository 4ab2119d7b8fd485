# ruff: noqa: E501  (vocabulary tables and sentence templates read best unwrapped)
"""A deterministic generator of realistic conference abstracts and of news coverage about them.

Used by the benchmark (30,000 abstracts over several meetings) and to build the labelled
linking set in ``tests/cases/linking/``.  Every study here is invented; drug names are real
generics and brands (facts, not text) or invented investigational names.

Abstracts come in *families*: several abstracts of the same disease area, often of the same
drug or trial (primary results, long-term extension, subgroup, real-world cohort ...), so that
linking on topic alone fails.  Each abstract keeps its structured ``facts`` (drug, trial,
numbers, first author, institution) so that coverage can be written from facts, paraphrased
and rounded, the way journalists and press offices write.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# ----------------------------------------------------------------------------- vocabulary

MEETINGS: dict[str, dict[str, Any]] = {
    "acr-2024": {"area": "rheum", "name": "ACR Convergence 2024", "tag": "#ACR24",
                 "start": "2024-11-16", "zone": "-05:00", "online": "2024-10-25T12:00:00-04:00"},
    "eular-2024": {"area": "rheum", "name": "EULAR 2024 Congress", "tag": "#EULAR2024",
                   "start": "2024-06-13", "zone": "+02:00", "online": "2024-05-29T09:00:00+02:00"},
    "acr-2021": {"area": "rheum", "name": "ACR Convergence 2021", "tag": "#ACR21",
                 "start": "2021-11-07", "zone": "-05:00", "online": "2021-10-22T12:00:00-04:00"},
    "asco-2024": {"area": "onc", "name": "2024 ASCO Annual Meeting", "tag": "#ASCO24",
                  "start": "2024-06-01", "zone": "-05:00", "online": "2024-05-23T17:00:00-04:00"},
    "aacr-2025": {"area": "onc", "name": "AACR Annual Meeting 2025", "tag": "#AACR25",
                  "start": "2025-04-27", "zone": "-05:00", "online": "2025-03-25T16:30:00-04:00"},
    "ash-2023": {"area": "heme", "name": "65th ASH Annual Meeting", "tag": "#ASH23",
                 "start": "2023-12-09", "zone": "-08:00", "online": "2023-11-02T09:00:00-04:00"},
    "aasld-2024": {"area": "liver", "name": "The Liver Meeting 2024", "tag": "#TLM24",
                   "start": "2024-11-16", "zone": "-08:00", "online": "2024-10-15T08:00:00-04:00"},
    "asn-2024": {"area": "kidney", "name": "ASN Kidney Week 2024", "tag": "#KidneyWk",
                 "start": "2024-10-24", "zone": "-07:00", "online": "2024-10-11T00:00:00-07:00"},
    "acg-2024": {"area": "gi", "name": "ACG 2024 Annual Scientific Meeting", "tag": "#ACG2024",
                 "start": "2024-10-27", "zone": "-04:00", "online": "2024-10-27T12:00:00-04:00"},
    "chest-2024": {"area": "lung", "name": "CHEST 2024", "tag": "#CHEST2024",
                   "start": "2024-10-06", "zone": "-04:00", "online": "2024-09-30T00:01:00-04:00"},
}

# disease: (short, lay phrase, endpoint names, population words)
AREAS: dict[str, list[tuple[str, str, str, list[str], list[str]]]] = {
    "rheum": [
        ("rheumatoid arthritis", "RA", "rheumatoid arthritis",
         ["ACR20 response", "ACR50 response", "DAS28-CRP remission", "CDAI low disease activity",
          "HAQ-DI improvement", "radiographic progression"],
         ["methotrexate-inadequate responders", "TNF-inadequate responders", "early RA"]),
        ("psoriatic arthritis", "PsA", "psoriatic arthritis",
         ["ACR20 response", "minimal disease activity", "PASI 90 response", "enthesitis resolution",
          "dactylitis resolution"], ["biologic-naive adults", "TNF-experienced adults"]),
        ("axial spondyloarthritis", "axSpA", "spondyloarthritis",
         ["ASAS40 response", "ASDAS inactive disease", "BASDAI 50", "MRI sacroiliac joint inflammation"],
         ["radiographic axSpA", "non-radiographic axSpA"]),
        ("systemic lupus erythematosus", "SLE", "lupus",
         ["SRI-4 response", "BICLA response", "flare rate", "glucocorticoid tapering",
          "LLDAS attainment"], ["autoantibody-positive adults", "patients with active skin disease"]),
        ("lupus nephritis", "LN", "lupus kidney disease",
         ["complete renal response", "proteinuria reduction", "eGFR decline"],
         ["class III or IV lupus nephritis", "patients on mycophenolate"]),
        ("gout", "gout", "gout",
         ["serum urate below 6 mg/dL", "flare frequency", "tophus resolution"],
         ["patients with chronic kidney disease", "patients with refractory gout"]),
        ("Sjögren's disease", "SjD", "Sjögren's",
         ["ESSDAI improvement", "ESSPRI improvement", "salivary flow"],
         ["patients with systemic involvement"]),
        ("systemic sclerosis", "SSc", "scleroderma",
         ["modified Rodnan skin score", "forced vital capacity decline", "digital ulcer healing"],
         ["diffuse cutaneous SSc", "SSc-associated interstitial lung disease"]),
        ("giant cell arteritis", "GCA", "giant cell arteritis",
         ["sustained remission", "cumulative glucocorticoid dose", "relapse rate"],
         ["new-onset GCA", "relapsing GCA"]),
        ("knee osteoarthritis", "OA", "knee osteoarthritis",
         ["WOMAC pain", "joint space narrowing", "total knee replacement"],
         ["adults with symptomatic knee OA", "older adults with obesity"]),
        ("juvenile idiopathic arthritis", "JIA", "childhood arthritis",
         ["JADAS remission", "uveitis incidence", "flare rate"], ["polyarticular JIA", "systemic JIA"]),
        ("idiopathic inflammatory myopathy", "IIM", "myositis",
         ["total improvement score", "manual muscle testing", "creatine kinase normalisation"],
         ["dermatomyositis", "anti-synthetase syndrome"]),
    ],
    "onc": [
        ("non-small cell lung cancer", "NSCLC", "lung cancer",
         ["progression-free survival", "overall survival", "objective response rate",
          "event-free survival", "pathological complete response"],
         ["EGFR-mutant NSCLC", "PD-L1-high NSCLC", "resectable stage II-III NSCLC"]),
        ("HR-positive, HER2-negative breast cancer", "HR+/HER2- BC", "breast cancer",
         ["invasive disease-free survival", "progression-free survival", "overall survival"],
         ["postmenopausal women", "patients with endocrine-resistant disease"]),
        ("triple-negative breast cancer", "TNBC", "triple-negative breast cancer",
         ["pathological complete response", "event-free survival", "overall survival"],
         ["early-stage TNBC", "metastatic TNBC"]),
        ("metastatic colorectal cancer", "mCRC", "colorectal cancer",
         ["progression-free survival", "overall survival", "objective response rate"],
         ["KRAS G12C-mutated mCRC", "MSI-high mCRC", "BRAF V600E-mutant mCRC"]),
        ("metastatic castration-resistant prostate cancer", "mCRPC", "prostate cancer",
         ["radiographic progression-free survival", "overall survival", "PSA50 response"],
         ["HRR-mutated mCRPC", "PSMA-positive mCRPC"]),
        ("advanced melanoma", "melanoma", "melanoma",
         ["relapse-free survival", "progression-free survival", "overall survival"],
         ["resected stage III melanoma", "BRAF-mutant melanoma"]),
        ("advanced ovarian cancer", "OC", "ovarian cancer",
         ["progression-free survival", "overall survival"], ["BRCA-mutated OC",
                                                             "platinum-resistant OC"]),
        ("hepatocellular carcinoma", "HCC", "liver cancer",
         ["overall survival", "progression-free survival", "objective response rate"],
         ["unresectable HCC", "Child-Pugh A HCC"]),
        ("metastatic pancreatic adenocarcinoma", "mPDAC", "pancreatic cancer",
         ["overall survival", "progression-free survival"], ["first-line mPDAC"]),
    ],
    "heme": [
        ("relapsed or refractory multiple myeloma", "RRMM", "multiple myeloma",
         ["progression-free survival", "MRD negativity", "overall response rate"],
         ["triple-class exposed RRMM", "patients with 1-3 prior lines"]),
        ("diffuse large B-cell lymphoma", "DLBCL", "lymphoma",
         ["complete response rate", "event-free survival", "overall survival"],
         ["relapsed DLBCL", "previously untreated DLBCL"]),
        ("chronic lymphocytic leukemia", "CLL", "leukemia",
         ["progression-free survival", "undetectable MRD", "overall survival"],
         ["treatment-naive CLL", "del(17p) CLL"]),
        ("acute myeloid leukemia", "AML", "acute leukemia",
         ["overall survival", "composite complete remission", "event-free survival"],
         ["FLT3-mutated AML", "older adults unfit for intensive chemotherapy"]),
        ("sickle cell disease", "SCD", "sickle cell disease",
         ["vaso-occlusive crisis rate", "hemoglobin response", "transfusion independence"],
         ["adolescents and adults with SCD"]),
        ("hemophilia A", "HA", "hemophilia",
         ["annualized bleeding rate", "zero treated bleeds", "joint health score"],
         ["severe hemophilia A without inhibitors"]),
        ("immune thrombocytopenia", "ITP", "immune thrombocytopenia",
         ["durable platelet response", "bleeding events", "rescue therapy use"],
         ["persistent or chronic ITP"]),
    ],
    "liver": [
        ("metabolic dysfunction-associated steatohepatitis", "MASH", "fatty liver disease",
         ["MASH resolution without worsening of fibrosis", "fibrosis improvement by one stage",
          "liver fat reduction on MRI-PDFF"], ["F2-F3 fibrosis", "compensated cirrhosis"]),
        ("primary biliary cholangitis", "PBC", "primary biliary cholangitis",
         ["biochemical response", "alkaline phosphatase normalisation", "pruritus improvement"],
         ["ursodeoxycholic acid inadequate responders"]),
        ("chronic hepatitis B", "CHB", "hepatitis B",
         ["HBsAg loss", "functional cure", "HBV DNA suppression"], ["HBeAg-negative CHB"]),
        ("alcohol-associated hepatitis", "AH", "alcohol-related hepatitis",
         ["90-day survival", "MELD improvement"], ["severe alcohol-associated hepatitis"]),
        ("decompensated cirrhosis", "cirrhosis", "cirrhosis",
         ["hepatic encephalopathy recurrence", "transplant-free survival", "ascites control"],
         ["patients with refractory ascites"]),
    ],
    "kidney": [
        ("IgA nephropathy", "IgAN", "IgA nephropathy",
         ["proteinuria reduction", "eGFR slope", "kidney failure"], ["adults at high risk of progression"]),
        ("chronic kidney disease", "CKD", "chronic kidney disease",
         ["eGFR decline", "kidney failure", "cardiovascular death"],
         ["CKD with type 2 diabetes", "non-diabetic CKD"]),
        ("focal segmental glomerulosclerosis", "FSGS", "FSGS",
         ["partial remission of proteinuria", "eGFR slope"], ["primary FSGS"]),
        ("autosomal dominant polycystic kidney disease", "ADPKD", "polycystic kidney disease",
         ["total kidney volume growth", "eGFR decline"], ["rapidly progressing ADPKD"]),
    ],
    "gi": [
        ("ulcerative colitis", "UC", "ulcerative colitis",
         ["clinical remission", "endoscopic improvement", "histologic-endoscopic mucosal improvement"],
         ["moderately to severely active UC", "biologic-experienced UC"]),
        ("Crohn's disease", "CD", "Crohn's disease",
         ["endoscopic response", "clinical remission by CDAI", "steroid-free remission"],
         ["moderately to severely active CD"]),
        ("eosinophilic esophagitis", "EoE", "eosinophilic esophagitis",
         ["histologic remission", "dysphagia symptom improvement"], ["adolescents and adults with EoE"]),
        ("irritable bowel syndrome", "IBS", "irritable bowel syndrome",
         ["abdominal pain response", "global symptom relief"], ["IBS with constipation"]),
        ("celiac disease", "CeD", "celiac disease",
         ["villous height to crypt depth ratio", "symptom severity"], ["patients on a gluten-free diet"]),
    ],
    "lung": [
        ("chronic obstructive pulmonary disease", "COPD", "COPD",
         ["moderate or severe exacerbation rate", "FEV1 change", "SGRQ improvement"],
         ["COPD with type 2 inflammation", "frequent exacerbators"]),
        ("severe asthma", "asthma", "asthma",
         ["annualized exacerbation rate", "oral corticosteroid reduction", "FEV1 change"],
         ["eosinophilic asthma", "adolescents with severe asthma"]),
        ("idiopathic pulmonary fibrosis", "IPF", "pulmonary fibrosis",
         ["FVC decline", "time to first acute exacerbation"], ["IPF with progressive fibrosis"]),
        ("non-cystic fibrosis bronchiectasis", "NCFB", "bronchiectasis",
         ["pulmonary exacerbation rate", "sputum neutrophil elastase"], ["adults with frequent exacerbations"]),
        ("pulmonary arterial hypertension", "PAH", "pulmonary hypertension",
         ["6-minute walk distance", "pulmonary vascular resistance", "clinical worsening"],
         ["WHO functional class II-III PAH"]),
    ],
}

# generic, brand, class  (real drugs, by area)
DRUGS: dict[str, list[tuple[str, str, str]]] = {
    "rheum": [("adalimumab", "Humira", "TNF inhibitor"), ("etanercept", "Enbrel", "TNF inhibitor"),
              ("tocilizumab", "Actemra", "IL-6 receptor antibody"),
              ("sarilumab", "Kevzara", "IL-6 receptor antibody"),
              ("upadacitinib", "Rinvoq", "JAK inhibitor"), ("tofacitinib", "Xeljanz", "JAK inhibitor"),
              ("baricitinib", "Olumiant", "JAK inhibitor"), ("abatacept", "Orencia", "T-cell co-stimulation modulator"),
              ("rituximab", "Rituxan", "anti-CD20 antibody"), ("secukinumab", "Cosentyx", "IL-17A inhibitor"),
              ("ixekizumab", "Taltz", "IL-17A inhibitor"), ("bimekizumab", "Bimzelx", "IL-17A/F inhibitor"),
              ("guselkumab", "Tremfya", "IL-23 inhibitor"), ("risankizumab", "Skyrizi", "IL-23 inhibitor"),
              ("anifrolumab", "Saphnelo", "type I interferon receptor antibody"),
              ("belimumab", "Benlysta", "BLyS inhibitor"), ("voclosporin", "Lupkynis", "calcineurin inhibitor"),
              ("pegloticase", "Krystexxa", "uricase"), ("febuxostat", "Uloric", "xanthine oxidase inhibitor"),
              ("nintedanib", "Ofev", "tyrosine kinase inhibitor"), ("apremilast", "Otezla", "PDE4 inhibitor"),
              ("deucravacitinib", "Sotyktu", "TYK2 inhibitor"), ("obinutuzumab", "Gazyva", "anti-CD20 antibody"),
              ("methotrexate", "", "conventional DMARD"), ("hydroxychloroquine", "Plaquenil", "antimalarial")],
    "onc": [("pembrolizumab", "Keytruda", "PD-1 inhibitor"), ("nivolumab", "Opdivo", "PD-1 inhibitor"),
            ("osimertinib", "Tagrisso", "EGFR inhibitor"), ("durvalumab", "Imfinzi", "PD-L1 inhibitor"),
            ("trastuzumab deruxtecan", "Enhertu", "antibody-drug conjugate"),
            ("sacituzumab govitecan", "Trodelvy", "antibody-drug conjugate"),
            ("ribociclib", "Kisqali", "CDK4/6 inhibitor"), ("abemaciclib", "Verzenio", "CDK4/6 inhibitor"),
            ("palbociclib", "Ibrance", "CDK4/6 inhibitor"), ("olaparib", "Lynparza", "PARP inhibitor"),
            ("sotorasib", "Lumakras", "KRAS G12C inhibitor"), ("adagrasib", "Krazati", "KRAS G12C inhibitor"),
            ("lutetium Lu 177 vipivotide tetraxetan", "Pluvicto", "radioligand therapy"),
            ("enzalutamide", "Xtandi", "androgen receptor inhibitor"),
            ("atezolizumab", "Tecentriq", "PD-L1 inhibitor"), ("bevacizumab", "Avastin", "VEGF antibody"),
            ("amivantamab", "Rybrevant", "EGFR-MET bispecific antibody"),
            ("lazertinib", "Lazcluze", "EGFR inhibitor"), ("datopotamab deruxtecan", "Datroway", "antibody-drug conjugate"),
            ("encorafenib", "Braftovi", "BRAF inhibitor"), ("tremelimumab", "Imjudo", "CTLA-4 antibody")],
    "heme": [("daratumumab", "Darzalex", "anti-CD38 antibody"), ("teclistamab", "Tecvayli", "bispecific antibody"),
             ("ciltacabtagene autoleucel", "Carvykti", "CAR T-cell therapy"),
             ("axicabtagene ciloleucel", "Yescarta", "CAR T-cell therapy"),
             ("polatuzumab vedotin", "Polivy", "antibody-drug conjugate"), ("zanubrutinib", "Brukinsa", "BTK inhibitor"),
             ("acalabrutinib", "Calquence", "BTK inhibitor"), ("venetoclax", "Venclexta", "BCL-2 inhibitor"),
             ("gilteritinib", "Xospata", "FLT3 inhibitor"), ("quizartinib", "Vanflyta", "FLT3 inhibitor"),
             ("voxelotor", "Oxbryta", "HbS polymerization inhibitor"), ("crizanlizumab", "Adakveo", "P-selectin antibody"),
             ("emicizumab", "Hemlibra", "bispecific factor VIII mimetic"), ("efanesoctocog alfa", "Altuviiio", "factor VIII replacement"),
             ("rilzabrutinib", "", "BTK inhibitor"), ("elranatamab", "Elrexfio", "bispecific antibody"),
             ("glofitamab", "Columvi", "bispecific antibody"), ("epcoritamab", "Epkinly", "bispecific antibody")],
    "liver": [("resmetirom", "Rezdiffra", "THR-beta agonist"), ("semaglutide", "Wegovy", "GLP-1 receptor agonist"),
              ("seladelpar", "Livdelzi", "PPAR-delta agonist"), ("elafibranor", "Iqirvo", "PPAR agonist"),
              ("obeticholic acid", "Ocaliva", "FXR agonist"), ("bepirovirsen", "", "antisense oligonucleotide"),
              ("tenofovir alafenamide", "Vemlidy", "nucleotide analogue"), ("efruxifermin", "", "FGF21 analogue"),
              ("pegozafermin", "", "FGF21 analogue"), ("lanifibranor", "", "pan-PPAR agonist"),
              ("rifaximin", "Xifaxan", "gut-selective antibiotic"), ("terlipressin", "Terlivaz", "vasopressin analogue")],
    "kidney": [("sparsentan", "Filspari", "dual endothelin angiotensin receptor antagonist"),
               ("iptacopan", "Fabhalta", "factor B inhibitor"), ("atrasentan", "Vanrafia", "endothelin receptor antagonist"),
               ("dapagliflozin", "Farxiga", "SGLT2 inhibitor"), ("empagliflozin", "Jardiance", "SGLT2 inhibitor"),
               ("finerenone", "Kerendia", "nonsteroidal MRA"), ("budesonide delayed release", "Tarpeyo", "targeted-release corticosteroid"),
               ("tolvaptan", "Jynarque", "vasopressin antagonist"), ("sibeprenlimab", "", "anti-APRIL antibody"),
               ("semaglutide", "Ozempic", "GLP-1 receptor agonist")],
    "gi": [("mirikizumab", "Omvoh", "IL-23p19 antibody"), ("guselkumab", "Tremfya", "IL-23 inhibitor"),
           ("risankizumab", "Skyrizi", "IL-23 inhibitor"), ("upadacitinib", "Rinvoq", "JAK inhibitor"),
           ("etrasimod", "Velsipity", "S1P receptor modulator"), ("ozanimod", "Zeposia", "S1P receptor modulator"),
           ("vedolizumab", "Entyvio", "integrin antagonist"), ("ustekinumab", "Stelara", "IL-12/23 inhibitor"),
           ("dupilumab", "Dupixent", "IL-4 receptor antibody"), ("linaclotide", "Linzess", "guanylate cyclase-C agonist"),
           ("tulisokibart", "", "TL1A antibody"), ("obefazimod", "", "miR-124 enhancer")],
    "lung": [("dupilumab", "Dupixent", "IL-4 receptor antibody"), ("ensifentrine", "Ohtuvayre", "PDE3/4 inhibitor"),
             ("tezepelumab", "Tezspire", "TSLP antibody"), ("mepolizumab", "Nucala", "IL-5 antibody"),
             ("benralizumab", "Fasenra", "IL-5 receptor antibody"), ("nintedanib", "Ofev", "antifibrotic"),
             ("pirfenidone", "Esbriet", "antifibrotic"), ("brensocatib", "", "DPP1 inhibitor"),
             ("sotatercept", "Winrevair", "activin signaling inhibitor"), ("nerandomilast", "", "PDE4B inhibitor"),
             ("astegolimab", "", "ST2 antibody"), ("itepekimab", "", "IL-33 antibody")],
}

_SYL1 = ["zel", "dar", "vor", "ket", "lin", "mor", "tes", "pal", "qui", "ran", "sev", "tor", "bel",
         "cor", "fen", "gal", "hal", "jor", "lev", "nal", "ob", "pir", "rel", "sel", "tal", "ul",
         "ven", "xan", "yor", "zan", "ad", "ef", "im", "os", "ep", "ar", "iv", "om"]
_SYL2 = ["o", "a", "i", "e", "u", "ori", "ali", "eni", "ira", "ova", "ilu", "ame", "oti"]
_SUFFIX = {"antibody": ["mab", "zumab", "kimab", "limab", "tamab"],
           "small": ["tinib", "citinib", "lisib", "rasib", "parib", "ciclib", "stat", "sentan",
                     "flozin", "brutinib", "coxib"]}
_TRIAL_WORDS = ["ORCHID", "SELENE", "AURORA", "HORIZON", "MERIDIAN", "TIDAL", "CASCADE", "ZENITH",
                "PINNACLE", "SUMMIT", "BEACON", "VANGUARD", "HARBOR", "ECLIPSE", "SOLSTICE", "ATLAS",
                "KESTREL", "OSPREY", "LUMEN", "VERTEX", "CANOPY", "EMBER", "SIERRA", "MONARCH",
                "PHOENIX", "NAUTILUS", "TEMPO", "CADENCE", "RADIANT", "SAPPHIRE", "TOPAZ", "GARNET",
                "COBALT", "SEQUOIA", "JUNIPER", "ASPEN", "CYPRESS", "MAGNOLIA", "LOTUS", "IRIS",
                "DAHLIA", "HELIX", "PRISM", "QUASAR", "PULSAR", "NOVA", "STELLAR", "ORBIT", "APEX",
                "CREST", "RIDGE", "DELTA", "FJORD", "TUNDRA", "SAVANNA", "MESA", "CANYON", "BAYOU"]

FIRST = ["Min Jung", "Hannah", "Luis", "Priya", "Kenji", "Sofia", "Ahmed", "Olga", "Daniel", "Mei",
         "Carlos", "Fatima", "Jonas", "Aisha", "Marco", "Ingrid", "Rahul", "Elena", "Tomás", "Yuki",
         "Grace", "Omar", "Lena", "Viktor", "Chloe", "Samuel", "Nadia", "Pieter", "Amara", "Hiroshi",
         "Julia", "Mateo", "Sara", "David", "Ana", "Wei", "Jin", "Laura", "Michael", "Emily", "James",
         "Anna", "Robert", "Maria", "Thomas", "Eun Hye", "Kichul", "Francesca", "Lucas", "Noor",
         "Benedikt", "Camille", "Diego", "Eleanor", "Farid", "Gabriela", "Henrik", "Isabel",
         "Jakob", "Katarzyna", "Leila", "Magnus", "Nkechi", "Oskar", "Paula", "Qiang", "Rosa",
         "Stefan", "Tanvir", "Ulrike", "Valentina", "Wojciech", "Ximena", "Yara", "Zoltan"]
LAST = ["Kim", "Okafor", "Mendel", "Raman", "Tanaka", "Rossi", "Haddad", "Petrova", "Fischer",
        "Chen", "García", "Khan", "Berg", "Bello", "Bianchi", "Larsen", "Gupta", "Popescu", "Silva",
        "Sato", "Mensah", "Farouk", "Hoffmann", "Novak", "Dubois", "Adeyemi", "Karimi", "de Vries",
        "Nwosu", "Yamamoto", "Schneider", "López", "Andersson", "Cohen", "Santos", "Wang", "Park",
        "Müller", "Smith", "Johnson", "Brown", "Williams", "Jones", "Miller", "Davis", "Wilson",
        "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Nguyen", "Patel", "Shin",
        "Moreau", "Kowalski", "Jensen", "Costa", "Ivanova", "O'Brien", "Murphy", "Walsh", "Lindqvist",
        "Horvath", "Papadopoulos", "Yilmaz", "Ibrahim", "Mwangi", "Osei", "Takahashi", "Suzuki",
        "Zhang", "Liu", "Huang", "Singh", "Sharma", "Das", "Reddy", "Rahman", "Hussain", "Ali",
        "Weber", "Wagner", "Becker", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann",
        "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
        "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti"]
INSTITUTIONS = [
    ("Seoul National University Hospital", "Seoul", "Republic of Korea"),
    ("Karolinska Institutet", "Stockholm", "Sweden"),
    ("Charité – Universitätsmedizin Berlin", "Berlin", "Germany"),
    ("Mayo Clinic", "Rochester, MN", "USA"), ("Cleveland Clinic", "Cleveland, OH", "USA"),
    ("Johns Hopkins University School of Medicine", "Baltimore, MD", "USA"),
    ("University of Toronto", "Toronto, ON", "Canada"), ("Leiden University Medical Center", "Leiden", "Netherlands"),
    ("University of Manchester", "Manchester", "United Kingdom"), ("Hospital Clínic de Barcelona", "Barcelona", "Spain"),
    ("Università di Padova", "Padua", "Italy"), ("University of Tokyo Hospital", "Tokyo", "Japan"),
    ("Peking Union Medical College Hospital", "Beijing", "China"), ("Hospital for Special Surgery", "New York, NY", "USA"),
    ("Brigham and Women's Hospital", "Boston, MA", "USA"), ("Massachusetts General Hospital", "Boston, MA", "USA"),
    ("University of California, San Francisco", "San Francisco, CA", "USA"),
    ("Stanford University", "Stanford, CA", "USA"), ("MD Anderson Cancer Center", "Houston, TX", "USA"),
    ("Memorial Sloan Kettering Cancer Center", "New York, NY", "USA"), ("Dana-Farber Cancer Institute", "Boston, MA", "USA"),
    ("Gustave Roussy", "Villejuif", "France"), ("Institut Curie", "Paris", "France"),
    ("University of Pennsylvania", "Philadelphia, PA", "USA"), ("Vanderbilt University Medical Center", "Nashville, TN", "USA"),
    ("Northwestern University", "Chicago, IL", "USA"), ("University of Michigan", "Ann Arbor, MI", "USA"),
    ("Rigshospitalet", "Copenhagen", "Denmark"), ("University of Oslo", "Oslo", "Norway"),
    ("Monash University", "Melbourne", "Australia"), ("University of Sydney", "Sydney", "Australia"),
    ("Tel Aviv Sourasky Medical Center", "Tel Aviv", "Israel"), ("University of Cape Town", "Cape Town", "South Africa"),
    ("Hospital Israelita Albert Einstein", "São Paulo", "Brazil"), ("All India Institute of Medical Sciences", "New Delhi", "India"),
    ("National University Hospital", "Singapore", "Singapore"), ("Medical University of Vienna", "Vienna", "Austria"),
    ("University Hospital Zurich", "Zurich", "Switzerland"), ("Erasmus MC", "Rotterdam", "Netherlands"),
    ("KU Leuven", "Leuven", "Belgium"), ("University of Birmingham", "Birmingham", "United Kingdom"),
    ("Duke University", "Durham, NC", "USA"), ("Emory University", "Atlanta, GA", "USA"),
    ("University of Washington", "Seattle, WA", "USA"), ("Keio University", "Tokyo", "Japan"),
    ("Asan Medical Center", "Seoul", "Republic of Korea"), ("Sun Yat-sen University Cancer Center", "Guangzhou", "China"),
    ("Hôpital Pitié-Salpêtrière", "Paris", "France"), ("University of Leeds", "Leeds", "United Kingdom"),
]
COMPANIES = ["Aldenmoor Therapeutics", "Brightwater Bio", "Calder Pharma", "Dovetail Biosciences",
             "Eastfield Pharmaceuticals", "Fernhill Bio", "Greyline Therapeutics", "Halden Biopharma",
             "Ironbridge Pharma", "Juniper Lake Bio", "Kestrel Rock Therapeutics", "Lowmoor Biologics"]

DESIGNS = ["rct", "rct", "rct", "extension", "subgroup", "cohort", "registry", "cross", "posthoc",
           "realworld", "phase2", "biomarker", "cost", "meta"]

_FILLER_BG = [
    "Despite advances in targeted therapy, a substantial proportion of patients do not reach sustained disease control.",
    "Data on long-term outcomes in routine practice remain limited.",
    "The optimal sequencing of advanced therapies after first-line failure is uncertain.",
    "Few studies have examined outcomes in older adults and in under-represented groups.",
    "Treatment decisions are often made without robust comparative evidence.",
    "Patient-reported outcomes are increasingly recognized as essential measures of benefit.",
    "Biomarkers that predict response could help individualize treatment choices.",
    "The burden of comorbidity in this population is high and often under-recognized.",
    "Safety signals from earlier trials warranted longer observation.",
    "Real-world adherence and persistence may differ from those observed in clinical trials.",
]
_FILLER_METHODS = [
    "Adverse events were coded using MedDRA version 26.0.",
    "Missing data were handled by multiple imputation under a missing-at-random assumption.",
    "Analyses were adjusted for age, sex, disease duration and baseline disease activity.",
    "Sensitivity analyses excluded patients with protocol deviations.",
    "Propensity scores were used to balance baseline characteristics between groups.",
    "Outcomes were assessed by investigators blinded to treatment allocation.",
    "The study was approved by the institutional review boards of all participating sites.",
    "Cox proportional hazards models estimated hazard ratios with 95% confidence intervals.",
    "Logistic regression identified factors associated with response.",
    "Kaplan-Meier methods were used to estimate time-to-event outcomes.",
]
_FILLER_RESULTS = [
    "Baseline characteristics were balanced across groups.",
    "Discontinuation due to adverse events was infrequent.",
    "No new safety signals were identified.",
    "Results were consistent across prespecified subgroups, including age and sex.",
    "Responses were observed as early as the first post-baseline assessment.",
    "Patient-reported fatigue and physical function also improved.",
    "The most common adverse events were upper respiratory tract infection, headache and nausea.",
    "Rates of serious infection were similar between groups.",
    "Laboratory abnormalities were mostly mild and transient.",
    "Adherence exceeded 90% in both arms.",
]


_FILLER_CONCL = [
    "Longer follow-up and studies in more diverse populations are needed to confirm these findings.",
    "These findings may inform shared decision-making between patients and clinicians.",
    "Further work should identify which patients benefit most and at what cost.",
    "Ongoing studies will clarify the durability of these effects and their impact on outcomes.",
    "Confirmation in independent cohorts and in randomized settings is warranted.",
]


@dataclass
class Generated:
    """One abstract record (contract JSONL) and the facts coverage is written from."""

    record: dict[str, Any]
    facts: dict[str, Any] = field(default_factory=dict)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cap_words(text: str) -> str:
    return " ".join(_cap(w) for w in text.split())


def _pct(rng: random.Random, lo: float, hi: float) -> float:
    return round(rng.uniform(lo, hi), 1)


def invented_drug(rng: random.Random, kind: str) -> str:
    stem = rng.choice(_SYL1) + rng.choice(_SYL2) + rng.choice(["", "r", "l", "n", "v", "t"])
    return stem + rng.choice(_SUFFIX[kind])


def _authors(rng: random.Random, n: int) -> tuple[list[str], list[tuple[str, str, str]]]:
    names: list[str] = []
    for _ in range(n):
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name not in names:
                names.append(name)
                break
    insts = rng.sample(INSTITUTIONS, k=min(len(INSTITUTIONS), rng.randint(1, 4)))
    return names, insts


class CatalogGenerator:
    """Deterministic: the same seed gives the same abstracts, in the same order."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.trial_names: set[str] = set()
        self.invented: dict[str, list[tuple[str, str, str]]] = {a: [] for a in AREAS}

    # --------------------------------------------------------------- building blocks

    def _trial_name(self) -> str:
        rng = self.rng
        for _ in range(1000):
            base = rng.choice(_TRIAL_WORDS)
            name = base + rng.choice(["", "-2", "-3", "-1", " II", "-LN", "-EXT", "-301", "-AXS",
                                      "-PsA", "-Lung", "-B", "-X", "-4"])
            if name not in self.trial_names:
                self.trial_names.add(name)
                return name
        return f"STUDY-{rng.randint(100, 999)}"

    def _drug(self, area: str) -> tuple[str, str, str]:
        rng = self.rng
        if rng.random() < 0.35 or not DRUGS[area]:
            pool = self.invented[area]
            if len(pool) < 25 or rng.random() < 0.2:
                kind = rng.choice(["antibody", "small"])
                name = invented_drug(rng, kind)
                cls = "monoclonal antibody" if kind == "antibody" else "oral small molecule"
                pool.append((name, "", cls))
                return pool[-1]
            return rng.choice(pool)
        return rng.choice(DRUGS[area])

    # --------------------------------------------------------------- one family

    def family(self, meeting: str, start_number: int) -> list[Generated]:
        """A family of 1-5 abstracts about one drug (or one disease) at one meeting."""
        rng = self.rng
        area = MEETINGS[meeting]["area"]
        disease = rng.choice(AREAS[area])
        drug = self._drug(area)
        trial = self._trial_name() if rng.random() < 0.6 else None
        nct = f"NCT0{rng.randint(1000000, 6999999)}" if trial and rng.random() < 0.7 else None
        size = rng.choice([1, 1, 2, 2, 3, 3, 4, 5])
        designs = ["rct" if trial else rng.choice(DESIGNS)]
        for _ in range(size - 1):
            designs.append(rng.choice(["extension", "subgroup", "posthoc", "biomarker",
                                       "realworld", "cohort", "cost", "rct"]))
        names, insts = _authors(rng, rng.randint(3, 10))
        company = rng.choice(COMPANIES)
        out = []
        for i, design in enumerate(designs):
            # Siblings share most authors but not always the first one.
            if i and rng.random() < 0.5:
                names = names[1:] + names[:1]
            out.append(self._abstract(meeting, start_number + i, area, disease, drug, trial,
                                      nct if design in ("rct", "extension", "subgroup",
                                                        "posthoc", "biomarker") else None,
                                      design, list(names), insts, company))
        return out

    def _abstract(self, meeting: str, number: int, area: str, disease: tuple[Any, ...],
                  drug: tuple[str, str, str], trial: str | None, nct: str | None, design: str,
                  authors: list[str], insts: list[tuple[str, str, str]], company: str
                  ) -> Generated:
        rng = self.rng
        dname, dshort, dlay, endpoints, pops = disease
        generic, brand, cls = drug
        ep = rng.choice(endpoints)
        ep2 = rng.choice([e for e in endpoints if e != ep] or endpoints)
        pop = rng.choice(pops)
        n = rng.choice([rng.randint(40, 180), rng.randint(200, 900), rng.randint(900, 4800)])
        if design in ("registry", "realworld", "cohort", "cross", "cost", "meta"):
            n = rng.randint(300, 25000)
        arms = rng.choice([2, 2, 3])
        weeks = rng.choice([12, 16, 24, 48, 52])
        years = rng.choice([2, 3, 5])
        treat = _pct(rng, 38, 78)
        ctrl = round(max(4.0, treat - rng.uniform(10, 32)), 1)
        second = _pct(rng, 15, 55)
        second_c = round(max(2.0, second - rng.uniform(5, 20)), 1)
        hr = round(rng.uniform(0.42, 0.86), 2)
        lo_ci = round(hr - rng.uniform(0.06, 0.15), 2)
        hi_ci = round(hr + rng.uniform(0.06, 0.18), 2)
        p = rng.choice(["p<0.001", "p=0.002", "p=0.01", "p=0.03", "p<0.0001", "p=0.004"])
        sae = _pct(rng, 1.5, 12)
        sae_c = _pct(rng, 1.5, 12)
        median = round(rng.uniform(8, 40), 1)
        median_c = round(median - rng.uniform(2, 8), 1)
        phase = rng.choice(["2", "3", "3", "2b"])
        control = rng.choice(["placebo", "placebo", f"standard {cls.split()[0]} therapy",
                              "investigator's choice of therapy", "usual care"])
        trial_s = f" ({trial})" if trial else ""
        nct_s = f" ({nct})" if nct else ""
        title_templates = {
            "rct": [f"Efficacy and Safety of {_cap_words(generic)} in {_cap(pop)} with {_cap(dname)}: "
                    f"Results of the Phase {phase} {trial or 'Randomized'} Trial",
                    f"{_cap_words(generic)} versus {_cap(control)} in {_cap(dname)}: "
                    f"Primary Results from the Randomized, Double-Blind{', ' + trial if trial else ''} Study",
                    f"{_cap(ep)} with {_cap_words(generic)} in {_cap(dname)}: "
                    f"{weeks}-Week Results of a Phase {phase} Trial"],
            "extension": [f"Long-Term Safety and Efficacy of {_cap_words(generic)} in {_cap(dname)}: "
                          f"{years}-Year Results from the {trial or 'Open-Label'} Extension Study",
                          f"Durability of Response to {_cap_words(generic)} Through {years} Years in "
                          f"{_cap(dname)}"],
            "subgroup": [f"Efficacy of {_cap_words(generic)} in {_cap(pop)}: A Subgroup Analysis of "
                         f"{trial or 'a Phase ' + phase + ' Trial'}",
                         f"Outcomes by Baseline {rng.choice(['Disease Activity', 'Age', 'Sex', 'BMI', 'Region'])} "
                         f"with {_cap_words(generic)} in {_cap(dname)}{trial_s}"],
            "posthoc": [f"Early Response as a Predictor of {_cap(ep)} with {_cap_words(generic)}: "
                        f"Post Hoc Analysis of {trial or 'Pooled Phase 3 Data'}",
                        f"Time to {_cap(ep)} in Patients Treated with {_cap_words(generic)} for "
                        f"{_cap(dname)}"],
            "biomarker": [f"Serum Biomarkers Associated with Response to {_cap_words(generic)} in "
                          f"{_cap(dname)}{trial_s}",
                          f"Transcriptomic Signatures of Response to {_cap(cls)} Therapy in "
                          f"{_cap(dname)}"],
            "realworld": [f"Real-World Effectiveness and Persistence of {_cap_words(generic)} in "
                          f"{_cap(dname)}: Data from a {rng.choice(['Nationwide', 'Multicenter', 'Claims-Based'])} Cohort",
                          f"Treatment Patterns and Outcomes of {_cap(cls)}s in {_cap(dname)} in Routine Care"],
            "cohort": [f"Risk of {rng.choice(['Serious Infection', 'Cardiovascular Events', 'Malignancy', 'Venous Thromboembolism', 'Hospitalization'])} "
                       f"in Patients with {_cap(dname)} Treated with {_cap(cls)}s: A Cohort Study",
                       f"Incidence and Predictors of {_cap(ep)} in a Prospective {_cap(dname)} Cohort"],
            "registry": [f"{_cap(dname)} Outcomes in the {rng.choice(['Swedish', 'Danish', 'British', 'Korean', 'US', 'German', 'Dutch', 'Canadian'])} "
                         f"National Registry, {rng.choice(['2010', '2012', '2015'])}–{rng.choice(['2022', '2023'])}"],
            "cross": [f"Prevalence of {rng.choice(['Depression', 'Fatigue', 'Sleep Disturbance', 'Work Disability', 'Financial Toxicity', 'Frailty'])} "
                      f"Among Adults with {_cap(dname)}: A Cross-Sectional Survey"],
            "cost": [f"Cost-Effectiveness of {_cap_words(generic)} Compared with {_cap(control)} for {_cap(dname)}"],
            "meta": [f"{_cap(cls)}s for {_cap(dname)}: A Systematic Review and Network Meta-Analysis of "
                     f"{rng.randint(8, 60)} Randomized Trials"],
            "phase2": [f"A Phase 2 Dose-Ranging Study of {_cap_words(generic)} in {_cap(dname)}"],
            "cost2": [""],
        }
        title = rng.choice(title_templates[design])
        bg = [f"{dname[0].upper() + dname[1:]} ({dshort}) is a chronic condition with substantial morbidity.",
              f"{_cap(generic)} is a {cls} {'approved' if brand else 'in development'} for {dlay}.",
              *rng.sample(_FILLER_BG, 3)]
        aim = {"rct": f"We report the {weeks}-week results of a phase {phase} randomized trial{trial_s} of {generic} in {pop}.",
               "extension": f"We evaluated the long-term safety and efficacy of {generic} over {years} years in the extension of {trial or 'the parent trials'}.",
               "subgroup": f"We assessed the efficacy of {generic} in {pop} enrolled in {trial or 'the pivotal trial'}.",
               "posthoc": f"We examined whether early response predicts {ep} with {generic}.",
               "biomarker": f"We sought serum and tissue markers associated with response to {generic}.",
               "realworld": f"We assessed effectiveness and persistence of {generic} in routine care.",
               "cohort": f"We estimated the incidence of outcomes in patients with {dname} receiving {cls}s.",
               "registry": f"We describe trends in treatment and outcomes of {dname} in a national registry.",
               "cross": f"We estimated the prevalence of patient-reported burden in {dname}.",
               "cost": f"We estimated the cost-effectiveness of {generic} versus {control} in {dname}.",
               "meta": f"We compared {cls}s for {dname} in a network meta-analysis.",
               "phase2": f"We evaluated three doses of {generic} in a phase 2 study in {pop}."}[design]
        bg.append(aim)
        center = "multicenter" if rng.random() < 0.7 else "single-center"
        if design in ("rct", "phase2", "subgroup", "posthoc", "biomarker"):
            methods = [f"In this {center}, double-blind study{nct_s}, {n} {pop} were randomized "
                       f"{'1:1' if arms == 2 else '1:1:1'} to {generic} "
                       f"{rng.choice(['150 mg', '300 mg', '15 mg', '200 mg', '10 mg/kg', '100 mg'])} "
                       f"{rng.choice(['every 4 weeks', 'once daily', 'every 2 weeks', 'every 8 weeks', 'twice daily'])}"
                       f"{', a lower dose' if arms == 3 else ''} or {control}.",
                       f"The primary endpoint was {ep} at week {weeks}; key secondary endpoints included {ep2}."]
        elif design == "extension":
            methods = [f"Patients completing the parent study{nct_s} could enter an open-label extension of {generic}; "
                       f"{n} patients were treated for up to {years} years.",
                       f"Outcomes included {ep}, {ep2} and exposure-adjusted adverse event rates."]
        else:
            methods = [f"We identified {n:,} adults with {dname} from {rng.choice(['electronic health records', 'a national claims database', 'a prospective registry', ' tertiary care centers'])} "
                       f"between {rng.choice(['2012', '2014', '2016', '2018'])} and {rng.choice(['2022', '2023'])}.",
                       f"Outcomes included {ep} and {ep2}."]
        methods += rng.sample(_FILLER_METHODS, 3)
        if design in ("rct", "phase2", "subgroup", "posthoc", "extension", "biomarker"):
            results = [f"{ep[0].upper() + ep[1:]} at week {weeks} was achieved by {treat}% with {generic} versus {ctrl}% with {control} ({p}).",
                       f"{ep2[0].upper() + ep2[1:]} was reached by {second}% and {second_c}%, respectively.",
                       f"Serious adverse events occurred in {sae}% and {sae_c}% of patients."]
            if "survival" in ep or "survival" in ep2:
                results.append(f"Median {('progression-free' if 'progression' in ep + ep2 else 'overall')} survival was "
                               f"{median} versus {median_c} months (hazard ratio {hr}; 95% CI {lo_ci}-{hi_ci}).")
        else:
            results = [f"Of {n:,} patients, {treat}% were women and the mean age was {rng.randint(38, 72)} years.",
                       f"{ep[0].upper() + ep[1:]} occurred in {second}% (hazard ratio {hr}; 95% CI {lo_ci}-{hi_ci}).",
                       f"Factors associated with the outcome included {rng.choice(['older age', 'higher baseline disease activity', 'glucocorticoid use', 'smoking', 'obesity'])} "
                       f"and {rng.choice(['prior biologic exposure', 'longer disease duration', 'comorbid diabetes', 'female sex'])}."]
        results.insert(0, f"Mean age was {rng.randint(34, 71)} years, {rng.randint(35, 85)}% were "
                          f"women and mean disease duration was {round(rng.uniform(1.5, 14), 1)} years.")
        results += rng.sample(_FILLER_RESULTS, 4)
        concl = {"rct": f"{_cap(generic)} was superior to {control} for {ep} in {pop}, with an acceptable safety profile.",
                 "extension": f"{_cap(generic)} maintained responses through {years} years with no new safety signals.",
                 "subgroup": f"The benefit of {generic} was consistent in {pop}.",
                 "posthoc": f"Early response identified patients most likely to achieve {ep} with {generic}.",
                 "biomarker": f"Baseline markers may help select patients for {generic}.",
                 "realworld": f"In routine care, {generic} showed effectiveness consistent with trial data.",
                 "cohort": f"The risk of the outcome differed across {cls} exposure in {dname}.",
                 "registry": f"Outcomes of {dname} improved over the study period.",
                 "cross": f"Patient-reported burden in {dname} is high and often unaddressed.",
                 "cost": f"{_cap(generic)} may be cost-effective at current prices.",
                 "meta": f"{_cap(cls)}s differed in efficacy for {dname}.",
                 "phase2": f"The data support phase 3 evaluation of {generic}."}[design]
        concl += " " + rng.choice(_FILLER_CONCL)
        body = (f"Background/Purpose: {' '.join(bg)} Methods: {' '.join(methods)} "
                f"Results: {' '.join(results)} Conclusion: {concl}")
        inst_lines = [f"{i[0]}, {i[1]}, {i[2]}" for i in insts]
        m = MEETINGS[meeting]
        num = f"{number:04d}" if meeting.startswith(("acr", "eular")) else str(number)
        if meeting.startswith("eular"):
            num = f"OP{number:04d}" if rng.random() < 0.2 else f"POS{number:04d}"
        hour = rng.choice([8, 9, 10, 13, 14, 15])
        day = m["start"]
        start = f"{day}T{hour:02d}:00:00{m['zone']}"
        end = f"{day}T{hour + 1:02d}:30:00{m['zone']}"
        category = "oral" if design == "rct" and rng.random() < 0.5 else "poster"
        rec: dict[str, Any] = {
            "meeting": meeting, "number": num, "title": title, "authors": authors, "body": body,
            "keywords": [dname, cls, rng.choice(["clinical trial", "cohort study", "outcomes",
                                                 "safety", "epidemiology", "biomarkers"])],
            "category": category,
            "session": {"title": f"{dshort} – {rng.choice(['Treatment', 'Clinical Aspects', 'Outcomes', 'Therapeutics'])} "
                                 f"{rng.choice(['I', 'II', 'III', 'IV'])}", "start": start, "end": end},
            "online_at": m["online"],
            "url": f"https://abstracts.example.org/{meeting}/{num.lower()}",
            "affiliations": inst_lines,
        }
        if nct:
            rec["trial_ids"] = [nct]
        # Coverage names the trial only when the abstract is about it.
        named_trial = trial if (trial and trial in f"{title} {body}") else None
        facts = {"disease": dname, "short": dshort, "lay": dlay, "generic": generic, "brand": brand,
                 "class": cls, "trial": named_trial, "nct": nct, "design": design, "n": n,
                 "treat": treat, "ctrl": ctrl, "second": second, "second_c": second_c, "hr": hr,
                 "endpoint": ep, "endpoint2": ep2, "weeks": weeks, "years": years, "pop": pop,
                 "control": control, "institution": insts[0][0], "city": insts[0][1],
                 "first_author": authors[0], "last_author": authors[-1], "company": company,
                 "median": median, "median_c": median_c, "p": p, "meeting": meeting,
                 "meeting_name": m["name"], "tag": m["tag"], "phase": phase}
        return Generated(rec, facts)

    def catalogue(self, total: int, meetings: list[str] | None = None) -> Iterator[Generated]:
        meetings = meetings or list(MEETINGS)
        counters = dict.fromkeys(meetings, 100)
        made = 0
        i = 0
        while made < total:
            meeting = meetings[i % len(meetings)]
            i += 1
            fam = self.family(meeting, counters[meeting])
            counters[meeting] += len(fam) + self.rng.randint(0, 3)
            for g in fam:
                if made >= total:
                    return
                made += 1
                yield g


def write_jsonl(path: str, items: list[Generated]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for g in items:
            fh.write(json.dumps(g.record, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    gen = CatalogGenerator()
    for g in gen.catalogue(n):
        sys.stdout.write(json.dumps(g.record, ensure_ascii=False) + "\n")
