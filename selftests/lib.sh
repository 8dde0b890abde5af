# SPDX-License-Identifier: GPL-2.0
# Shared helpers for psac selftests (sourced; busybox sh inside the VM).
# Each test prints TAP: `ok N - what` / `not ok N - what`, then `1..N`.

# iproute2, not busybox's applet (busybox sh prefers its own applets).
ip() { /usr/local/sbin/ip "$@"; }
genl() { /usr/local/sbin/genl "$@"; }
tcpdump() { /usr/local/sbin/tcpdump "$@"; }
setpriv() { /usr/local/bin/setpriv "$@"; }

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

# ipn NS command [args...]: run a command in namespace NS.
ipn() { ns=$1; shift; ip netns exec "$ns" "$@"; }

# field_is command [args...]: its output is $want (else says what it was).
field_is() {
	v=$("$@" 2>&1)
	[ "$v" = "$want" ] || { echo "got '$v', want '$want'"; return 1; }
}

# ns_pair_up NS1 DEV1 NS2 DEV2: two namespaces (lo up) joined by a veth
# pair whose ends are up.
ns_pair_up() {
	for ns in "$1" "$3"; do
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
	done
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" ||
		return 1
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}

# Call at the end of every test: prints the plan, sets the exit status.
finish() {
	echo "1..$_n"
	[ "$_fail" -eq 0 ]
}

# Three hosts: srv (provisioning server) -- tgt (target server) -- req
# (requestor).  srv reaches tgt's requestor-facing address 2001:db8:2::1
# through tgt, so SACONFIGURATION arrives addressed to the address the
# requestor's ESP traffic uses.
SRV=2001:db8:1::2
TGT_S=2001:db8:1::1
TGT=2001:db8:2::1
REQ=2001:db8:2::2
topo3_up() {
	for ns in srv tgt req; do
		ip netns add $ns || return 1
		ip -n $ns link set lo up
	done
	ip link add s0 netns srv type veth peer name t0 netns tgt || return 1
	ip link add r0 netns req type veth peer name t1 netns tgt || return 1
	ip -n srv addr add $SRV/64 dev s0 nodad
	ip -n tgt addr add $TGT_S/64 dev t0 nodad
	ip -n tgt addr add $TGT/64 dev t1 nodad
	ip -n req addr add $REQ/64 dev r0 nodad
	for l in "srv s0" "tgt t0" "tgt t1" "req r0"; do
		set -- $l
		ip -n $1 link set $2 up
	done
	ip -n srv route add 2001:db8:2::/64 via $TGT_S
	ip -n req route add 2001:db8:1::/64 via $TGT
}

topo3_down() {
	for ns in srv tgt req; do
		ip netns del $ns 2>/dev/null
	done
}

# Install one direction ($4: i2r = requestor->target, r2i) of the
# requestor's side of SA number $2 from a `psac saconf build --keymat-out`
# file $1 into namespace $3 with ip-xfrm; $5 is the mode (default
# transport), $6 the reqid (default 7).
req_install_dir() {
	(
	. "$1"
	i=$2
	eval peer=\$PSAC_SA${i}_PEER spi=\$PSAC_SA${i}_SPI_$(echo $4 | tr a-z A-Z) \
		enc=\$PSAC_SA${i}_XFRM_ENC aead=\$PSAC_SA${i}_XFRM_AEAD \
		icv=\$PSAC_SA${i}_XFRM_ICV auth=\$PSAC_SA${i}_XFRM_AUTH \
		trunc=\$PSAC_SA${i}_XFRM_TRUNC \
		ke=\$PSAC_SA${i}_KE_$(echo $4 | tr a-z A-Z) \
		ka=\$PSAC_SA${i}_KA_$(echo $4 | tr a-z A-Z)
	if [ "$aead" = 1 ]; then
		alg="aead $enc $ke $icv"
	else
		alg="enc $enc $ke auth-trunc $auth $ka $trunc"
	fi
	if [ "$4" = i2r ]; then
		src=$peer dst=$TGT
	else
		src=$TGT dst=$peer
	fi
	ip -n "$3" xfrm state add src "$src" dst "$dst" proto esp spi "$spi" \
		reqid "${6:-7}" mode "${5:-transport}" $alg
	)
}

# Both directions: req_install FILE IDX NS [MODE [REQID]]
req_install() {
	req_install_dir "$1" "$2" "$3" i2r "$4" "$5" &&
	req_install_dir "$1" "$2" "$3" r2i "$4" "$5"
}


# Packets counted by the XFRM state with SPI $2 (0x%08x) in namespace $1.
sa_packets() {
	/usr/local/sbin/ip -n "$1" -s xfrm state | awk -v spi="spi $2" '
		/^src / { inblk = 0 }
		index($0, spi) { inblk = 1 }
		inblk && /[0-9]+\(bytes\), [0-9]+\(packets\)/ {
			sub(/.*\(bytes\), */, ""); sub(/\(packets\).*/, ""); print; exit
		}'
}

# RFC 6618: a home agent (ha: mnha0 role ha, forwarding) between a mobile
# node (mn: mnha0 role mn, care-of address MIP_MN) and a correspondent
# (cn).  The mobile node's home prefix 2001:db8:100::/64 is routed to the
# HA's mnha0.
MIP_HA=2001:db8:1::1
MIP_MN=2001:db8:1::2
MIP_HA_CN=2001:db8:2::1
MIP_CN=2001:db8:2::2
mobile_up() {
	for ns in ha mn cn; do
		ip netns add $ns || return 1
		ip -n $ns link set lo up
	done
	ip link add h0 netns ha type veth peer name m0 netns mn &&
	ip link add h1 netns ha type veth peer name c0 netns cn || return 1
	ip -n ha addr add $MIP_HA/64 dev h0 nodad
	ip -n ha addr add $MIP_HA_CN/64 dev h1 nodad
	ip -n mn addr add $MIP_MN/64 dev m0 nodad
	ip -n cn addr add $MIP_CN/64 dev c0 nodad
	for l in "ha h0" "ha h1" "mn m0" "cn c0"; do
		set -- $l
		ip -n $1 link set $2 up
	done
	ip -n cn route add 2001:db8:100::/64 via $MIP_HA_CN
	ip netns exec ha sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/forwarding'
	ip -n ha link add mnha0 type mnha && psac -n ha mnha dev set mnha0 role ha &&
	ip -n ha link set mnha0 up && ip -n ha route add 2001:db8:100::/64 dev mnha0 &&
	ip -n mn link add mnha0 type mnha && psac -n mn mnha dev set mnha0 role mn &&
	ip -n mn link set mnha0 up
}
