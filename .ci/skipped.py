"""Summarises Surefire reports: totals, and each skipped test with its reason."""
import glob
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
skipped = {}
for path in sorted(glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml")):
    root = ET.parse(path).getroot()
    for k in totals:
        totals[k] += int(root.get(k, 0))
    for case in root.iter("testcase"):
        s = case.find("skipped")
        if s is not None:
            # JUnit assumptions put their reason in the element text, conditions in the message attribute.
            reason = (s.get("message") or (s.text or "").strip() or "no reason given").strip().splitlines()[0]
            skipped.setdefault(reason, []).append(case.get("classname").split(".")[-1] + "." + case.get("name"))
passed = totals["tests"] - totals["failures"] - totals["errors"] - totals["skipped"]
print(f"{passed} passed, {totals['failures'] + totals['errors']} failed, {totals['skipped']} skipped")
for reason, cases in skipped.items():
    classes = sorted({c.split(".")[0] for c in cases})
    print(f"- {len(cases)} skipped: {reason} ({', '.join(classes)})")
