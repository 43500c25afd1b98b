"""Each fix made for the clinical review of 2026-11 stays made.

docs/CLINICAL_REVIEW.md answers every finding (M-1 to M-21, m-1 to m-21) and names the
guard that keeps its fix: a scenario case in tests/cases/ for routing, or an entry of
FIXES below for what the text of a section must (or must no longer) say. These tests
fail when a row is missing, when a named guard does not exist, or when a fix is undone.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

REVIEW = ROOT / "docs" / "CLINICAL_REVIEW.md"
FINDINGS = [f"M-{n}" for n in range(1, 22)] + [f"m-{n}" for n in range(1, 22)]

# finding id -> [(section, pattern that must be present, pattern that must be absent)]
CAUTIONS = "rules/cautions.yaml"
FIXES: dict[str, list[tuple[str, str, str | None]]] = {
    "M-1": [("psychotic_depression", r"antipsychotic", None), ("psychotic_depression", r"cannot tell", None),
            ("ect", r"(?i)psychosis|psychotic", None)],
    "M-6": [("tms", r"Berlim MT", None)],
    "M-7": [("keep_current_treatment", r"(?i)does not apply", None)],
    "M-8": [("switching_medication", r"Rush AJ", None), ("switching_medication", r"Fava M", None)],
    "M-9": [("ect", r"Ekstrand J", None), ("esketamine_ketamine", r"Ekstrand J", None)],
    "M-10": [("pregnancy_postpartum", r"(?i)withdr", r"(?i)two medicines are approved")],
    "M-11": [("pregnancy_postpartum", r"12 hours", None)],
    "M-12": [("esketamine_ketamine", r"(?i)aneurysm", None), ("esketamine_ketamine", r"(?i)breastfeed", None),
             ("esketamine_ketamine", r"Schedule III", None)],
    "M-13": [("esketamine_ketamine", r"(?i)compounded", r"Both are given only in a clinic"),
             ("substance_use", r"(?i)compounded", None)],
    "M-14": [("augmentation", r"(?i)ibuprofen", None), ("augmentation", r"Lithium needs extra care when someone", None),
             ("augmentation", r"Ebstein", None)],
    "M-15": [("augmentation", r"(?i)tardive", None), ("augmentation", r"(?i)dementia", None),
             ("augmentation", r"Berman", None), ("older_adults", r"(?i)dementia", None)],
    "M-16": [("switching_medication", r"(?i)serotonin syndrome", None),
             ("switching_medication", r"extra care with tricyclics", None),
             ("switching_medication", r"(?i)cough", None)],
    "M-17": [("lifestyle", r"(?i)serotonin syndrome", r"(?i)first-line")],
    "M-18": [("pregnancy_postpartum", r"(?i)valproate", None), ("pregnancy_postpartum", r"(?i)pulmonary hypertension",
                                                                  None)],
    "M-19": [("emerging_treatments", r"(?i)federal", None), ("emerging_treatments", r"(?i)self-harm|harm themselves",
                                                            None)],
    "M-20": [("esketamine_ketamine", r"Janik A", None), ("tms", r"Levkovitz", None), ("tms", r"Cole EJ", None),
             ("ect", r"Squire", None), ("ect", r"Slade", None), ("augmentation", r"Cipriani", None),
             ("augmentation", r"Katz IR", None), ("pregnancy_postpartum", r"Gavin", None)],
    "M-21": [("preparing_for_appointment", r"choosing what to try next", None)],
    "m-1": [("augmentation", r"Nierenberg AA", None)],
    "m-2": [("pharmacogenomics", r"(?i)planned, from the start", None)],
    "m-3": [("esketamine_ketamine", r"61 to 84", None)],
    "m-4": [("co_occurring_conditions", r"(?i)with real TMS and with the sham", None)],
    "m-5": [("medical_contributors", r"no good evidence", r"(?i)will not top up serotonin"),
            ("lifestyle", r"no good evidence", r"(?i)will not top up serotonin")],
    "m-6": [("tms", r"Kratter IH", None), ("medical_contributors", r"Higher Risk for Obstructive Sleep Apnea", None),
            ("misdiagnosis_bipolar", r"O'Donovan C", None)],
    "m-7": [("misdiagnosis_bipolar", r"nearly 4 in 10", None)],
    "m-8": [("pregnancy_postpartum", r"CG192", r"TA59")],
    "m-9": [("emerging_treatments", r".", r"(?i)early 2026")],
    "m-10": [("older_adults", r".", r"\d+\.\d+ in 100"), ("young_people", r".", r"\d+\.\d+ in 100")],
    "m-12": [("ect", r"(?i)100,000 treatments", r"(?i)cannot drive on the day")],
    "m-13": [("tms", r"(?i)cochlear", None), ("lifestyle", r"(?i)light therapy", None)],
    "m-15": [("pharmacogenomics", r"(?i)optional", None)],
    "m-18": [("psychotherapy", r"Ijaz", None), ("understanding_trd", r"Moncrieff", None),
             ("switching_medication", r"(?i)dextromethorphan", None), ("medical_contributors", r"(?i)adrenal", None)],
    "m-19": [("lifestyle", r"(?i)low", r"(?i)some of the best evidence")],
    "m-21": [("older_adults", r"Beers", None)],
    # Found in the second fact-check (docs/CLINICAL_REVIEW.md): NG222 gives no number of ECT sessions.
    "ect-sessions": [("ect", r"Ask how many sessions", r"NICE describes \d")],
    # The content audit of every number against the evidence notes (docs/CLINICAL_REVIEW.md).
    "audit-early-improvement": [("adequate_trial", r"less than about a fifth", r"nothing at all has changed"),
                                ("keep_current_treatment", r"less than about a fifth", r"nothing at all has changed")],
    "audit-switch-or-add": [("keep_current_treatment", r"little or no benefit", r"no improvement at all")],
    "audit-ketamine-by-drip": [("augmentation", r"ketamine given by drip", None)],
    "audit-consider-referral": [("augmentation", r"think about", r"add-on should be planned with")],
    "audit-optimum-ages": [("augmentation", r"60 and over", r"over 60"),
                           ("switching_medication", r"60 and over", r"over 60")],
    "audit-bipolar-clue": [("misdiagnosis_bipolar", r"not the same thing", r"wired, agitated or restless")],
    "audit-tordia-12-weeks": [("young_people", r"After 12 weeks", r"gave better results")],
    "audit-sources-named": [("older_adults", r"secondary analysis of the OPTIMUM", None),
                            ("pregnancy_postpartum", r"Guu TW", None), ("esketamine_ketamine", r"Newport DJ", None)],
    "audit-ketamine-short-effect": [("esketamine_ketamine", r"does not last long", r"within about a week")],
    "audit-st-johns-wort": [("lifestyle", r"second choice for\s+moderate", r"only for mild")],
    "audit-exercise-canmat": [("lifestyle", r"CANMAT's advice is based on", r"programmes in studies usually")],
    # Sixth pass: the trial is offered instead of trying it alone, not as the "safer" of two ways.
    "audit-trial-safer-not-safe": [("emerging_treatments", r"ask about\s+joining a research trial",
                                    r"the safe way to try")],
    "audit-dbs-trials": [("other_neuromodulation", r"Some randomised trials", r"large, well-run")],
    "M-21-weight-and-sex-figures": [("augmentation", r"about 5 in 100 gained a lot of weight", None),
                                    ("augmentation", r"outcome: weight_gain", None),
                                    ("switching_medication", r"about 20 in 100 on bupropion had sexual side "
                                     r"effects\. This compares with about\s+36", None)],
    "check3-mbct-consider": [("psychotherapy", r"group MBCT or group\s+CBT can be considered",
                              r"recommend group MBCT")],
    "check3-escitalopram-for-depression": [("young_people", r"approved in the US for depression from age 12", None)],
    "check4-stronger-thoughts-same-day": [("crisis_support", r"new or getting stronger, including after you\s+start",
                                           r"Act the same day if they")],
    "check4-vns-sham-figure": [("other_neuromodulation", r"15 in 100 improved a lot \(response\)",
                                r"Our sources give no figure per 100 people against a sham")],
    "check4-second-step-not-alone": [("understanding_trd", r"second medicine step \(a switch or an added medicine\)",
                                      r"second medicine alone")],
    "check4-star-d-scales": [("understanding_trd", r"questionnaire people filled in about themselves", None),
                             ("switching_medication", r"come from a clinician's\s+rating", None)],
    "check4-psychosis-not-always-bipolar": [
        ("psychotic_depression", r"does not always mean bipolar", r"usually not bipolar"),
        ("misdiagnosis_bipolar", r"does not always mean bipolar", r"usually not bipolar")],
    "check4-ect-older-risk": [("older_adults", r"risks of ECT may be higher at their age", None),
                              ("ect", r"older people should be told that the risks may be higher", None)],
    # Found in the fifth fact-check pass (docs/CLINICAL_REVIEW.md, 28 Nov 2026).
    "check5-emergency-signs-now": [
        ("medical_contributors", r"Call your local emergency number now if you have new chest pain",
         r"the same day if you"),
        ("older_adults", r"Call your local emergency number now if someone is suddenly confused", None)],
    "check5-ect-pregnancy-harms": [("pregnancy_postpartum", r"about 29 in 100 of the pregnancies", None),
                                   ("pregnancy_postpartum", r"should be a last resort", None),
                                   ("pregnancy_postpartum", r"Cipolla S", None)],
    "check5-esketamine-label-warnings": [("esketamine_ketamine", r"slower breathing", None),
                                         ("esketamine_ketamine", r"young people up to age 24 may have more", None)],
    "check5-company-trials": [("esketamine_ketamine", r"One trial with 378 people, run by the company", None),
                              ("esketamine_ketamine", r"The maker of esketamine paid for the trial", None),
                              ("augmentation", r"The maker of aripiprazole ran the\s+trial", None)],
    "check5-older-ect-may": [("older_adults", r"ECT may work especially well at this age, though its risks",
                              r"works very well"),
                             ("older_adults", r"CANMAT, a Canadian guideline, says ECT", r"works especially well in")],
    "check5-psilocybin-status": [("emerging_treatments", r"In our latest sources \(mid-2026\)",
                                  r"has said it plans to\s+apply")],
    "check5-esketamine-adults-only": [("understanding_trd", r"esketamine nasal spray \(for adults only\)", None)],
    # Found in the sixth fact-check pass (docs/CLINICAL_REVIEW.md, 28 Nov 2026).
    "check6-psilocybin-thoughts-help-now": [("emerging_treatments", r"thoughts of ending your life,\s+get help now",
                                             None)],
    "check6-psilocybin-status-dated": [("emerging_treatments", r"In mid-2026 it was not approved in the\s+US",
                                        r"It is not an approved medicine")],
    "check6-range-says-what-it-spans": [("switching_medication", r"range_covers: medicines", None),
                                        ("esketamine_ketamine", r"range_covers: trials", None)],
    "check6-guided-not-chance": [("pharmacogenomics", r"favoured the test", r"unlikely to be due to chance")],
    "check6-overdose-protective-first": [
        ("switching_medication", r"If you have thoughts of harming yourself, tell your prescriber",
         r"if too many\s+are taken"),
        ("augmentation", r"tell your prescriber\. They\s+can make the\s+plan safer", None)],
    # Review 12 (s12-1): what the prescriber needs to know, without how deadly a medicine is (safe messaging).
    "s12-1-no-lethality": [("switching_medication", r"smaller supply at a time", r"(?i)in overdose"),
                           ("augmentation", r"smaller supply at a time", r"(?i)in overdose")],
    "check6-maoi-gap-no-length": [("switching_medication", r"How\s+long depends on the medicines",
                                   r"gap of several weeks")],
    "check6-exercise-many-trials": [("lifestyle", r"tested in many trials, walking or jogging", None),
                                    ("lifestyle", r"Ask your\s+clinician when you might expect",
                                     r"small changes sooner")],
    "check6-rems-is-us": [("substance_use", r"In the US, esketamine nasal spray is given only", None),
                          ("substance_use", r"esketamine, a related medicine, is", None)],
    "check6-trauma-one-wording": [("co_occurring_conditions", r"did not find\s+studies of trauma-focused therapy",
                                   r"no strong studies"),
                                  ("psychotherapy", r"did not find studies of trauma-focused therapy", None)],
    "check6-psilocybin-state-laws": [("emerging_treatments", r"A few US states", r"Two US states")],
    "check6-dbs-who-was-still-followed": [("other_neuromodulation", r"of those still in the study", None),
                                          ("other_neuromodulation", r"Some people had left the study", None)],
    "check6-vns-how-many": [("other_neuromodulation", r"One trial with 222 people", None)],
    "check6-optimum-three-groups": [("augmentation", r"in three groups of about 200", None),
                                    ("switching_medication", r"in three groups of about 200", None)],
    "check6-bipolar-body-on-the-ladder": [("misdiagnosis_bipolar", r"tell your prescriber the same day",
                                           r"tell your prescriber soon|prompt review")],
    "check6-ect-death-rate-as-the-authors-compare": [("ect", r"Its authors compared this with about 3 in every",
                                                      r"This is lower than the figure for general")],
    "check6-weight-without-blame": [("medical_contributors", r"Higher body weight",
                                     r"Carrying a lot of extra weight")],
    # Found in the seventh pass (docs/CLINICAL_REVIEW.md, 28 Nov 2026).
    "check7-psychotic-same-day-when-now": [("psychotic_depression", r"the same day if this is\s+happening now",
                                            r"needs a psychiatrist's review soon")],
    "check7-sure-of-what-is-not-true": [("psychotic_depression", r"being sure of something that others say is not",
                                         r"others find very strange")],
    "check7-no-unsourced-therapy-promise": [("psychotic_depression", r"plan your care with a team",
                                             r"talking therapy once the unusual experiences")],
    "check7-ect-may-work": [("ect", r"ECT may work especially well", r"ECT works especially well")],
    "check7-ect-medicines": [("ect", r"Lithium and cannabis can add to memory problems", None)],
    "check7-crisis-medicine-thoughts": [("crisis_support", r"If you might act on these thoughts, get\s+help now",
                                         r"emergency department the same day")],
    "check7-esketamine-us-rules-as-us": [("esketamine_ketamine", r"In the US, the clinic must be certified",
                                          r"only used in a certified clinic, where staff")],
    "check7-ketamine-at-home-warned": [("esketamine_ketamine",
                                        r"The FDA \(the US medicines regulator\) has warned about ketamine sent",
                                        r"sent to use at home, but")],
    "check7-tms-trial-sessions": [("tms", r"about 13 sessions on average", r"Trials judge results after the full")],
    "check7-optimum-open-label": [("older_adults", r"People knew which treatment they got, which can make", None)],
    "check7-esketamine-older-source": [("esketamine_ketamine", r"Ochs-Ross R", None)],
    # Ninth pass: read in every region (docs/CLINICAL_REVIEW.md): one country's rule is said as that country's.
    "r9-3-ect-consent-is-nice": [("ect", r"UK guidelines \(NICE\) say that if you are able to decide",
                                  r"\nIf you are able to decide, ECT"),
                                 ("ect", r"Laws on consent differ between countries", None)],
    "r9-6-no-988-for-everyone": [("crisis_support", r"crisis lines for your region are at the top",
                                  r"In the US and Canada, you can call or text 988")],
    "r9-7-us-label": [("esketamine_ketamine", r"Its US label has the same warning", r"its label warns")],
    "r9-8-st-johns-wort-sale": [("lifestyle", r"In some places it is sold without a prescription",
                                 r"you can buy without a prescription")],
    "r9-9-psilocybin-where": [("emerging_treatments", r"not approved in the\s+US or Australia", None),
                              ("emerging_treatments", r"or your own country's register", None)],
    "r9-10-accelerated-tms-us": [("tms", r"5-day schedule was cleared in the US in 2022", r"pack the treatment")],
    "r9-11-vomiting-not-sick": [("older_adults", r"take lithium and have vomiting", r"who is sick"),
                                ("older_adults", r"too much lithium include vomiting", r"include being sick")],
    "r9-12-pounds-too": [("augmentation", r"11 pounds", None)],
    "r9-14-ketamine-law-elsewhere": [("esketamine_ketamine", r"Laws differ\s+between countries", None)],
    "r9-18-ect-referral-anywhere": [("ect", r"checked by a quality scheme", r"In the UK, NICE says ECT should only")],
    "r9-19-health-service-too": [("pharmacogenomics", r"health plan, insurance or health service pay", None),
                                 ("preparing_for_appointment", r"health plan, insurance or health service covers",
                                  None)],
    # Tenth pass (docs/CLINICAL_REVIEW.md): a pharmacist's reading, and a tired reader's.
    "p10-1-serotonin-syndrome-for-every-switch": [
        ("switching_medication", r"\*\*Serotonin syndrome\*\* is rare\. It can happen when two medicines",
         r"On an MAOI, a sudden severe headache, or a high fever"),
        ("augmentation", r"\*\*Serotonin syndrome\*\* is rare\. Adding a second antidepressant, or lithium", None),
        ("lifestyle", r"serotonin syndrome, a dangerous reaction\. Its\s+signs include", None)],
    "p10-2-withdrawal-named-and-described": [
        ("switching_medication", r"\*\*Withdrawal symptoms\*\* \(also called discontinuation symptoms\)",
         r"[Cc]hangeover symptoms"),
        ("adequate_trial", r"missed doses can also cause withdrawal symptoms", None)],
    "p10-13-akathisia-same-day": [("augmentation", r"cannot sit still, tell your prescriber the\s+same day",
                                   r"Tell your prescriber if you cannot sit still")],
    "p10-14-switch-in-planned-steps": [("switching_medication", r"in steps your prescriber plans\.",
                                        r"slowly moving from one antidepressant")],
    "p10-15-leftover-medicines": [("crisis_support", r"medicines you no longer take", None)],
    "c10-7-fair-trial-no-blame": [("adequate_trial", r"Missing doses is very common", None),
                                  ("adequate_trial", r"told they have treatment-resistant depression",
                                   r"labelled as treatment-resistant")],
    "c10-12-hope-without-double-negatives": [
        ("understanding_trd", r"Other options can still help", r"It does not mean that nothing will help"),
        ("older_adults", r"Treatment can still help at this age", r"does not mean treatment will not work")],
    # Eleventh pass (docs/CLINICAL_REVIEW.md): how sure the evidence is (e11); carers and young people (f11).
    "e11-2-lithium-evidence-strong": [("augmentation", r"but the\s+evidence that they help is strong",
                                       r"sorts add-on medicines by how strong the evidence is")],
    "e11-3-ect-strong-in-the-comparison": [("ect", r"CANMAT\s+rates the evidence for ECT as strong", None)],
    "e11-4-same-caveats-in-every-cell": [
        ("psychotherapy", r"People knew which group they were in and rated\s+their own symptoms", None),
        ("esketamine_ketamine", r"The people who rated their symptoms did not", None),
        ("ect", r"In both, people knew which treatment they got", None),
        ("keep_current_treatment", r"stayed on the same antidepressant and took a dummy pill", None)],
    "e11-6-one-trial-not-often": [("older_adults", r"In one big trial, adding a medicine left more people with few",
                                   r"often help(s|ed) more than switching")],
    "e11-7-learning-recovery-sourced": [("ect", r"A psychology reference book says",
                                         r"learn new things usually recovers")],
    "e11-11-ect-memory-same-words": [("psychotic_depression", r"some gaps may not come back", r"memory for a while")],
    "e11-12-kirov-a-review-by-ect-researchers": [("ect", r"ECT researchers, in a 2021 review", r"major review")],
    "e11-13-14-19-hedged-as-the-evidence-is": [
        ("lifestyle", r"better sleep may help too", r"good sleep helps"),
        ("co_occurring_conditions", r"Finding and treating both\s+may help", r"real difference"),
        ("keep_current_treatment", r"It may work\s+better with a planned review", r"works\s+best with a planned")],
    "e11b-2-ketamine-drips-less-tested": [("augmentation", r"repeated drips and long-term use are less well tested",
                                           r"ketamine drips are second choices, but")],
    "e11b-4-a-clearance-is-not-evidence": [("tms", r"A clearance allows a device to be sold", None)],
    "e11b-7-a-dummy-pill-is-not-nothing": [("keep_current_treatment", r"with a dummy pill added\) had few",
                                            r"nothing else changed")],
    "e11b-8-ect-figure-no-comparison-group": [("ect", r"This figure has no comparison group, so it cannot be",
                                               None)],
    "e11b-10-optimum-first-step": [("augmentation", r"619 of them in its first step", None)],
    "e11b-11-vns-no-clear-benefit": [("other_neuromodulation", r"the one trial\s+against a fake device found no clear",
                                      r"evidence is mixed")],
    "f11-5-a-carers-two-steps": [("social_support", r"call your local emergency number now\s+and stay with them", None),
                                 ("social_support", r"no one's fault, yours included", None)],
    "f11-12-ect-under-18-said": [("young_people", r"\*\*ECT\*\* is rarely used under 18", None)],
    "f11-11-work-or-school": [("tms", r"fit around work or school", None),
                              ("psychotherapy", r"fit\s+around work or school", None)],
    "e11-8-star-d-relapse-figures": [("understanding_trd", r"about 71 in 100 after the fourth", None)],
    # Thirteenth pass (docs/CLINICAL_REVIEW.md): later life (g13).
    "g13-1-no-unsourced-age-split": [("older_adults", r"did not clearly beat the comparison treatment",
                                      r"75 and over")],
    "g13-2-optimum-main-measure": [("older_adults", r"main measure was how well people felt overall",
                                    r"adding a medicine helped more people")],
    "g13-5-ect-wishes-in-advance": [("ect", r"write down your wishes about ECT ahead of time", None)],
    "g13-6-sudden-confusion-now": [("older_adults", r"If confusion comes on suddenly, call your local emergency",
                                    r"Tell your doctor about new confusion")],
    # The same pass: pregnancy and after a birth (n13), and co-occurring conditions (d13).
    "n13-3-breastfeeding-do-not-stop": [("pregnancy_postpartum", r"### If you are breastfeeding", None),
                                        ("pregnancy_postpartum", r"breastfeeding, do not stop a\s+medicine", None)],
    "n13-4-own-bipolar-or-earlier-birth": [("pregnancy_postpartum", r"someone with bipolar disorder, someone who had "
                                                                    r"this after an earlier birth", None),
                                           ("pregnancy_postpartum", r"Jones I, Chandra PS", None)],
    "n13-5-breastfeeding-asked": [("pregnancy_postpartum", r"If I breastfeed, how does that change my choices", None),
                                  ("preparing_for_appointment", r"planning a pregnancy or breastfeeding", None)],
    "n13-6-valproate-for-bipolar": [("pregnancy_postpartum", r"must not be used for bipolar disorder in pregnancy",
                                     r"\*\*Valproate\*\* must not be used in pregnancy")],
    "n13-8-lithium-early-pregnancy": [("pregnancy_postpartum", r"taken in early pregnancy slightly raises", None),
                                      ("pregnancy_postpartum", r"Patorno E", None)],
    "n13-9-zuranolone-thoughts-of-suicide": [("pregnancy_postpartum", r"new or worse thoughts of suicide during the "
                                                                      r"course", None)],
    "d13-3-cannabis-and-ect": [("ect", r"calming medicines called benzodiazepines", None)],
    "d13-7-cobalt-left-out": [("psychotherapy", r"CoBalT left out people with bipolar disorder, psychosis", None)],
    "d13-8-no-unsourced-effects": [("substance_use", r"Our sources do not give figures for this",
                                    r"can lift mood for a short time")],
    "d13-9-person-first": [("esketamine_ketamine", r"Past problems with alcohol or drugs", r"drug or alcohol misuse")],
    # Fourteenth pass (docs/CLINICAL_REVIEW.md): mood disorders (b14), interventional (i14), primary care (p14),
    # therapy and a literal reader (t14).
    "b14-6-false-beliefs-same-day": [("psychotic_depression", r"or are sure of something others say is not\s+true, "
                                                              r"and this is\s+happening now, ask for it the same day",
                                      None)],
    "b14-7-one-deadline-for-one-answer": [("misdiagnosis_bipolar", r"psychiatrist's review soon, and the same day if "
                                                                   r"it is happening now",
                                           r"needs a review by a\s+psychiatrist the same day")],
    "b14-8-mixed-mood-explained": [("misdiagnosis_bipolar", r"Doctors call this a mixed mood", None)],
    "b14-4-tms-high-sourced": [("tms", r"Loo CK", None)],
    "i14-1-ketamine-approved-nowhere": [("esketamine_ketamine", r"in 2019 it was not\s+approved for depression in "
                                                                r"any country|in 2019, anywhere|2019 review found it "
                                                                r"was not\s+approved for depression in any country",
                                         None)],
    "i14-8-after-a-drip-ask": [("esketamine_ketamine", r"After a ketamine drip, ask the clinic how long", None)],
    "p14-3-low-cost-therapy": [("psychotherapy", r"behavioural activation\s+worked as well as CBT, cost less", None)],
    "p14-6-not-offered-near-you": [(section, r"If it is not offered near you, or costs too much, say so", None)
                                   for section in ("tms", "ect", "esketamine_ketamine")],
    "p14-9-cost-of-the-medicine": [("adequate_trial", r"If paying for the medicine, or getting it, is hard", None)],
    "t14-1-second-line-explained": [("psychotherapy", r"It does not mean\s+therapy works less well",
                                     r"list CBT as a second choice")],
    "t14-2-self-help-while-waiting": [("psychotherapy", r"There is not enough evidence for chatbots", None)],
    "t14-15-no-idioms": [("social_support", r"What is going on in your life affects depression", r"in a vacuum"),
                         ("lifestyle", r"can make depression worse, and depression can make sleep worse",
                          r"feed each other"),
                         ("keep_current_treatment", r"a simple guide for this check", r"rule of thumb"),
                         ("preparing_for_appointment", r"decide during the visit", r"on the spot")],
    "v14-1-beliefs-same-day-in-the-bipolar-section": [("misdiagnosis_bipolar", r"or sure of something\s+others "
                                                                               r"say is not true\? If this is "
                                                                               r"happening now, get help the same day",
                                                       None)],
    "r14-14-no-judgement-of-a-dose": [("keep_current_treatment", r"Ask your prescriber whether yours has had one",
                                       r"the dose can still go up")],
    # Fifteenth pass: a pharmacist (x15), numbers (n15), equity and language (e15), crisis (h15), usability (u15).
    # A rules file is named by its path.
    "x15-1-bupropion-fits-for-everyone": [(section, r"Bupropion\*{0,2} .*\n?.*can make a fit \(seizure\) more", None)
                                          for section in ("switching_medication", "augmentation")],
    "x15-2-valproate-for-bipolar": [("augmentation", r"must not be used for bipolar disorder in pregnancy",
                                     r"2018 that it must not be used in pregnancy")],
    "x15-3-ride-home-after-esketamine": [("esketamine_ketamine",
                                          r"good night's sleep.\n- You will need someone to take you home", None)],
    "x15-4-maoi-with-any-antidepressant": [("switching_medication",
                                            r"MAOIs must not be taken together with other\s+antidepressants",
                                            r"Never with some antidepressants")],
    "x15-5-low-sodium-signs": [("older_adults", r"Signs can include headache, trouble thinking", None)],
    "x15-6-diabetes-on-the-add-on-card": [(CAUTIONS, r"ask how your sugar,\s+weight and blood fats", None)],
    "x15-7-bleeding-with-other-medicines": [(CAUTIONS, r"Some mixes make you bleed\s+more easily", None)],
    "x15-8-pregnancy-do-not-stop-alone": [(CAUTIONS, r"Do not stop a\s+medicine, or lower its dose, on your own",
                                           r"Stopping a\s+medicine suddenly has risks too")],
    "x15-9-withdrawal-can-be-severe": [("switching_medication", r"some people they are severe, or last longer", None)],
    "x15-10-lithium-slurred-speech": [(section, r"slurred speech", None)
                                      for section in ("augmentation", "older_adults")],
    "x15-11-esketamine-blood-pressure-after": [("esketamine_ketamine", r"checked before each dose, and again", None)],
    "x15-12-new-side-effects-at-a-higher-dose": [("keep_current_treatment", r"more side effects, or new ones",
                                                  r"no new kinds of side effects")],
    "n15-1-what-each-trial-gave": [("augmentation", r"given: Added aripiprazole", None),
                                   ("augmentation", r"given: Added lithium", None),
                                   ("other_neuromodulation", r"given: VNS", None),
                                   ("emerging_treatments", r"given: Psilocybin", None)],
    "n15-7-side-effect-cells-in-numbers": [("esketamine_ketamine", r"about 61 to 84 in 100 felt detached", None),
                                           ("tms", r"about 7 in every 10,000 people treated", None)],
    "n15-8-switching-no-better-than-staying": [("switching_medication", r"given: Switching to bupropion or venlafaxine",
                                                None)],
    "n15-11-who-had-the-switch": [("misdiagnosis_bipolar", r"About 8 in 100 people who took an\s+antidepressant",
                                   None)],
    "n15-15-keep-current-arm-named": [("keep_current_treatment", r"given: The same antidepressant with a dummy pill",
                                       None)],
    "e15-3-fasting-on-lithium": [("augmentation", r"for example while\s+fasting", r"stomach\s+bug")],
    "e15-4-plain-warning-lines": [("young_people", r"tense and agitated", r"wound up"),
                                  ("substance_use", r"while you are reducing\s+alcohol or drugs", r"cutting down"),
                                  ("crisis_support", r"Sometimes, a new medicine", r"Now and then")],
    "e15-6-when-no-specialist-is-near": [(section, r"ask whether a general psychiatrist\s+can see you|ask if a general "
                                                   r"psychiatrist can see you", None)
                                         for section in ("older_adults", "pregnancy_postpartum")],
    "e15-7-cost-cells-say-what-you-pay-for": [("augmentation", r"Ask what the medicine, the visits and the tests",
                                               None),
                                              ("tms", r"ask for the full price of a course", None)],
    "e15-9-clear-referents": [("ect", r"ECT is one of the best treatments", r"seizure, and it is one of the best"),
                              ("misdiagnosis_bipolar", r"before they got the right diagnosis", None)],
    "e15-12-families-who-decide-together": [("preparing_for_appointment", r"choices like this are made together",
                                             None)],
    "e15-17-who-you-tell": [("preparing_for_appointment", r"You choose whom to tell about your depression", None)],
    "h15-2-help-now-beside-the-answer": [("rules/questions.yaml", r"After a birth, this can be postpartum psychosis",
                                          None)],
    "h15-5-text-links-in-the-banner": [("rules/crisis_lines.yaml", r"Call 988 or text 988", r"Call or text 988"),
                                       ("rules/crisis_lines.yaml", r"Call 13 11 14 or text 0477 13 11 14", None)],
    "r16-1-not-sure-about-eating-on-page-one": [("rules/path.yaml", r"You were not sure if you have been eating",
                                                 None)],
    "r16-3-high-blood-pressure-before-ect": [("rules/cautions.yaml", r"high blood pressure, or a heart, brain or nerve "
                                              r"problem. ECT is given", None)],
    "m16-1-add-ons-count-as-steps": [("rules/rules.yaml", r"esketamine\s+is approved after at least two "
                                      r"antidepressants, and an added medicine such as lithium may not count", None),
                                     ("rules/rules.yaml", r"two or more medicine steps \(a new medicine, or one added",
                                      None)],
    "m16-2-a-change-at-4-weeks-is-allowed": [("rules/questions.yaml", r"switched to\s+a different medicine at about 4 "
                                              r"weeks because it hardly helped", None),
                                             ("rules/emphasis.yaml", r"a medicine may not have had a fair trial",
                                              r"a medicine did not have a fair trial"),
                                             ("keep_current_treatment", r"A change at about 4 weeks is different\. If "
                                              r"a rating scale shows your symptoms have eased by less than about a "
                                              r"fifth",
                                              r"it has not had a full trial yet")],
    "m16-3-lost-response-checked-first": [("rules/emphasis.yaml", r"helped at first, then stopped helping. Ask your",
                                           None)],
    "m16-4-star-d-follow-up-in-context": [("understanding_trd", r"A follow-up then lasted a year", None),
                                          ("understanding_trd", r"came back less often in people who had few or no",
                                           None)],
    "m16-5-where-definitions-differ": [("understanding_trd", r"This tool does not give a score", None),
                                       ("understanding_trd", r"two antidepressants during this time of depression",
                                        None)],
    "m16-6-a-baseline-rating-scale": [("preparing_for_appointment", r"how you will both tell if it is working", None)],
    "l16-1-a-fair-trial-is-believed": [("rules/rules.yaml", r"That sounds\s+like a fair trial", None)],
    "l16-2-treatments-had-before": [("rules/rules.yaml", r"You said you have had ECT before. Tell your team how it",
                                     None)],
    "l16-3-what-you-learned": [("preparing_for_appointment", r"what you learned from treatments you have tried", None),
                               ("preparing_for_appointment", r"a friend or a peer support worker", None)],
    "l16-7-you-in-the-urgent-lines": [("ect", r"if you might act on thoughts of ending your life", r"if they\s+might "
                                       r"act on thoughts")],
    # Seventeenth pass (f17, c17): the comparison and summaries, checked against FACTS.md.
    "f17-4": [("ect", r"guidelines advise ongoing ECT sessions or medicines to stay well",
               r"Without follow-on treatment, 60 to 80 in 100 people relapse within"),
              ("switching_medication", r"people who improved were followed for a year\.\s+Depression came back in "
               r"about 40 in 100 of those who improved on their first\s+medicine", r"after a first step"),
              ("augmentation", r"people who improved were followed for a year\.\s+Depression came back in "
               r"about 40 in 100 of those who improved on their first\s+medicine", r"after a first step"),
              ("augmentation", r"Rush AJ, Trivedi MH, Wisniewski SR, et al. Acute and longer-term", None),
              ("esketamine_ketamine", r"about 22 in 100 on esketamine had few or no symptoms left at week 8", None)],
    "f17-5": [("tms", r"In trials, about 19 in 100 had few or no symptoms left\s+\(remission\), "
               r"compared with about 5 in 100 with sham \(fake\) TMS\.\s+referral:", None),
              ("tms", r"but headache and scalp discomfort are\s+common", None),
              ("esketamine_ketamine", r"about 27 in 100 had few or no\s+symptoms left at 8 weeks, and about 18 "
               r"in 100 on another\s+add-on", None),
              ("esketamine_ketamine", r"Most feel\s+detached or strange for a short time after a dose\.\s+"
               r"Ketamine drips are not approved\s+for depression, and the US regulator \(FDA\) warns about "
               r"ketamine sent home", None),
              ("psychotherapy", r"some people\s+find them tiring or upsetting at times\.\s+referral:", None),
              ("keep_current_treatment", r"living with symptoms for longer, so\s+agree on a date to review it\.\s+"
               r"referral:", None)],
    "c17-1": [("keep_current_treatment", r"symptoms have eased by less than about a fifth, guidelines say your "
               r"prescriber may raise the dose or switch", r"(?i)nothing at all has eased|nothing had eased")],
    "f17-7": [("keep_current_treatment", r"after a full trial failed, about 15 in 100 who stayed on the same "
               r"medicine", r"failed, few people who stayed")],
    "f17-8": [("tms", r"no sham group, look better\. They cannot\s+show how much TMS itself helped",
               r"look better than this"),
              ("ect", r"a figure\s+with no comparison group", None),
              ("other_neuromodulation", r"DBS study of 28 people with no comparison\s+group", None)],
    "f17-9": [("psychotherapy", r"about 46 in 100 improved a lot when\s+CBT was added, compared with about 22 in 100",
               r"twice as many people improved a lot")],
    "f17-12": [("psychotherapy", r"Sessions take time and effort\. Some people find them tiring or upsetting at "
                r"times,\s+mostly when they talk about painful things\. There are no drug side effects", None)],
    "c17-9": [("psychotherapy", r"CANMAT's choices weigh how strong the research is and how easy a\s+treatment is "
               r"to have", r"(?i)(first|second|third)-line"),
              ("psychotherapy", r"It does not mean\s+therapy works less well", None),
              ("lifestyle", r"is a third choice in\s+CANMAT", r"(?i)(first|second|third)-line")],
    "f17-10": [("ect", r"how it is shown in films or news\. Others worry about memory\. Both are fair to raise\. Ask "
                r"your team all your questions\. If you are able to decide, saying no is your right",
                r"ECT carries stigma"),
               ("rules/rules.yaml", r"Guidelines list ECT when several treatments, each given a fair trial",
                r"ECT is one of the most effective treatments when")],
    "f17-11": [("switching_medication", r"about 20 in 100 on bupropion had sexual side effects\. This compares with "
                r"about\s+36\s+in 100 on escitalopram \(an SSRI\) and 15 in 100 on a dummy pill",
                r"fewer had sexual side effects on bupropion")],
    "c17-3": [(section, r'cite: "Janssen Pharmaceuticals \(Johnson & Johnson\)\. SPRAVATO \(esketamine\) nasal '
               r'spray, CIII: US prescribing information and Medication Guide\."\n    year: 2025',
               r'cite: "Janssen\.|Janssen Pharmaceuticals\. SPRAVATO')
              for section in ("crisis_support", "esketamine_ketamine", "pregnancy_postpartum", "young_people")]
    + [("esketamine_ketamine", r"SPRAVATO \(esketamine\): medical information on dissociation", None)],
    "c17-4": [("tms", r"510\(k\) clearance K231926: NeuroStar TMS as an add-on treatment", None),
              ("tms", r"510\(k\) clearance K122288: BrainsWay Deep TMS", None)],
    "c17-5": [("young_people", r"Tell your prescriber the same day if this happens", r"Tell your prescriber quickly")],
    "c17-8": [("young_people", r"title: Teenagers and young adults\n", r"title: Children"),
              ("young_people", r"This page is for teenagers under 18, for young adults aged 18 to 24",
               r"This page is for children")],
    "c17-10": [("young_people", r"Hazell P, Mirzaie M\. Tricyclic drugs for depression in children and adolescents",
                None)],
    # Seventeenth pass (s17, v17, c17, f17): the questionnaire's words and the rules' reasons.
    "s17-1-given-birth": [("rules/questions.yaml", r"or have you given birth in the past year\?",
                           r"have you had a baby|I had a baby"),
                          ("rules/questions.yaml", r"Answer only about the person these answers are about, not "
                           r"their partner", r"This is about your own body|If that is you, and your partner")],
    "s17-2-a-change-at-4-weeks-has-its-own-answer": [("rules/questions.yaml", r"code: changed_at_4_weeks\s+label: "
                                                      r"\"One was switched to a different medicine at about 4 "
                                                      r"weeks because it hardly helped\. Each of the others had 6 "
                                                      r"weeks or more\.\"",
                                                      r"choose \"I'm not sure\" and tell\s+your clinician")],
    "s17-5-this-time-said": [("rules/questions.yaml", r"since you last felt well\.\s+If it has never really lifted, "
                              r"count from when it began", None)],
    "s17-6-a-high-without-a-sleep-requirement": [("rules/questions.yaml", r"a few days or more with much more energy "
                                                  r"than usual\?", r"need much less sleep at the same time")],
    "s17-7-alcohol-in-the-past-month": [("rules/questions.yaml", r"In the past month, how often have you drunk heavily",
                                         None),
                                        ("rules/questions.yaml", r"code: rarely_or_never, label: Not at all", None)],
    "s17-8-thyroid-checked-this-time": [("rules/questions.yaml", r"checked with a blood test since this time of\s+"
                                         r"depression began", None)],
    "s17-9-treatments-for-depression": [("rules/questions.yaml", r"Have you had any of these treatments for "
                                         r"depression\?", None)],
    "s17-10-never-taken-one-skips": [("rules/questions.yaml", r"If you have never taken an antidepressant, skip this "
                                      r"question", r"never taken an antidepressant, choose No")],
    "s17-11-too-soon-to-tell": [("rules/questions.yaml", r"it may be too soon to tell", None)],
    "s17-12-a-fair-trial-checked-together": [("rules/rules.yaml", r"check the doses and go over the record", None)],
    "s17-13-medicines-for-depression-only": [("rules/questions.yaml", r"Only count medicines given for depression",
                                              None)],
    "s17-14-sure-before-the-results": [("rules/questions.yaml", r"before you read your results \(the SURE test\)",
                                        None)],
    "s17-15-open-to-talking-about": [("rules/rules.yaml", r"You said you would like to talk about talking therapy",
                                      r"You said you are open to")],
    "s17-16-came-back-on-the-medicine": [("rules/questions.yaml", r"after it was\s+stopped or while you still took it",
                                          None)],
    "s17-18-told-by-a-health-worker": [("rules/questions.yaml", r"Has a doctor or other health worker told you that "
                                        r"you have any of these", None)],
    "c17-2-one-deadline-ladder": [("rules/emphasis.yaml", r"You said you have been eating, drinking or moving very "
                                   r"little\. If someone has stopped", r"This needs a doctor\s+soon")],
    "c17-11-improved-a-lot": [("rules/emphasis.yaml", r"more of them improved\s+a lot in the first 12 weeks",
                               r"more of them got\s+better")],
    "f17-6-the-order-is-not-a-ranking": [("rules/sections.yaml", r"These options are not in order of how well they "
                                          r"work", None)],
    "v17-2-a-partial-response-said-as-such": [("rules/rules.yaml", r"when a medicine helped part of the way, but not "
                                               r"enough", r"helped, at least for a while"),
                                              ("rules/emphasis.yaml", r"You said a medicine helped part of the way",
                                               r"helped, at least for a while")],
    # Eighteenth pass (p18, h18, s18, q18): the sign-off read, a helper's reading, security, the re-read.
    "p18-13-a-helper-answers-for-the-person": [("rules/questions.yaml", r"Is the person you are answering for "
                                                r"pregnant, planning to become pregnant", None)],
    "h18-3-options-a-helper-can-tick": [("rules/questions.yaml", r"code: postpartum, label: Gave birth in the past "
                                         r"year", r"label: I (am pregnant|gave birth|had a baby|plan to)"),
                                        ("rules/questions.yaml", r"code: not_applicable, label: Does not apply",
                                         r"label: This does not apply to me")],
    "h18-1-a-helper-s-own-family": [("rules/questions.yaml", r"Count yourself too, if you are their parent, brother, "
                                     r"sister or child", None)],
    "q18-1-a-helper-who-does-not-know-about-pregnancy": [("rules/questions.yaml", r"not their partner\. If you are "
                                                          r"answering\s+for someone and do not know, choose", None)],
    "q18-2-they-may-have-kept-it-to-themselves": [("rules/questions.yaml", r"They may have kept this\s+to "
                                                   r"themselves", None)],
    "q18-4-blank-rather-than-none": [("rules/questions.yaml", r"leave this blank rather than choosing", None)],
    "q18-6-sure-with-the-person": [("rules/questions.yaml", r"unless the person is with you to answer them", None)],
    "h18-2-a-helper-who-does-not-know": [("rules/questions.yaml", r"If you are answering for someone and do not "
                                          r"know, choose \"I'd rather not say\"", None)],
    "h18-4-their-views-not-yours": [("rules/questions.yaml", r"give their\s+views, not yours", None),
                                    ("rules/questions.yaml", r"skip the SURE questions unless the person is with you",
                                     None)],
    "h18-5-where-they-live": [("rules/questions.yaml", r"for someone else, choose where they live", None)],
    "h18-6-making-the-home-safer": [("engine/summary.py", r"If it is safe to do so, help them put time and distance "
                                     r"between them and anything they could use", None)],
    "h18-7-many-help-lines": [("engine/summary.py", r"Many help lines also give advice", r"\. Help lines also give")],
    "h18-8-what-they-have-said-or-done": [("rules/questions.yaml", r"think of what they have said or done", None),
                                          ("rules/questions.yaml", r"has the person you are answering for seen or "
                                           r"heard things", None)],
    "h18-10-tick-only-what-you-know": [("rules/questions.yaml", r"If you are answering for someone,\s+tick only what "
                                        r"you know", None)],
    "h18-13-the-prescriber": [("rules/questions.yaml", r"tell the prescriber today", r"tell your prescriber today")],
    "s18-3-the-open-tab-keeps-a-copy": [("components/about.py", r"While this page stays open, \"\s+\"it keeps a "
                                         r"copy so you can still save them", None)],
    "p18-7-still-having-treatment": [("esketamine_ketamine", r"stayed well to week 32, while still having treatment",
                                      None)],
    "p18-8-a-thyroid-problem-at-any-time": [("rules/questions.yaml", r"I have been told I have a thyroid problem "
                                             r"\(at any time\)", None)],
    "p18-9-stopped-recently": [("rules/questions.yaml", r"If you stopped recently, tell your clinician too", None)],
    "p18-11-listed-early-first": [("rules/sections.yaml", r"Some are listed early because of your\s+answers, and "
                                   r"each of those says why\. Next come the options", r"come first, then the others")],
    "p18-12-the-added-medicine-too": [("rules/questions.yaml", r"and of any medicine added on top", None),
                                      ("rules/questions.yaml", r"If a medicine was added on top, think of\s+it too",
                                       None)],
    "p18-14-you-in-ect-s-help-now-line": [("ect", r"now if you have stopped\s+eating and drinking, or barely move or "
                                           r"speak, or if someone you care for has", r"if you, or someone you\s+care "
                                           r"for, has stopped")],
    # Nineteenth pass (e19, s19, o19, v19): numbers re-audited, safe messaging re-read, a cognitive interview.
    "e19-1-escitalopram-by-the-end-of-treatment": [("switching_medication", r"By the end of treatment \(up to\s+8 "
                                                    r"weeks\)", r"After 8 weeks, about 20 in 100")],
    "s19-2-a-step-for-today-and-for-the-helper": [("engine/summary.py", r"If they are not in danger right now, help "
                                                   r"them contact a crisis line or their doctor \"\s+\"today", None),
                                                  ("engine/summary.py", r"the help lines are there for you as well",
                                                   None)],
    "s19-3-the-same-day-step-speaks-to-the-reader": [("older_adults", r"If thoughts of ending your life\s+are new or "
                                                      r"getting stronger, contact a doctor, prescriber or crisis line",
                                                      r"has new or stronger thoughts of\s+ending their life"),
                                                     ("misdiagnosis_bipolar", r"of ending your life, or theirs, are "
                                                      r"new or getting stronger", None)],
    "s19-5-zuranolone-thoughts": [("pregnancy_postpartum", r"contact your team or a crisis line the same day\. If "
                                   r"you might act on them, get help now", r"Tell your team straight away if you have "
                                   r"new or worse thoughts")],
    "s19-7-contact-not-call": [("switching_medication", r"change or stop a medicine, contact a doctor,\s+prescriber "
                                r"or crisis line the same day", r"call a doctor or crisis\s+line the same day")],
    "s19-8-slurred-speech-in-the-urgent-box": [("older_adults", r"strong\s+trembling, unsteadiness or slurred speech",
                                                None)],
    "o19-1-a-medicine-still-being-taken": [("rules/questions.yaml", r"If you are still taking a medicine and it has "
                                            r"been less than 6 weeks", None),
                                           ("rules/questions.yaml", r"If you are still taking it, answer for now",
                                            None)],
    "o19-2-two-names-on-the-box": [("rules/questions.yaml", r"One medicine can have two names", None)],
    "o19-3-doses-of-at-least-one": [("rules/questions.yaml", r"label: I often missed doses of at least one", None)],
    "o19-4-side-effects-first": [("rules/questions.yaml", r"If one was stopped because of side effects, or for\s+any "
                                  r"reason other than not helping", r"because it had helped little")],
    "o19-5-could-become-pregnant": [("rules/questions.yaml", r"could become pregnant, even without planning to",
                                     None)],
    "o19-6-energy-first": [("rules/questions.yaml", r"much more energy than usual\? At that time, did you\s+also feel",
                            r"very high or very irritable mood\?")],
    "o19-7-thyroid-explained": [("rules/questions.yaml", r"thyroid \(a gland in your neck\)", None),
                                ("rules/questions.yaml", r"If a test was not quite normal", None)],
    "o19-8-the-planned-dose-explained": [("rules/questions.yaml", r"A first dose is sometimes low and meant to be "
                                          r"raised later\. This asks whether it reached the", None)],
    "o19-9-high-in-everyday-words": [("rules/questions.yaml", r"unusually happy or excited, full of energy", None),
                                    ("rules/questions.yaml", r"Others may have noticed\s+this more than you did",
                                     None)],
    "q20-1-one-medicine-switched-may-be-a-miscount": [("rules/rules.yaml", r"If you have tried two, you can go back "
                                                       r"and change that answer", r"You said your medicine was changed "
                                                       r"at about 4 weeks")],
    "q20-2-add-first-said-with-its-condition": [("rules/emphasis.yaml", r"Once a medicine has had a fair trial,\s+"
                                                 r"guidelines say adding a second medicine is often tried before a "
                                                 r"switch", r"It is listed before\s+switching here")],
    "q20-4-postpartum-psychosis-after-its-own-signs": [("misdiagnosis_bipolar", r"If it starts\s+in the weeks after a "
                                                        r"birth, get help now: it could be postpartum psychosis\. If "
                                                        r"thoughts", r"If these experiences start in the weeks")],
    "q21-3-sooner-with-unusual-experiences": [("rules/cautions.yaml", r"adding a medicine only after a fair trial\. It "
                                               r"may come\s+sooner when depression comes with unusual experiences",
                                               None)],
    "o19-10-more-examples": [("rules/questions.yaml", r"escitalopram, fluoxetine, paroxetine", None),
                             ("rules/questions.yaml", r"vortioxetine or trazodone", None)],
}


def _section_text(section_id: str) -> str:
    path = ROOT / section_id if "/" in section_id else ROOT / "content" / "sections" / f"{section_id}.md"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("finding", sorted(FIXES))
def test_review_fix_is_kept(finding):
    for section_id, present, absent in FIXES[finding]:
        text = _section_text(section_id)
        assert re.search(present, text), f"{finding}: {section_id} no longer says /{present}/"
        if absent:
            assert not re.search(absent, text), f"{finding}: {section_id} says /{absent}/ again"


def _rows() -> dict[str, str]:
    rows = {}
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| \*\*([Mm]-\d+)\*\* \|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def test_every_finding_has_a_row():
    rows = _rows()
    assert [f for f in FINDINGS if f not in rows] == []
    assert sorted(rows) == sorted(FINDINGS)


def test_every_named_guard_exists():
    rows = _rows()
    missing = []
    for finding, line in rows.items():
        for case in re.findall(r"`tests/cases/([a-z0-9_]+)\.yaml`", line):
            if not (ROOT / "tests" / "cases" / f"{case}.yaml").exists():
                missing.append(f"{finding}: tests/cases/{case}.yaml")
        for guard in re.findall(r"`test_review_fix_is_kept\[([Mm]-\d+)\]`", line):
            if guard not in FIXES:
                missing.append(f"{finding}: test_review_fix_is_kept[{guard}]")
        for path, name in re.findall(r"`(tests/[\w/]+\.py)::(\w+)", line):
            source = ROOT / path
            if not source.exists() or f"def {name}(" not in source.read_text(encoding="utf-8"):
                missing.append(f"{finding}: {path}::{name}")
    assert missing == []


def test_every_content_fix_is_named_in_its_row():
    """A review finding names its guard in its own row; a fix found later, somewhere in the review file."""
    rows, whole = _rows(), REVIEW.read_text(encoding="utf-8")
    assert [f for f in FIXES if f"test_review_fix_is_kept[{f}]" not in rows.get(f, whole)] == []
