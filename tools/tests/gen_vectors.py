#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""Independent reference for the known-answer vectors in test_crypto.c and
test_dhcp6msg.c.

It uses only python3-cryptography and struct (no code shared with the C
implementation): it first checks the published RFC vectors typed into the C
tests against the library, then computes the PSAC vectors (PSK key wrap,
X25519 ECIES key wrap, whole SACONFIGURATION / SACONFIGURATION-REPLY / Reply
messages) from the byte layout of docs/wire-format.md and prints them as hex.

    apt-get install python3-cryptography
    python3 tools/tests/gen_vectors.py
"""
import hashlib
import hmac
import ipaddress
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey, X25519PublicKey)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

h = bytes.fromhex


def hkdf(ikm, salt, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length,
                salt=salt if salt else None, info=info).derive(ikm)


# ---- RFC 5869 A.1-A.3 ----------------------------------------------------
assert hkdf(h("0b" * 22), h("000102030405060708090a0b0c"),
            h("f0f1f2f3f4f5f6f7f8f9"), 42) == h(
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
    "34007208d5b887185865")
assert hkdf(bytes(range(0x00, 0x50)), bytes(range(0x60, 0xb0)),
            bytes(range(0xb0, 0x100)), 82) == h(
    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
    "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
    "cc30c58179ec3e87c14c01d5c1f3434f1d87")
assert hkdf(h("0b" * 22), b"", b"", 42) == h(
    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
    "9d201395faa4b61a96c8")

# ---- RFC 4231 (cases 1, 2, 3, 4, 6, 7; case 5 truncated to 128 bits) -----
HMAC = [
    (h("0b" * 20), b"Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (h("aa" * 20), h("dd" * 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), h("cd" * 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (h("aa" * 131),
     b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (h("aa" * 131),
     b"This is a test using a larger than block-size key and a larger "
     b"than block-size data. The key needs to be hashed before being "
     b"used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]
for key, data, mac in HMAC:
    assert hmac.new(key, data, hashlib.sha256).hexdigest() == mac
assert hmac.new(h("0c" * 20), b"Test With Truncation",
                hashlib.sha256).hexdigest()[:32] == \
    "a3b6167473100ee06e0c796c2955552b"

# ---- GCM spec (McGrew/Viega) test cases 4 (AES-128) and 16 (AES-256) ----
P = h("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
A = h("feedfacedeadbeeffeedfacedeadbeefabaddad2")
IV = h("cafebabefacedbaddecaf888")
K4 = h("feffe9928665731c6d6a8f9467308308")
assert AESGCM(K4).encrypt(IV, P, A) == h(
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
    "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
    "5bc94fbc3221a5db94fae95ae7121a47")
assert AESGCM(K4 + K4).encrypt(IV, P, A) == h(
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    "76fc6ece0f4e1768cddf8853bb2d551b")
assert AESGCM(bytes(32)).encrypt(bytes(12), b"", b"") == h(
    "530f8afbc74536b9a963b4f1c4cb738b")

# ---- RFC 7748 5.2 (first vector) and 6.1 --------------------------------


def x25519(priv, pub):
    return X25519PrivateKey.from_private_bytes(priv).exchange(
        X25519PublicKey.from_public_bytes(pub))


def x25519_pub(priv):
    return X25519PrivateKey.from_private_bytes(priv).public_key(
    ).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


assert x25519(h("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
              h("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")) == \
    h("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
ALICE = h("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
ALICE_PUB = h("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
BOB = h("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
BOB_PUB = h("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
SHARED = h("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
assert x25519_pub(ALICE) == ALICE_PUB and x25519_pub(BOB) == BOB_PUB
assert x25519(ALICE, BOB_PUB) == SHARED == x25519(BOB, ALICE_PUB)

# ---- PSAC vectors (docs/wire-format.md) ----------------------------------
# The fixed inputs, mirrored in the C tests.
PSK = bytes(range(0x40, 0x60))                  # 32 octets
XID = 0x123456
NONCE = h("101112131415161718191a1b")
KEYMAT = bytes(range(0xa0, 0xc8))               # 40: AES-128-GCM, 2x(16+4)
KEY_ID = 7
COUNTER = 0x0000000100000002
REALM = b"psac.example"
SERVERID = h("000200007ed90102030405060708")     # DUID-EN 32473
CLIENTID = h("00030001020000005301")             # DUID-LL


def sa_fixed(peer, keyprot, spi_i2r, spi_r2i, lifetime=3600, sport=0,
             dport=53, ulp=17):
    return (ipaddress.IPv6Address(peer).packed +
            struct.pack(">BBBBHHHBBIIIHH", 50, 1, keyprot, 0, 20, 128, 0,
                        ulp, 0, spi_i2r, spi_r2i, lifetime, sport, dport))


def opt(code, data):
    return struct.pack(">HH", code, len(data)) + data


def aad(fixed44, xid):
    return fixed44 + struct.pack(">I", xid)[1:]


def psk_wrap(psk, a, keymat, nonce):
    kek = hkdf(psk, b"", b"psac kek v1", 32)
    return nonce + AESGCM(kek).encrypt(nonce, keymat, a)


def ecies_wrap(rcpt_pub, a, keymat, eph, nonce):
    eph_pub = x25519_pub(eph)
    kek = hkdf(x25519(eph, rcpt_pub), eph_pub + rcpt_pub, b"psac ecies v1", 32)
    return eph_pub + nonce + AESGCM(kek).encrypt(nonce, keymat, a)


def auth_opt(counter, realm, key_id, mac=bytes(32)):
    return opt(11, struct.pack(">BBBQ", 2, 2, 0, counter) + realm +
               struct.pack(">I", key_id) + mac)


def signed(msg_wo_auth, counter, realm, key_id, psk):
    m = msg_wo_auth + auth_opt(counter, realm, key_id)
    mac = hmac.new(psk, m, hashlib.sha256).digest()
    return msg_wo_auth + auth_opt(counter, realm, key_id, mac)


def hdr(t, xid):
    return struct.pack(">I", t << 24 | xid)


def show(name, b):
    print("%s (%d octets):" % (name, len(b)))
    s = b.hex()
    for i in range(0, len(s), 64):
        print('\t"%s"' % s[i:i + 64])


FIX_T = sa_fixed("2001:db8::1", 2, 0x1000, 0x2000)   # target's copy
FIX_R = sa_fixed("2001:db8::53", 1, 0x1000, 0x2000)  # requestor's copy

show("kek", hkdf(PSK, b"", b"psac kek v1", 32))
show("aad", aad(FIX_T, XID))
PSK_PROT = psk_wrap(PSK, aad(FIX_T, XID), KEYMAT, NONCE)
show("psk protected", PSK_PROT)
ECIES_PROT = ecies_wrap(BOB_PUB, aad(FIX_R, XID), KEYMAT, ALICE, NONCE)
show("ecies protected (eph=alice, rcpt=bob)", ECIES_PROT)

saconf = hdr(240, XID) + opt(2, SERVERID) + \
    opt(65283, FIX_T + struct.pack(">H", len(PSK_PROT)) + PSK_PROT)
show("saconfig", signed(saconf, COUNTER, REALM, KEY_ID, PSK))

STATUS_MSG = b"installed"
reply = hdr(241, XID) + opt(2, SERVERID) + opt(1, CLIENTID) + \
    opt(13, struct.pack(">H", 0) + STATUS_MSG) + \
    opt(65284, opt(65283, FIX_T + struct.pack(">H", 0)) +
        opt(13, struct.pack(">H", 0)))
show("saconfig reply", signed(reply, 1, b"", KEY_ID, PSK))

sa_reply = hdr(7, XID) + opt(2, SERVERID) + opt(1, CLIENTID) + \
    opt(65284, opt(65283, FIX_R + struct.pack(">H", len(ECIES_PROT)) +
                   ECIES_PROT))
show("reply with sa_list", sa_reply)
