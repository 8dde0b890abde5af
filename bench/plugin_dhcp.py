#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""DHCPv6 captures for the plugin benchmark (bench/plugin.sh).

    plugin_dhcp.py COUNT OUT_PSAC.pcap OUT_PLAIN.pcap MSG.bin...

OUT_PSAC: COUNT frames cycling through the SACONFIGURATION messages MSG.bin
(server 547 -> target 546).  OUT_PLAIN: COUNT plain DHCPv6 Reply messages
of the same UDP payload length (Server Identifier, Status Code, and an
Interface-Id option, opaque octets, filling the rest: a filler the DHCPv6
dissector does not parse further).
"""
import struct
import sys

SRC = bytes.fromhex("20010db8000100000000000000000002")
DST = bytes.fromhex("20010db8000200000000000000000001")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(payload):
    ln = 8 + len(payload)
    ph = SRC + DST + struct.pack("!IxxxB", ln, 17)
    c = csum(ph + struct.pack("!HHHH", 547, 546, ln, 0) + payload) or 0xFFFF
    udp = struct.pack("!HHHH", 547, 546, ln, c) + payload
    ip6 = struct.pack("!IHBB", 0x60000000, len(udp), 17, 64) + SRC + DST
    return b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x86\xdd" + ip6 + udp


def opt(code, data):
    return struct.pack("!HH", code, len(data)) + data


def plain(n, xid):
    body = opt(2, bytes.fromhex("000100011c39cf88080027fe8f95"))   # SERVERID, DUID-LLT
    body += opt(13, struct.pack("!H", 0) + b"ok")                     # STATUS_CODE
    fill = n - 4 - len(body) - 4
    assert fill >= 5, "message too short for a plain equivalent"
    body += opt(18, b"bench" + bytes(fill - 5))                       # INTERFACE_ID
    return struct.pack("!I", (7 << 24) | xid) + body


def write(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000,
                                len(fr), len(fr)))
            f.write(fr)


def main():
    count, out_psac, out_plain = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    msgs = [open(p, "rb").read() for p in sys.argv[4:]]
    write(out_psac, (frame(msgs[i % len(msgs)]) for i in range(count)))
    write(out_plain, (frame(plain(len(msgs[i % len(msgs)]), i & 0xFFFFFF)) for i in range(count)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
