# shellcheck shell=bash
# Reading KTAP from a console log. Only top-level results count (a test's own
# subtests are nested by indentation); any other line, kernel messages
# included, is ignored. Serial consoles add \r, which is dropped.

# Print "pass NAME", "fail NAME" or "skip NAME" for each top-level result.
ktap_results() {
	tr -d '\r' <"$1" | sed -nE \
		-e 's/^ok [0-9]+ ([^#]*[^# ]) *# *SKIP.*/skip \1/p; t' \
		-e 's/^ok [0-9]+ (.*[^ ]) *$/pass \1/p; t' \
		-e 's/^not ok [0-9]+ ([^#]*[^# ]).*/fail \1/p'
}

# The top-level plan's count (the first "1..N" at column 0), or empty.
ktap_plan() {
	tr -d '\r' <"$1" | sed -nE 's/^1\.\.([0-9]+).*/\1/p' | head -n 1
}
