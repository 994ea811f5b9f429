#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's KTAP parser as a second opinion on a guest console log.

usage: ktap-kunit.py KUNIT-DIR LOG

KUNIT-DIR is tools/testing/kunit of the kernel tree (kunit_parser.py, the
parser behind "kunit.py parse": nesting, plans, numbering, crashes). Prints
one line per top-level test of LOG, "pass|fail|skip|crash NAME", followed by
" # " and the parser's errors in that test (a missing subtest, a number out
of sequence, a result line it could not read), if any. lib/ktap.sh compares
that with its own verdicts.
"""
import io
import re
import sys

sys.path.insert(0, sys.argv[1])
import kunit_parser  # noqa: E402
import kunit_printer  # noqa: E402

STATUS = {
    kunit_parser.TestStatus.SUCCESS: 'pass',
    kunit_parser.TestStatus.SKIPPED: 'skip',
    kunit_parser.TestStatus.FAILURE: 'fail',
    kunit_parser.TestStatus.TEST_CRASHED: 'crash',
    kunit_parser.TestStatus.NO_TESTS: 'fail',
}


RUN_TAIL = re.compile(r'^run: .*last [0-9]+ console lines:$')


def record_error(test, message):
    """Keep the parser's error on the test (it only prints it)."""
    test.counts.errors += 1
    test.__dict__.setdefault('errors', []).append(message)


def errors(test, top=False):
    """The errors of test and of all its subtests, innermost last; not the
    number of a top-level result line: that is /test/run's, and after a test
    with more results than its plan the parser takes the next tests' numbers
    for errors too."""
    found = [f'{test.name}: {e}' for e in getattr(test, 'errors', [])
             if not (top and e.startswith('Expected test number'))]
    for sub in test.subtests:
        found += errors(sub)
    return found


def main():
    kunit_printer.stdout._output = io.StringIO()  # its report: not ours
    kunit_parser.Test.add_error = record_error
    lines = []
    with open(sys.argv[2], errors='replace') as log:
        for line in log:
            line = line.replace('\r', '')
            if RUN_TAIL.match(line):
                break  # ./run repeats the console's tail: not new lines
            lines.append(line)
    main_test = kunit_parser.parse_run_tests(lines)
    for test in main_test.subtests:
        if not test.name:
            continue  # a test it found missing: lib/ktap.sh knows those
        line = f'{STATUS.get(test.status, "fail")} {test.name}'
        found = errors(test, top=True)
        if len(found) > 3:
            found[3:] = [f'{len(found) - 3} more']
        if found:
            line += ' # ' + '; '.join(found)
        print(line)


main()
