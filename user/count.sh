#!/bin/sh
# count: print 0, 1, 2, ... one per second; a steady userland process for
# debugging and tracing. Guest: /count.sh [LIMIT]
i=0
while [ -z "$1" ] || [ "$i" -lt "$1" ]; do
	echo "$i"
	i=$((i + 1))
	sleep 1
done
