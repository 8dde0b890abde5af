#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate the dissector's test captures, deterministically.

    gen_captures.py OUTDIR

Wire formats follow docs/wire-format.md; the code points are read from
uapi/linux/psac_wire.h (never re-typed here).  Keys used below are listed in
KEYS and written to OUTDIR/keys.json for the test runner.
"""

import hashlib
import hmac
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import psaccrypto as pc  # noqa: E402

# ---------------------------------------------------------------------------
# Code points from the one source of truth
# ---------------------------------------------------------------------------


def load_wire_h(path):
    consts = {}
    pat = re.compile(r"^#define\s+(PSAC_\w+)\s+(.+?)\s*(?:/\*.*)?$")
    for line in open(path):
        m = pat.match(line.strip())
        if not m:
            continue
        name, val = m.groups()
        val = val.strip()
        if val.startswith('"'):
            consts[name] = val.strip('"')
            continue
        val = re.sub(r"(?<=[0-9a-fA-F])[uU]\b", "", val)
        try:
            consts[name] = eval(val, {}, dict(consts))  # simple arithmetic of earlier names
        except Exception:
            pass
    return consts


W = load_wire_h(os.path.join(HERE, "..", "..", "uapi", "linux", "psac_wire.h"))


def C(name):
    return W["PSAC_" + name]


# ---------------------------------------------------------------------------
# Keys (test values, not secrets)
# ---------------------------------------------------------------------------

PSK_ID = 0x00000001
PSK = bytes.fromhex("7073616320746573742070736b2030310a0b0c0d0e0f10111213141516171819")
OTHER_PSK_ID = 0x0000002A
OTHER_PSK = bytes.fromhex("00112233445566778899aabbccddeeff")

KEYMAT_ESP = bytes((0x40 + i) & 0xFF for i in range(72))          # 2 x (32 + 4 salt)
KEYMAT_MNHA_PSAC = bytes((0x90 + 3 * i) & 0xFF for i in range(72))  # 2 x (16 + 20)

MNHA_CBC = dict(spi=0x0000123, suite=C("MNHA_SUITE_AES128_HMAC_SHA1"),
                ek=[bytes.fromhex("0102030405060708090a0b0c0d0e0f10"),
                    bytes.fromhex("1112131415161718191a1b1c1d1e1f20")],
                ik=[bytes.fromhex("2122232425262728292a2b2c2d2e2f3031323334"),
                    bytes.fromhex("4142434445464748494a4b4c4d4e4f5051525354")])
MNHA_GCM = dict(spi=0x0000456, suite=C("MNHA_SUITE_AES128_GCM"),
                ek=[bytes.fromhex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" + "cafe0001"),
                    bytes.fromhex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf" + "cafe0002")],
                ik=[b"", b""])
MNHA_XCBC = dict(spi=0x0000321, suite=C("MNHA_SUITE_NULL_AES_XCBC"),
                 ek=[b"", b""],
                 ik=[bytes.fromhex("5152535455565758595a5b5c5d5e5f60"),
                     bytes.fromhex("6162636465666768696a6b6c6d6e6f70")])
MNHA_MHAUTH = dict(spi=0x0000789, suite=C("MNHA_SUITE_AES256_GCM"),
                   ek=[bytes(range(0x10, 0x30)) + bytes.fromhex("5a5a0001"),
                       bytes(range(0x30, 0x50)) + bytes.fromhex("5a5a0002")],
                   ik=[b"", b""])
MNHA_PSAC_SPI = 0x0000ABC
MNHA_TLS = dict(spi=0x0000654, suite=C("MNHA_SUITE_AES128_GCM"),
                ek=[bytes(range(0x60, 0x70)) + bytes.fromhex("71727374"),
                    bytes(range(0x80, 0x90)) + bytes.fromhex("91929394")],
                ik=[b"", b""])
REQ_X25519_PRIV = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
MHAUTH_PSK = bytes.fromhex("6d6e312070736b20666f72206d6861757468")
MHAUTH_CB = hashlib.sha256(open(os.path.join(HERE, "data", "ca.der"), "rb").read()).digest()
KEYMAT_REQ = bytes((0xC0 + 7 * i) & 0xFF for i in range(72))
IKE_SPI_I = bytes.fromhex("1122334455667788")
IKE_SPI_R = bytes.fromhex("99aabbccddeeff00")
IKE_SK_EI = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
IKE_SK_ER = bytes.fromhex("101112131415161718191a1b1c1d1e1f")
IKE_SK_AI = bytes(range(0x40, 0x60))
IKE_SK_AR = bytes(range(0x60, 0x80))

# ---------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def ip4(s):
    import ipaddress
    return ipaddress.IPv4Address(s).packed


A_SERVER = ip6("2001:db8::1")        # DHCPv6 server
A_TARGET = ip6("2001:db8::53")       # target server (DNS)
A_REQ = ip6("2001:db8::100")         # requestor, global
A_REQ_LL = ip6("fe80::100")          # requestor, link-local
A_ALLDHCP = ip6("ff02::1:2")
A_HOA = ip6("2001:db8:1::10")        # MN home address
A_COA = ip6("2001:db8:ff::10")       # MN care-of address
A_HA = ip6("2001:db8::a")            # home agent
A_HAC = ip6("2001:db8::c")           # home agent controller
A_CN = ip6("2001:db8:2::1")          # correspondent
A_GW = ip6("2001:db8::e")            # IKE gateway
A_IKEC = ip6("2001:db8:ff::20")      # IKE client
MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")

# ---------------------------------------------------------------------------
# Packet building
# ---------------------------------------------------------------------------


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv6_hdr(src, dst, nh, plen, hlim=64):
    return struct.pack("!IHBB", 6 << 28, plen, nh, hlim) + src + dst


def pseudo6(src, dst, nh, length):
    return src + dst + struct.pack("!IxxxB", length, nh)


def udp6(src, dst, sport, dport, payload):
    ln = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, ln, 0)
    c = csum(pseudo6(src, dst, 17, ln) + hdr + payload) or 0xFFFF
    return ipv6_hdr(src, dst, 17, ln) + struct.pack("!HHHH", sport, dport, ln, c) + payload


def tcp6(src, dst, sport, dport, seq, ack, flags, payload=b""):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    c = csum(pseudo6(src, dst, 6, len(hdr) + len(payload)) + hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", c) + hdr[18:]
    return ipv6_hdr(src, dst, 6, len(hdr) + len(payload)) + hdr + payload


def icmp6_echo(src, dst, typ, ident, seq, data):
    body = struct.pack("!BBHHH", typ, 0, 0, ident, seq) + data
    c = csum(pseudo6(src, dst, 58, len(body)) + body)
    body = body[:2] + struct.pack("!H", c) + body[4:]
    return ipv6_hdr(src, dst, 58, len(body)) + body


def eth(payload, ethertype=0x86DD, rev=False):
    return (MAC_A + MAC_B if rev else MAC_B + MAC_A) + struct.pack("!H", ethertype) + payload


class Pcap:
    def __init__(self):
        self.frames = []

    def add(self, ip_packet, rev=False):
        self.frames.append(eth(ip_packet, rev=rev))
        return len(self.frames)

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            t = 1700000000
            for i, fr in enumerate(self.frames):
                f.write(struct.pack("<IIII", t + i, 1000 * i, len(fr), len(fr)))
                f.write(fr)


# ---------------------------------------------------------------------------
# DHCPv6 / PSAC
# ---------------------------------------------------------------------------


def opt(code, data):
    return struct.pack("!HH", code, len(data)) + data


def duid_ll(mac):
    return struct.pack("!HH", 3, 1) + mac


def dhcp6(msgtype, xid, options):
    return struct.pack("!I", (msgtype << 24) | xid) + b"".join(options)


def req_params(proto, mode, flags, encr, bits, integ, ulp, req_spi, lifetime, sport, dport):
    return opt(C("OPT_SA_REQ_PARAMS"),
               struct.pack("!BBHHHHBBIIHH", proto, mode, flags, encr, bits, integ, ulp, 0,
                           req_spi, lifetime, sport, dport))


def sa_fixed(peer, proto, mode, keyprot, encr, bits, integ, ulp, spi_i2r, spi_r2i, lifetime,
             sport, dport, reserved=0):
    return peer + struct.pack("!BBBBHHHBBIIIHH", proto, mode, keyprot, reserved, encr, bits, integ,
                              ulp, 0, spi_i2r, spi_r2i, lifetime, sport, dport)


def sa_psk(xid, fixed, keymat, nonce, psk=PSK):
    assert len(fixed) == C("SA_AAD_FIXED_LEN")
    kek = pc.hkdf_sha256(psk, b"", C("KEK_INFO_PSK").encode(), C("KEK_LEN"))
    aad = fixed + struct.pack("!I", xid)[1:]
    ct, tag = pc.gcm_encrypt(kek, nonce, aad, keymat)
    prot = nonce + ct + tag
    return opt(C("OPT_SA"), fixed + struct.pack("!H", len(prot)) + prot)


def sa_opaque(fixed, prot):
    return opt(C("OPT_SA"), fixed + struct.pack("!H", len(prot)) + prot)


def auth_opt(counter, key_id, realm=b"", hmac_value=None):
    body = struct.pack("!BBBQ", C("AUTH_PROTO_DELAYED"), C("AUTH_ALG_HMAC_SHA256"),
                       C("AUTH_RDM_COUNTER"), counter) + realm + struct.pack("!I", key_id)
    return opt(C("DHCP6_OPT_AUTH"), body + (hmac_value or b"\0" * C("AUTH_HMAC_LEN")))


def sign(msg, psk=PSK):
    """HMAC-SHA256 over the message with the HMAC field (the last 32 octets
    of the OPTION_AUTH, which must be the last option) zeroed."""
    assert msg[-32:] == b"\0" * 32
    return msg[:-32] + hmac.new(psk, msg, hashlib.sha256).digest()


def status(code, text=b""):
    return opt(C("DHCP6_OPT_STATUS_CODE"), struct.pack("!H", code) + text)


def dhcp_udp(src, dst, sport, dport, msg):
    return udp6(src, dst, sport, dport, msg)


# ---------------------------------------------------------------------------
# ESP (RFC 4303 / RFC 4106 AES-GCM-16)
# ---------------------------------------------------------------------------


def esp_gcm(src, dst, spi, seq, key_salt, iv, inner, nh):
    key, salt = key_salt[:-4], key_salt[-4:]
    padlen = (4 - (len(inner) + 2) % 4) % 4
    pt = inner + bytes(range(1, padlen + 1)) + bytes([padlen, nh])
    hdr = struct.pack("!II", spi, seq)
    ct, tag = pc.gcm_encrypt(key, salt + iv, hdr, pt)
    body = hdr + iv + ct + tag
    return ipv6_hdr(src, dst, 50, len(body)) + body


def udp_only(src, dst, sport, dport, payload):
    ln = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, ln, 0)
    c = csum(pseudo6(src, dst, 17, ln) + hdr + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, ln, c) + payload


def dns_query(qid, name):
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 28, 1)


# ---------------------------------------------------------------------------
# MN-HA (RFC 6618)
# ---------------------------------------------------------------------------


def mnha_hdr(ptype, spi, seq):
    return struct.pack("!II", (ptype << C("MNHA_PTYPE_SHIFT")) | (spi & C("MNHA_SPI_MASK")), seq)


def mnha_protect(sa, direction, ptype, seq, inner, nh, iv):
    """direction 0 = MN to HA, 1 = HA to MN."""
    suite = sa["suite"]
    ek, ik = sa["ek"][direction], sa["ik"][direction]
    hdr = mnha_hdr(ptype, sa["spi"], seq)
    if suite in (C("MNHA_SUITE_AES128_GCM"), C("MNHA_SUITE_AES256_GCM")):
        blk = 4
    elif suite in (C("MNHA_SUITE_NULL_HMAC_SHA1"), C("MNHA_SUITE_NULL_AES_XCBC")):
        blk = 4
    elif suite == C("MNHA_SUITE_3DES_HMAC_SHA1"):
        blk = 8
    else:
        blk = 16
    padlen = (blk - (len(inner) + 2) % blk) % blk
    pt = inner + bytes(range(1, padlen + 1)) + bytes([padlen, nh])
    if suite in (C("MNHA_SUITE_AES128_GCM"), C("MNHA_SUITE_AES256_GCM")):
        key, salt = ek[:-4], ek[-4:]
        ct, tag = pc.gcm_encrypt(key, salt + iv[:8], hdr, pt)
        return hdr + iv[:8] + ct + tag
    if suite == C("MNHA_SUITE_NULL_HMAC_SHA1"):
        body = hdr + pt
        return body + hmac.new(ik, body, hashlib.sha1).digest()[:12]
    if suite == C("MNHA_SUITE_NULL_AES_XCBC"):
        body = hdr + pt
        return body + pc.xcbc_mac_96(ik, body)
    if suite == C("MNHA_SUITE_AES128_HMAC_SHA1"):
        body = hdr + iv[:16] + pc.cbc_encrypt(ek, iv[:16], pt)
        return body + hmac.new(ik, body, hashlib.sha1).digest()[:12]
    if suite == C("MNHA_SUITE_3DES_HMAC_SHA1"):
        try:  # cryptography >= 43
            from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
        except ImportError:  # Debian 12's 38
            from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
        from cryptography.hazmat.primitives.ciphers import Cipher, modes
        enc = Cipher(TripleDES(ek), modes.CBC(iv[:8])).encryptor()
        body = hdr + iv[:8] + enc.update(pt) + enc.finalize()
        return body + hmac.new(ik, body, hashlib.sha1).digest()[:12]
    raise ValueError("suite %#x not supported by the generator" % suite)


MNHA_3DES = dict(spi=0x0000D35, suite=C("MNHA_SUITE_3DES_HMAC_SHA1"),
                 ek=[bytes.fromhex("0123456789abcdeffedcba9876543210899aabbccddeeff0"),
                     bytes.fromhex("f0e1d2c3b4a5968778695a4b3c2d1e0f1122334455667788")],
                 ik=[bytes.fromhex("3d3d3d3d0102030405060708090a0b0c0d0e0f10"),
                     bytes.fromhex("3e3e3e3e1112131415161718191a1b1c1d1e1f20")])


def cap_mnha_3des(out):
    """RFC 6618 3DES-CBC + HMAC-SHA1-96: MN to HA echo (IPv6 inner), HA to MN
    reply, an IPv4 echo, then the first packet with one ICV octet flipped."""
    p = Pcap()
    echo = icmp6_echo(A_HOA, A_CN, 128, 0x3D, 1, b"triple des")
    f1 = mnha_protect(MNHA_3DES, 0, C("MNHA_PTYPE_IP"), 1, echo, 41, bytes.fromhex("a1a2a3a4a5a6a7a8"))
    p.add(mnha_udp(A_COA, A_HA, f1))                                                  # 1
    reply = icmp6_echo(A_CN, A_HOA, 129, 0x3D, 1, b"triple des")
    p.add(mnha_udp(A_HA, A_COA, mnha_protect(MNHA_3DES, 1, C("MNHA_PTYPE_IP"), 1, reply, 41,
                                             bytes.fromhex("b1b2b3b4b5b6b7b8"))), rev=True)  # 2
    v4 = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 8 + 4, 7, 0, 64, 1, 0, ip4("10.0.0.10"), ip4("10.0.0.1"))
    v4 = v4[:10] + struct.pack("!H", csum(v4)) + v4[12:]
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x3D, 2) + b"3des"
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_3DES, 0, C("MNHA_PTYPE_IP"), 2, v4 + icmp, 4,
                                             bytes.fromhex("c1c2c3c4c5c6c7c8"))))       # 3
    p.add(mnha_udp(A_COA, A_HA, f1[:-1] + bytes([f1[-1] ^ 0x01])))                     # 4
    p.write(os.path.join(out, "mnha_3des.pcap"))


def mh_bu(hoa, ha, seq, lifetime=100):
    # Binding Update: payload proto 59, header len (8-octet units - 1), type, reserved, csum,
    # sequence, flags (A|H), lifetime (4 s units), then PadN to 8-octet boundary.
    body = struct.pack("!BBBBHHHH", 59, 1, C("MH_TYPE_BU"), 0, 0, seq, 0xC000, lifetime)
    body += bytes([1, 2, 0, 0])  # PadN (4 octets) -> 16 octets total
    c = csum(pseudo6(hoa, ha, C("IPPROTO_MH"), len(body)) + body)
    return body[:4] + struct.pack("!H", c) + body[6:]


def mnha_udp(src, dst, payload, sport=None, dport=None):
    port = C("MNHA_UDP_PORT")
    return udp6(src, dst, sport or port, dport or port, payload)


# ---------------------------------------------------------------------------
# Captures
# ---------------------------------------------------------------------------

S546 = C("DHCP6_CLIENT_PORT")
S547 = C("DHCP6_SERVER_PORT")


def cap_saconfig(out):
    """SACONFIGURATION with a PSK-protected ESP SA, its reply, ESP traffic
    under that SA, an MN-HA SA (mode 3) over PSAC and MN-HA traffic under it,
    and a delete (lifetime 0)."""
    p = Pcap()
    xid = 0x5A1234
    fixed = sa_fixed(A_REQ, C("PROTO_ESP"), C("MODE_TRANSPORT"), C("KEYPROT_PSK"),
                     C("ENCR_AES_GCM_16"), 256, C("INTEG_NONE"), C("ULP_UDP"),
                     0x1000AB01, 0x1000AB02, 3600, 0, 53)
    msg = dhcp6(C("DHCP6_MSG_SACONFIG"), xid, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        sa_psk(xid, fixed, KEYMAT_ESP, bytes.fromhex("0a0b0c0d0e0f101112131415")),
        auth_opt(1, PSK_ID, b"example.net"),
    ])
    p.add(dhcp_udp(A_SERVER, A_TARGET, S547, S546, sign(msg)))            # 1

    reply = dhcp6(C("DHCP6_MSG_SACONFIG_REPLY"), xid, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        status(C("STATUS_SUCCESS"), b"installed"),
        opt(C("OPT_SA_LIST"), status(C("STATUS_SUCCESS"))),
        auth_opt(7, PSK_ID),
    ])
    p.add(dhcp_udp(A_TARGET, A_SERVER, S546, S547, sign(reply)), rev=True)  # 2

    # ESP, requestor -> target (I2R) and back (R2I); KEYMAT = Ke|Ka|Ke|Ka, Ka empty
    ke_i2r, ke_r2i = KEYMAT_ESP[:36], KEYMAT_ESP[36:]
    q = udp_only(A_REQ, A_TARGET, 40001, 53, dns_query(0x1111, "chained.example.net"))
    p.add(esp_gcm(A_REQ, A_TARGET, 0x1000AB01, 1, ke_i2r, bytes(range(8)), q, 17))        # 3
    r = udp_only(A_TARGET, A_REQ, 53, 40001, dns_query(0x2222, "back.example.net"))
    p.add(esp_gcm(A_TARGET, A_REQ, 0x1000AB02, 1, ke_r2i, bytes(range(8, 16)), r, 17), rev=True)  # 4

    # MN-HA SA over PSAC (protocol 17, mode 3), pushed to the home agent.
    xid2 = 0x5A1235
    fixed2 = sa_fixed(A_HOA, C("PROTO_UDP"), C("MODE_MNHA_UDP"), C("KEYPROT_PSK"),
                      C("ENCR_AES_CBC"), 128, C("INTEG_HMAC_SHA1_96"), C("ULP_ANY"),
                      MNHA_PSAC_SPI, MNHA_PSAC_SPI, 7200, C("MNHA_UDP_PORT"), 0)
    msg2 = dhcp6(C("DHCP6_MSG_SACONFIG"), xid2, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        sa_psk(xid2, fixed2, KEYMAT_MNHA_PSAC, bytes.fromhex("1a1b1c1d1e1f202122232425")),
        auth_opt(2, PSK_ID),
    ])
    p.add(dhcp_udp(A_SERVER, A_HA, S547, S546, sign(msg2)))               # 5
    sa = dict(spi=MNHA_PSAC_SPI, suite=C("MNHA_SUITE_AES128_HMAC_SHA1"),
              ek=[KEYMAT_MNHA_PSAC[0:16], KEYMAT_MNHA_PSAC[36:52]],
              ik=[KEYMAT_MNHA_PSAC[16:36], KEYMAT_MNHA_PSAC[52:72]])
    inner = icmp6_echo(A_HOA, A_CN, 128, 0x77, 1, b"via psac sa")
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(sa, 0, C("MNHA_PTYPE_IP"), 1, inner, 41,
                                             bytes(range(0x20, 0x30)))))  # 6

    # Delete: same SA, lifetime 0, no key.
    xid3 = 0x5A1236
    fixed3 = sa_fixed(A_REQ, C("PROTO_ESP"), C("MODE_TRANSPORT"), C("KEYPROT_PSK"),
                      C("ENCR_AES_GCM_16"), 256, C("INTEG_NONE"), C("ULP_UDP"),
                      0x1000AB01, 0x1000AB02, 0, 0, 53)
    msg3 = dhcp6(C("DHCP6_MSG_SACONFIG"), xid3, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        sa_opaque(fixed3, b""),
        auth_opt(3, PSK_ID),
    ])
    p.add(dhcp_udp(A_SERVER, A_TARGET, S547, S546, sign(msg3)))           # 7

    # Signed with the wrong PSK: HMAC must not verify.
    msg4 = dhcp6(C("DHCP6_MSG_SACONFIG"), 0x5A1237, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        auth_opt(4, PSK_ID),
    ])
    p.add(dhcp_udp(A_SERVER, A_TARGET, S547, S546, sign(msg4, OTHER_PSK)))  # 8

    # Signed with a Key-ID we have no PSK for.
    msg5 = dhcp6(C("DHCP6_MSG_SACONFIG"), 0x5A1238, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        auth_opt(5, 0x99),
    ])
    p.add(dhcp_udp(A_SERVER, A_TARGET, S547, S546, sign(msg5, OTHER_PSK)))  # 9

    # Reply with an error status for the SA.
    reply2 = dhcp6(C("DHCP6_MSG_SACONFIG_REPLY"), 0x5A1237, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        status(C("STATUS_AUTH_FAILED"), b"bad hmac"),
        opt(C("OPT_SA_LIST"), status(C("STATUS_ALG_NOT_SUPPORTED"), b"chacha")),
        auth_opt(8, PSK_ID),
    ])
    p.add(dhcp_udp(A_TARGET, A_SERVER, S546, S547, sign(reply2)), rev=True)  # 10
    p.write(os.path.join(out, "psac_saconfig.pcap"))


def sa_x25519(xid, fixed, keymat, eph_priv, recipient_pub, nonce):
    eph = pc.x25519_pub(eph_priv)
    shared = pc.x25519(eph_priv, recipient_pub)
    kek = pc.hkdf_sha256(shared, eph + recipient_pub, C("KEK_INFO_ECIES").encode(), C("KEK_LEN"))
    ct, tag = pc.gcm_encrypt(kek, nonce, fixed + struct.pack("!I", xid)[1:], keymat)
    return sa_opaque(fixed, eph + nonce + ct + tag)


def cap_inforeq(out):
    """Information-Request with CLIENT_PUBKEY and SA_REQUEST, Reply with SA_LIST
    (the requestor's copy, under its X25519 key), then ESP under that SA."""
    p = Pcap()
    xid = 0x0C0FFE
    pub = pc.x25519_pub(REQ_X25519_PRIV)
    msg = dhcp6(C("DHCP6_MSG_INFO_REQUEST"), xid, [
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("DHCP6_OPT_ORO"), struct.pack("!H", C("OPT_SA_LIST"))),
        opt(C("OPT_CLIENT_PUBKEY"), struct.pack("!BB", C("PK_ALG_X25519"), 0) + pub),
        opt(C("OPT_SA_REQUEST"), A_TARGET +
            req_params(C("PROTO_ESP"), C("MODE_TRANSPORT"), C("SA_F_ESN"), C("ENCR_AES_GCM_16"), 256,
                       C("INTEG_NONE"), C("ULP_UDP"), 0x2000CD01, 3600, 0, 53) +
            req_params(C("PROTO_ESP"), C("MODE_TUNNEL"), 0, C("ENCR_AES_CBC"), 128,
                       C("INTEG_HMAC_SHA2_256_128"), C("ULP_ICMPV6"), 0, C("LIFETIME_INFINITE"), 128, 0) +
            req_params(C("PROTO_ESP"), C("MODE_TRANSPORT"), 0, C("ENCR_CHACHA20_POLY1305"), 256,
                       C("INTEG_NONE"), C("ULP_MH"), 0, 600, C("MH_TYPE_BU"), C("MH_TYPE_BA"))),
    ])
    p.add(dhcp_udp(A_REQ_LL, A_ALLDHCP, S546, S547, msg))                 # 1
    fixed = sa_fixed(A_TARGET, C("PROTO_ESP"), C("MODE_TRANSPORT"), C("KEYPROT_X25519"),
                     C("ENCR_AES_GCM_16"), 256, C("INTEG_NONE"), C("ULP_UDP"),
                     0x1000AB03, 0x2000CD01, 3600, 0, 53)
    sa = sa_x25519(xid, fixed, KEYMAT_REQ, bytes(range(0x70, 0x90)), pub, bytes(range(0x20, 0x2C)))
    reply = dhcp6(C("DHCP6_MSG_REPLY"), xid, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("OPT_SA_LIST"), sa + status(C("STATUS_SUCCESS"))),
    ])
    p.add(dhcp_udp(A_SERVER, A_REQ_LL, S547, S546, reply), rev=True)     # 2
    # Relayed: the same Information-Request inside Relay-Forw.
    relay = struct.pack("!BB", C("DHCP6_MSG_RELAY_FORW"), 0) + A_SERVER + A_REQ_LL + \
        opt(C("DHCP6_OPT_INTERFACE_ID"), b"eth1") + opt(C("DHCP6_OPT_RELAY_MSG"), msg)
    p.add(dhcp_udp(A_GW, A_SERVER, S547, S547, relay))                    # 3
    # ESP under the requestor's SA: I2R from its global address, R2I back.
    q = udp_only(A_REQ, A_TARGET, 40002, 53, dns_query(0x3333, "x25519.example.net"))
    p.add(esp_gcm(A_REQ, A_TARGET, 0x1000AB03, 1, KEYMAT_REQ[:36], bytes(range(16, 24)), q, 17))  # 4
    r = udp_only(A_TARGET, A_REQ, 53, 40002, dns_query(0x4444, "reply.example.net"))
    p.add(esp_gcm(A_TARGET, A_REQ, 0x2000CD01, 1, KEYMAT_REQ[36:], bytes(range(24, 32)), r, 17), rev=True)  # 5
    p.write(os.path.join(out, "psac_inforeq.pcap"))


RSA_REQ_KEY = os.path.join(HERE, "data", "rsa-req.pem")
KEYMAT_RSA = bytes((0x11 + 5 * i) & 0xFF for i in range(40))  # 2 x (16 + 4 salt)


def cap_rsa(out):
    """Key-Prot-Alg 3: Information-Request with an RSA CLIENT_PUBKEY, Reply
    whose SA key is RSAES-OAEP-SHA256 under it (AAD as the OAEP label), ESP
    under that SA, then a Reply whose SPI was changed after wrapping."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    key = serialization.load_pem_private_key(open(RSA_REQ_KEY, "rb").read(), None)
    spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    p = Pcap()
    xid = 0x0A5A01
    msg = dhcp6(C("DHCP6_MSG_INFO_REQUEST"), xid, [
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("DHCP6_OPT_ORO"), struct.pack("!H", C("OPT_SA_LIST"))),
        opt(C("OPT_CLIENT_PUBKEY"), struct.pack("!BB", C("PK_ALG_RSA"), 0) + spki),
        opt(C("OPT_SA_REQUEST"), A_TARGET +
            req_params(C("PROTO_ESP"), C("MODE_TRANSPORT"), 0, C("ENCR_AES_GCM_16"), 128,
                       C("INTEG_NONE"), C("ULP_UDP"), 0x3000EE01, 3600, 0, 53)),
    ])
    p.add(dhcp_udp(A_REQ_LL, A_ALLDHCP, S546, S547, msg))                 # 1

    def rsa_sa(fixed):
        aad = fixed + struct.pack("!I", xid)[1:]
        prot = key.public_key().encrypt(KEYMAT_RSA, padding.OAEP(
            mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=aad))
        return prot

    fixed = sa_fixed(A_TARGET, C("PROTO_ESP"), C("MODE_TRANSPORT"), C("KEYPROT_RSA_OAEP"),
                     C("ENCR_AES_GCM_16"), 128, C("INTEG_NONE"), C("ULP_UDP"),
                     0x1000EE02, 0x3000EE01, 3600, 0, 53)
    prot = rsa_sa(fixed)

    def reply(fx):
        return dhcp6(C("DHCP6_MSG_REPLY"), xid, [
            opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
            opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
            opt(C("OPT_SA_LIST"), sa_opaque(fx, prot) + status(C("STATUS_SUCCESS"))),
        ])
    p.add(dhcp_udp(A_SERVER, A_REQ_LL, S547, S546, reply(fixed)), rev=True)     # 2
    q = udp_only(A_REQ, A_TARGET, 40003, 53, dns_query(0x5555, "rsa.example.net"))
    p.add(esp_gcm(A_REQ, A_TARGET, 0x1000EE02, 1, KEYMAT_RSA[:20], bytes(range(40, 48)), q, 17))  # 3
    # 4: the same protected key with SPI-I2R changed: the label no longer matches
    bad = sa_fixed(A_TARGET, C("PROTO_ESP"), C("MODE_TRANSPORT"), C("KEYPROT_RSA_OAEP"),
                   C("ENCR_AES_GCM_16"), 128, C("INTEG_NONE"), C("ULP_UDP"),
                   0x1000EE03, 0x3000EE01, 3600, 0, 53)
    p.add(dhcp_udp(A_SERVER, A_REQ_LL, S547, S546, reply(bad)), rev=True)       # 4
    p.write(os.path.join(out, "psac_rsa.pcap"))


def dns_name(name):
    return b"".join(bytes([len(x)]) + x.encode() for x in name.split(".")) + b"\0"


def cap_certs(out):
    """DHCP-PD: Request with CLIENT_PUBKEY inside IA_PD, Reply with CERT_SERVER
    and CERTIFICATE (chain) inside IA_PD / IAPREFIX."""
    ca = open(os.path.join(HERE, "data", "ca.der"), "rb").read()
    rtr = open(os.path.join(HERE, "data", "router.der"), "rb").read()
    p = Pcap()
    xid = 0x00D0D0
    pub = bytes((0x3 * i + 0x40) & 0xFF for i in range(32))
    iapd_req = struct.pack("!III", 1, 0, 0) + \
        opt(C("OPT_CLIENT_PUBKEY"), struct.pack("!BB", C("PK_ALG_X25519"), 0) + pub)
    msg = dhcp6(C("DHCP6_MSG_REQUEST"), xid, [
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        opt(C("DHCP6_OPT_IA_PD"), iapd_req),
    ])
    p.add(dhcp_udp(A_REQ_LL, A_ALLDHCP, S546, S547, msg))                 # 1
    prefix = struct.pack("!IIB", 3600, 7200, 56) + ip6("2001:db8:4200::")
    iaprefix = prefix + \
        opt(C("OPT_CERTIFICATE"), struct.pack("!BB", C("CERT_TYPE_X509V3"), 0) + rtr) + \
        opt(C("OPT_CERTIFICATE"), struct.pack("!BB", C("CERT_TYPE_X509V3"), 0) + ca)
    iapd = struct.pack("!III", 1, 1800, 2880) + \
        opt(C("OPT_CERT_SERVER"), struct.pack("!B", C("CERT_LOC_FQDN")) + dns_name("ca.example.net")) + \
        opt(C("DHCP6_OPT_IAPREFIX"), iaprefix)
    reply = dhcp6(C("DHCP6_MSG_REPLY"), xid, [
        opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("DHCP6_OPT_IA_PD"), iapd),
        opt(C("OPT_CERT_SERVER"), struct.pack("!B", C("CERT_LOC_URI")) + b"https://ca.example.net/est"),
        opt(C("OPT_CERT_SERVER"), struct.pack("!B", C("CERT_LOC_IPV6")) + ip6("2001:db8::ca")),
    ])
    p.add(dhcp_udp(A_SERVER, A_REQ_LL, S547, S546, reply), rev=True)     # 2
    p.write(os.path.join(out, "psac_certs.pcap"))


def cap_malformed(out):
    """One edge case per frame; the test runner knows them by frame number."""
    p = Pcap()
    sfix = lambda **kw: sa_fixed(**{**dict(  # noqa: E731
        peer=A_REQ, proto=C("PROTO_ESP"), mode=C("MODE_TRANSPORT"), keyprot=C("KEYPROT_PSK"),
        encr=C("ENCR_AES_GCM_16"), bits=256, integ=C("INTEG_NONE"), ulp=C("ULP_UDP"),
        spi_i2r=0x3000, spi_r2i=0x3001, lifetime=60, sport=0, dport=53), **kw})

    def saconf(xid, *opts):
        return dhcp6(C("DHCP6_MSG_SACONFIG"), xid, [opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A))] +
                     list(opts) + [auth_opt(xid, PSK_ID)])

    def add(msg, signed=True):
        p.add(dhcp_udp(A_SERVER, A_TARGET, S547, S546, sign(msg) if signed else msg))

    # 1: OPTION_SA shorter than its fixed part
    add(saconf(1, opt(C("OPT_SA"), sfix()[:40])))
    # 2: REQ_PARAMS with a wrong length inside SA_REQUEST
    add(dhcp6(C("DHCP6_MSG_INFO_REQUEST"), 2, [
        opt(C("OPT_SA_REQUEST"), A_TARGET + opt(C("OPT_SA_REQ_PARAMS"), bytes(20)))]), False)
    # 3: nested option overflowing its container
    add(dhcp6(C("DHCP6_MSG_INFO_REQUEST"), 3, [
        opt(C("OPT_SA_REQUEST"), A_TARGET + struct.pack("!HH", C("OPT_SA_REQ_PARAMS"), 200) + bytes(24))]),
        False)
    # 4: unknown key protection algorithm and unknown encryption algorithm
    add(saconf(4, sa_opaque(sfix(keyprot=9, encr=99), bytes(40))))
    # 5: X25519 public key of 31 octets
    add(dhcp6(C("DHCP6_MSG_INFO_REQUEST"), 5, [
        opt(C("OPT_CLIENT_PUBKEY"), struct.pack("!BB", C("PK_ALG_X25519"), 0) + bytes(31))]), False)
    # 6: REQ_PARAMS at top level (misplaced)
    add(dhcp6(C("DHCP6_MSG_INFO_REQUEST"), 6, [
        req_params(C("PROTO_ESP"), C("MODE_TRANSPORT"), 0, C("ENCR_AES_GCM_16"), 128, 0, 0, 0, 60, 0, 0)]),
        False)
    # 7: reserved octet not zero
    add(saconf(7, sa_opaque(sfix(reserved=0x5A), bytes(28 + 72))))
    # 8: SA_LIST carrying an option it should not
    add(dhcp6(C("DHCP6_MSG_REPLY"), 8, [
        opt(C("OPT_SA_LIST"), opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)))]), False)
    # 9: SACONFIGURATION without OPTION_AUTH
    add(dhcp6(C("DHCP6_MSG_SACONFIG"), 9, [opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A))]), False)
    # 10: OPTION_AUTH too short for Key-ID and HMAC
    add(dhcp6(C("DHCP6_MSG_SACONFIG"), 10, [
        opt(C("DHCP6_OPT_AUTH"), struct.pack("!BBBQ", 2, 2, 0, 1) + bytes(10))]), False)
    # 11: Protected-Key-Len larger than what is left
    f = sfix()
    add(saconf(11, opt(C("OPT_SA"), f + struct.pack("!H", 500) + bytes(100))))
    # 12: key material length does not match the algorithms (GCM-256 needs 72)
    add(saconf(12, sa_opaque(sfix(), bytes(28 + 40))))
    # 13: Certificate Server: unknown locator type
    add(dhcp6(C("DHCP6_MSG_REPLY"), 13, [opt(C("OPT_CERT_SERVER"), b"\x09abc")]), False)
    # 14: Certificate Server: FQDN with a bad label length
    add(dhcp6(C("DHCP6_MSG_REPLY"), 14, [opt(C("OPT_CERT_SERVER"), b"\x02\x05ab")]), False)
    # 15: Certificate with garbage DER
    add(dhcp6(C("DHCP6_MSG_REPLY"), 15, [opt(C("OPT_CERTIFICATE"), b"\x01\x00\x30\x82\xff\xff\x01")]),
        False)
    # 16: MN-HA SA with different SPIs and an SPI over 28 bits
    add(saconf(16, sa_opaque(sfix(proto=C("PROTO_UDP"), mode=C("MODE_MNHA_UDP"), encr=C("ENCR_AES_CBC"),
                                  bits=128, integ=C("INTEG_HMAC_SHA1_96"), spi_i2r=0x10000001,
                                  spi_r2i=0x2), bytes(28 + 72))))
    # 17: AEAD with a separate integrity algorithm and AES key of 100 bits
    add(saconf(17, sa_opaque(sfix(integ=C("INTEG_HMAC_SHA1_96"), bits=100), bytes(28 + 40))))
    # 18: OPTION_AUTH with another algorithm (HMAC-MD5) in SACONFIGURATION
    add(dhcp6(C("DHCP6_MSG_SACONFIG"), 18, [
        opt(C("DHCP6_OPT_AUTH"), struct.pack("!BBBQ", 2, 1, 0, 1) + bytes(20))]), False)
    # 19: trailing octets after the last option of an SA_LIST
    add(dhcp6(C("DHCP6_MSG_REPLY"), 19, [opt(C("OPT_SA_LIST"), status(0) + b"\x01\x02")]), False)
    p.write(os.path.join(out, "psac_malformed.pcap"))


def cap_mnha(out):
    p = Pcap()
    echo = icmp6_echo(A_HOA, A_CN, 128, 0x42, 1, b"hello home")
    port = C("MNHA_UDP_PORT")
    # 1: PType 0 plaintext IPv6
    p.add(mnha_udp(A_COA, A_HA, mnha_hdr(C("MNHA_PTYPE_PLAIN"), 0, 0) + echo))
    # 2,3: PType 1, AES-128-CBC + HMAC-SHA1, seq 1 and 2
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_IP"), 1, echo, 41, bytes(range(16)))))
    echo2 = icmp6_echo(A_HOA, A_CN, 128, 0x42, 2, b"hello again")
    f3 = mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_IP"), 2, echo2, 41, bytes(range(1, 17)))
    p.add(mnha_udp(A_COA, A_HA, f3))
    # 4: PType 8, Binding Update without IP header, seq 3
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_MH"), 3, mh_bu(A_HOA, A_HA, 7),
                                             C("IPPROTO_MH"), bytes(range(2, 18)))))
    # 5: replay of frame 3
    p.add(mnha_udp(A_COA, A_HA, f3))
    # 6: gap: seq 10
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_IP"), 10, echo, 41, bytes(range(3, 19)))))
    # 7: HA to MN direction, seq 1
    reply = icmp6_echo(A_CN, A_HOA, 129, 0x42, 1, b"hello home")
    p.add(mnha_udp(A_HA, A_COA, mnha_protect(MNHA_CBC, 1, C("MNHA_PTYPE_IP"), 1, reply, 41, bytes(range(4, 20)))),
          rev=True)
    # 8: unknown PType 3
    p.add(mnha_udp(A_COA, A_HA, mnha_hdr(3, 0x123, 1) + bytes(24)))
    # 9: PType 0 with non-zero SPI and sequence
    p.add(mnha_udp(A_COA, A_HA, mnha_hdr(C("MNHA_PTYPE_PLAIN"), 0x55, 9) + echo))
    # 10: shorter than the header
    p.add(mnha_udp(A_COA, A_HA, b"\x10\x00\x01"))
    # 11: AES-128-GCM SA, PType 8 Binding Update
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_GCM, 0, C("MNHA_PTYPE_MH"), 1, mh_bu(A_HOA, A_HA, 8),
                                             C("IPPROTO_MH"), bytes.fromhex("0001020304050607"))))
    # 12: bad ICV (last octet flipped)
    bad = bytearray(mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_IP"), 11, echo, 41, bytes(range(5, 21))))
    bad[-1] ^= 0xFF
    p.add(mnha_udp(A_COA, A_HA, bytes(bad)))
    # 13: sequence 0 on a protected packet
    p.add(mnha_udp(A_COA, A_HA, mnha_hdr(C("MNHA_PTYPE_IP"), 0x999, 0) + bytes(40)))
    # 14: NULL + AES-XCBC-96 (integrity only), PType 1
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_XCBC, 0, C("MNHA_PTYPE_IP"), 1, echo, 41, b"")))
    # 15: PType 8 whose Next Header says IPv6 (mismatch)
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_CBC, 0, C("MNHA_PTYPE_MH"), 12, echo, 41, bytes(range(6, 22)))))
    # 16: another UDP port: only decoded when the port preference says so
    p.add(mnha_udp(A_COA, A_HA, mnha_hdr(C("MNHA_PTYPE_PLAIN"), 0, 0) + echo, sport=port + 100, dport=port + 100))
    # 17: DHCPv6 SACONFIGURATION inside the tunnel (PType 0)
    xid = 0x7E7E7E
    msg = dhcp6(C("DHCP6_MSG_SACONFIG"), xid, [opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A)),
                                               auth_opt(9, PSK_ID)])
    inner = udp6(A_SERVER, A_HOA, S547, S546, sign(msg))
    p.add(mnha_udp(A_HA, A_COA, mnha_hdr(C("MNHA_PTYPE_PLAIN"), 0, 0) + inner), rev=True)
    p.write(os.path.join(out, "mnha.pcap"))


def ike_hdr(spi_i, spi_r, np, exch, flags, msgid, length):
    return spi_i + spi_r + struct.pack("!BBBBII", np, 0x20, exch, flags, msgid, length)


def ike_msg(spi_i, spi_r, exch, flags, msgid, payloads):
    """payloads: list of (type, body); chained with Next Payload."""
    out = b""
    for i, (_, body) in enumerate(payloads):
        nxt = payloads[i + 1][0] if i + 1 < len(payloads) else 0
        out += struct.pack("!BBH", nxt, 0, 4 + len(body)) + body
    first = payloads[0][0] if payloads else 0
    return ike_hdr(spi_i, spi_r, first, exch, flags, msgid, 28 + len(out)) + out


def dhcp_payload(version, msg, reserved=0):
    return struct.pack("!I", (version << 24) | reserved) + msg


def dhcpv4_discover(xid):
    bootp = struct.pack("!BBBBIHH", 1, 1, 6, 0, xid, 0, 0) + bytes(16) + MAC_B + bytes(10) + bytes(64 + 128)
    return bootp + b"\x63\x82\x53\x63" + b"\x35\x01\x01" + b"\xff"


def cap_ikev2(out):
    p = Pcap()
    si, sr = IKE_SPI_I, IKE_SPI_R
    notify = struct.pack("!BBH", 0, 0, C("IKEV2_NOTIFY_DHCP_OVER_IKE"))
    ike = lambda payloads, msgid=1, exch=35, rev=False: udp6(  # noqa: E731
        A_GW if rev else A_IKEC, A_IKEC if rev else A_GW, 500, 500,
        ike_msg(si, bytes(8) if exch == 34 else sr, exch, 0x20 if rev else 0x08, msgid, payloads))
    PT = C("IKEV2_PAYLOAD_DHCP")
    # 1: IKE_SA_INIT with the DHCP_OVER_IKE_SUPPORTED notify (41 = N)
    p.add(ike([(41, notify)], msgid=0, exch=34))
    solicit = dhcp6(C("DHCP6_MSG_SOLICIT"), 0xABCDE1, [
        opt(C("DHCP6_OPT_CLIENTID"), duid_ll(MAC_B)),
        opt(C("DHCP6_OPT_ORO"), struct.pack("!H", 23))])
    # 2: DHCPv6 Solicit in payload 200 (in clear)
    p.add(ike([(PT, dhcp_payload(C("IKEV2_DHCP_VERSION_6"), solicit))]))
    # 3: DHCPv4 DISCOVER
    p.add(ike([(PT, dhcp_payload(C("IKEV2_DHCP_VERSION_4"), dhcpv4_discover(0x01020304)))], msgid=2))
    # 4: unknown DHCP-Version and reserved not zero
    p.add(ike([(PT, dhcp_payload(5, solicit, reserved=7))], msgid=3))
    # 5: payload too short for its header
    p.add(ike([(PT, b"\x06\x00")], msgid=4))
    # 6: PSAC inside IKE: Information-Request with SA_REQUEST, after a Nonce payload (40)
    inforeq = dhcp6(C("DHCP6_MSG_INFO_REQUEST"), 0xABCDE2, [
        opt(C("OPT_SA_REQUEST"), A_TARGET +
            req_params(C("PROTO_ESP"), C("MODE_TUNNEL"), 0, C("ENCR_AES_GCM_16"), 128,
                       C("INTEG_NONE"), C("ULP_ANY"), 0x4000, 300, 0, 0))])
    p.add(ike([(40, bytes(range(16))), (PT, dhcp_payload(C("IKEV2_DHCP_VERSION_6"), inforeq))], msgid=5))
    # 7: response carrying a DHCPv6 Reply
    rep = dhcp6(C("DHCP6_MSG_REPLY"), 0xABCDE1, [opt(C("DHCP6_OPT_SERVERID"), duid_ll(MAC_A))])
    p.add(ike([(PT, dhcp_payload(C("IKEV2_DHCP_VERSION_6"), rep))], msgid=1, rev=True), rev=True)
    # 8: IKE_AUTH whose DHCP payload travels inside SK (AES-CBC-128, HMAC-SHA2-256-128)
    inner = struct.pack("!BBH", 0, 0, 4 + 4 + len(inforeq)) + dhcp_payload(C("IKEV2_DHCP_VERSION_6"), inforeq)
    padlen = (16 - (len(inner) + 1) % 16) % 16
    pt = inner + bytes(padlen) + bytes([padlen])
    iv = bytes(range(0x30, 0x40))
    enc = iv + pc.cbc_encrypt(IKE_SK_EI, iv, pt)
    sk_len = 4 + len(enc) + 16
    hdr = ike_hdr(si, sr, 46, 35, 0x08, 6, 28 + sk_len)
    body = hdr + struct.pack("!BBH", PT, 0, sk_len) + enc
    icv = hmac.new(IKE_SK_AI, body, hashlib.sha256).digest()[:16]
    p.add(udp6(A_IKEC, A_GW, 500, 500, body + icv))
    p.write(os.path.join(out, "ikev2_dhcp.pcap"))


def mhauth_msg(ident, headers, version=0, end=True):
    content = b"".join(("%s: %s\r\n" % (n, v)).encode() for n, v in headers)
    if end:
        content += b"\r\n"
    return struct.pack("!BBH", version << 5, ident, len(content)) + content


def mhauth_signed(ident, headers, label):
    """Headers then auth = HMAC-SHA256(PSK, label | msg-octets | CB)."""
    octets = b"".join(("%s: %s\r\n" % (n, v)).encode() for n, v in headers)
    mac = hmac.new(MHAUTH_PSK, label + octets + MHAUTH_CB, hashlib.sha256).hexdigest()
    return mhauth_msg(ident, headers + [("auth", mac)])


def cap_mhauth(out):
    p = Pcap()
    port = C("HAC_TLS_PORT")
    mn, hac, sport = A_COA, A_HAC, 40000
    seq = {"c": 1000, "s": 5000}

    def c2s(data, flags=0x18):
        p.add(tcp6(mn, hac, sport, port, seq["c"], 0 if flags == 0x02 else seq["s"], flags, data))
        seq["c"] += len(data) + (1 if flags & 0x02 else 0)

    def s2c(data, flags=0x18):
        p.add(tcp6(hac, mn, port, sport, seq["s"], seq["c"], flags, data), rev=True)
        seq["s"] += len(data) + (1 if flags & 0x02 else 0)

    c2s(b"", 0x02)                        # 1 SYN
    s2c(b"", 0x12)                        # 2 SYN/ACK
    c2s(b"", 0x10)                        # 3 ACK
    c2s(mhauth_msg(1, [("mn-id", "mn1@example.net"), ("auth-method", "psk"),
                       ("mn-rand", "0123456789abcdef0123456789abcdef")]))               # 4
    s2c(mhauth_msg(1, [("hac-rand", "fedcba9876543210fedcba9876543210")]))              # 5
    done_req = mhauth_signed(2, [("mn-id", "mn1@example.net"),
                                 ("mip6-suitelist", "{00,9D} {00,9C} {00,2F}")], b"MN")
    c2s(done_req[:20])                    # 6 first part
    c2s(done_req[20:])                    # 7 rest: reassembled
    s2c(mhauth_signed(2, [("status-code", "200"),
                       ("mip6-spi", "0x%x" % MNHA_MHAUTH["spi"]),
                       ("mip6-ciphersuite", "{00,9D}"),
                       ("mip6-mn-to-ha-ekey", MNHA_MHAUTH["ek"][0].hex()),
                       ("mip6-ha-to-mn-ekey", MNHA_MHAUTH["ek"][1].hex()),
                       ("mip6-sa-validity-end", "1893456000"),
                       ("mip6-sas", "1"),
                       ("mip6-haa-ip6", "2001:0db8:0000:0000:0000:0000:0000:000a"),
                       ("mip6-port", str(C("MNHA_UDP_PORT"))),
                       ("mip6-ip6-hoa", "2001:0db8:0001:0000:0000:0000:0000:0010")], b"HAC"))  # 8
    # 9: MN-HA traffic under the SA the Done response carried
    echo = icmp6_echo(A_HOA, A_CN, 128, 0x99, 1, b"keys from mhauth")
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_MHAUTH, 0, C("MNHA_PTYPE_IP"), 1, echo, 41,
                                             bytes.fromhex("1112131415161718"))))
    # 10: malformed: a line without colon, unknown header, header after auth, no empty line, version 1
    c2s(mhauth_msg(3, [("auth", "cc" * 4), ("x-extra", "1")], version=1, end=False))
    # 11: a line without a colon, then an error status
    bad = b"garbage\r\nstatus-code: 403\r\n\r\n"
    s2c(struct.pack("!BBH", 0, 3, len(bad)) + bad)
    # 12: Done request whose auth was made with another PSK
    c2s(mhauth_msg(4, [("mn-id", "mn1@example.net"), ("mip6-suitelist", "{00,2F}"), ("auth", "ab" * 32)]))
    # 13: auth and key values that are not hex at all (regression: the
    # empty byte array of a failed hex parse was wiped from a NULL buffer,
    # found by the ASan fuzz run)
    s2c(mhauth_msg(2, [("status-code", "200"), ("mip6-spi", "0x100"), ("mip6-ciphersuite", "{00,2F}"),
                       ("mip6-mn-to-ha-ekey", "zz"), ("mip6-ha-to-mn-ekey", "zz"),
                       ("auth", "zz")]))
    p.write(os.path.join(out, "mhauth.pcap"))


def tls12_prf(secret, label, seed, n):
    out, a = b"", label + seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + label + seed, hashlib.sha256).digest()
    return out[:n]


def cap_mhauth_tls(out):
    """MHAuth inside TLS 1.2 (TLS_RSA_WITH_AES_128_GCM_SHA256) on the HAC port,
    with an NSS key log, then MN-HA traffic under the keys of the Done response."""
    p = Pcap()
    port = C("HAC_TLS_PORT")
    mn, hac, sport = A_COA, A_HAC, 40100
    seq = {"c": 7000, "s": 9000}
    cr = bytes(range(0x00, 0x20))
    sr = bytes(range(0x80, 0xA0))
    master = bytes(range(0xD0, 0xD0 + 48))
    kb = tls12_prf(master, b"key expansion", sr + cr, 40)
    keys = {"c": (kb[0:16], kb[32:36]), "s": (kb[16:32], kb[36:40])}
    rseq = {"c": 0, "s": 0}
    transcript = []

    def seg(side, data, flags=0x18):
        if side == "c":
            p.add(tcp6(mn, hac, sport, port, seq["c"], 0 if flags == 0x02 else seq["s"], flags, data))
        else:
            p.add(tcp6(hac, mn, port, sport, seq["s"], seq["c"], flags, data), rev=True)
        seq[side] += len(data) + (1 if flags & 0x02 else 0)

    def record(ctype, body):
        return struct.pack("!BHH", ctype, 0x0303, len(body)) + body

    def hs(mtype, body):
        m = struct.pack("!I", (mtype << 24) | len(body)) + body
        transcript.append(m)
        return m

    def sealed(side, ctype, pt):
        key, salt = keys[side]
        explicit = struct.pack("!Q", rseq[side])
        aad = struct.pack("!QBHH", rseq[side], ctype, 0x0303, len(pt))
        ct, tag = pc.gcm_encrypt(key, salt + explicit, aad, pt)
        rseq[side] += 1
        return record(ctype, explicit + ct + tag)

    seg("c", b"", 0x02)
    seg("s", b"", 0x12)
    seg("c", b"", 0x10)
    ch = hs(1, struct.pack("!H", 0x0303) + cr + b"\x00" + struct.pack("!HH", 2, 0x009C) + b"\x01\x00")
    seg("c", record(22, ch))                                                       # 4
    sh = hs(2, struct.pack("!H", 0x0303) + sr + b"\x00" + struct.pack("!H", 0x009C) + b"\x00")
    shd = hs(14, b"")
    seg("s", record(22, sh + shd))                                                 # 5
    cke = hs(16, struct.pack("!H", 64) + bytes(range(64)))
    fin_c = tls12_prf(master, b"client finished", hashlib.sha256(b"".join(transcript)).digest(), 12)
    fin_c_msg = hs(20, fin_c)
    seg("c", record(22, cke) + record(20, b"\x01") + sealed("c", 22, fin_c_msg))   # 6
    fin_s = tls12_prf(master, b"server finished", hashlib.sha256(b"".join(transcript)).digest(), 12)
    seg("s", record(20, b"\x01") + sealed("s", 22, struct.pack("!I", (20 << 24) | 12) + fin_s))  # 7
    seg("c", sealed("c", 23, mhauth_msg(1, [("mn-id", "mn2@example.net"), ("auth-method", "psk"),
                                            ("mn-rand", "00" * 16)])))                # 8
    seg("s", sealed("s", 23, mhauth_msg(1, [("hac-rand", "11" * 16)])))              # 9
    seg("c", sealed("c", 23, mhauth_signed(2, [("mn-id", "mn2@example.net"),
                                               ("mip6-suitelist", "{00,9C}")], b"MN")))  # 10
    seg("s", sealed("s", 23, mhauth_signed(2, [
        ("status-code", "200"), ("mip6-spi", "0x%x" % MNHA_TLS["spi"]), ("mip6-ciphersuite", "{00,9C}"),
        ("mip6-mn-to-ha-ekey", MNHA_TLS["ek"][0].hex()), ("mip6-ha-to-mn-ekey", MNHA_TLS["ek"][1].hex()),
        ("mip6-sas", "1")], b"HAC")))                                               # 11
    echo = icmp6_echo(A_HOA, A_CN, 128, 0x7A, 1, b"keys from tls")
    p.add(mnha_udp(A_COA, A_HA, mnha_protect(MNHA_TLS, 0, C("MNHA_PTYPE_IP"), 1, echo, 41,
                                             bytes.fromhex("2122232425262728"))))  # 12
    p.write(os.path.join(out, "mhauth_tls.pcap"))
    with open(os.path.join(out, "mhauth_tls.keylog"), "w") as f:
        f.write("CLIENT_RANDOM %s %s\n" % (cr.hex(), master.hex()))


def main():
    pc.selftest()
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "out")
    os.makedirs(out, exist_ok=True)
    cap_saconfig(out)
    cap_inforeq(out)
    cap_rsa(out)
    cap_certs(out)
    cap_malformed(out)
    cap_mnha(out)
    cap_mnha_3des(out)
    cap_ikev2(out)
    cap_mhauth(out)
    cap_mhauth_tls(out)

    def sa_json(sa):
        return dict(spi="%x" % sa["spi"], suite="%04x" % sa["suite"],
                    mn_to_ha_ekey=sa["ek"][0].hex(), mn_to_ha_ikey=sa["ik"][0].hex(),
                    ha_to_mn_ekey=sa["ek"][1].hex(), ha_to_mn_ikey=sa["ik"][1].hex())
    keys = dict(psk_id="%08x" % PSK_ID, psk=PSK.hex(), other_psk_id="%08x" % OTHER_PSK_ID,
                other_psk=OTHER_PSK.hex(), mnha=[sa_json(MNHA_CBC), sa_json(MNHA_GCM), sa_json(MNHA_XCBC)], mnha_3des=sa_json(MNHA_3DES),
                keymat_esp=KEYMAT_ESP.hex(), req_x25519=REQ_X25519_PRIV.hex(),
                mhauth_psk=MHAUTH_PSK.hex(), mhauth_cb=MHAUTH_CB.hex(), keymat_req=KEYMAT_REQ.hex(), keymat_rsa=KEYMAT_RSA.hex(), keymat_mnha_psac=KEYMAT_MNHA_PSAC.hex(),
                ike=dict(spii=IKE_SPI_I.hex(), spir=IKE_SPI_R.hex(), sk_ei=IKE_SK_EI.hex(),
                         sk_er=IKE_SK_ER.hex(), sk_ai=IKE_SK_AI.hex(), sk_ar=IKE_SK_AR.hex()))
    with open(os.path.join(out, "keys.json"), "w") as f:
        json.dump(keys, f, indent=1)


if __name__ == "__main__":
    main()
