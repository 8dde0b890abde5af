# SPDX-License-Identifier: GPL-2.0
# Shared helpers for psac selftests (sourced; busybox sh inside the VM).
# Each test prints TAP: `ok N - what` / `not ok N - what`, then `1..N`.

# iproute2, not busybox's applet (busybox sh prefers its own applets).
ip() { /usr/local/sbin/ip "$@"; }
genl() { /usr/local/sbin/genl "$@"; }
tcpdump() { /usr/local/sbin/tcpdump "$@"; }

OUT=${OUT:-/tmp}
_n=0
_fail=0

echo "TAP version 13"

ok() {
	_n=$((_n + 1))
	echo "ok $_n - $*"
}

nok() {
	_n=$((_n + 1))
	_fail=$((_fail + 1))
	echo "not ok $_n - $*"
}

# check "description" command [args...]: passes when the command succeeds.
check() {
	_desc=$1
	shift
	if _o=$("$@" 2>&1); then
		ok "$_desc"
	else
		nok "$_desc"
		echo "$_o" | sed 's/^/# /'
	fi
}

# check_fail "description" command [args...]: passes when the command fails.
check_fail() {
	_desc=$1
	shift
	if _o=$("$@" 2>&1); then
		nok "$_desc (unexpectedly succeeded)"
		echo "$_o" | sed 's/^/# /'
	else
		ok "$_desc"
	fi
}

# check_match "description" regex command [args...]: output matches regex.
check_match() {
	_desc=$1
	_re=$2
	shift 2
	_o=$("$@" 2>&1)
	if echo "$_o" | grep -qE "$_re"; then
		ok "$_desc"
	else
		nok "$_desc"
		echo "$_o" | sed 's/^/# /'
	fi
}

diag() { echo "# $*"; }

# Call at the end of every test: prints the plan, sets the exit status.
finish() {
	echo "1..$_n"
	[ "$_fail" -eq 0 ]
}
