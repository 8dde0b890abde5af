#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark test suite of psac.so.

    run_tests.py --plugin PATH/psac.so --captures DIR [--only SUBSTR] [--fuzz-variants N]

Wireshark loads personal plugins only when it was not started with special
privileges, and root always counts as privileged (wsutil/privileges.c), so
neither ~/.local/lib/wireshark/plugins nor WIRESHARK_PLUGIN_DIR works for
root.  The runner therefore copies the plugin and the captures into a
private temporary HOME and, when it runs as root, starts tshark as the
unprivileged user nobody (setpriv).  The first test proves the freshly built
plugin is the one that loaded.

Output: "ok N - name" / "not ok N - name" per test, then "N passed, N failed";
the exit status is non-zero when a test failed.

What tshark prints differs between Wireshark versions in two ways the tests
meet; each is stated exactly, per version, in one place (Env):

* FT_BOOLEAN values in -T fields: "1"/"0" up to 4.0, "True"/"False" from
  4.2 on (the boolean ftype's display representation; JSON keeps 1/0).
  fields() accepts exactly the spelling of the running tshark and hands the
  tests "1"/"0"; any other spelling fails.
* The _ws.col.* fields: up to 4.0 tshark read them from the finished
  columns; from 4.2 on they are real fields, which the frame dissector adds
  before the postdissectors run (packet-frame.c, col_dissect()), so they
  hold the columns as they stood before psac's postdissector named the
  message.  Tests about the columns themselves read them with columns()
  (tshark -T tabs: the finished columns, as the packet list shows them).
"""

import argparse
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

TSHARK = os.environ.get("TSHARK", "tshark")
EDITCAP = os.environ.get("EDITCAP", "editcap")
MERGECAP = os.environ.get("MERGECAP", "mergecap")


class Fail(Exception):
    pass


class Env:
    def __init__(self, plugin, captures, majmin):
        self.tmp = tempfile.mkdtemp(prefix="psac-tests.")
        os.chmod(self.tmp, 0o755)
        self.home = os.path.join(self.tmp, "home")
        self.plugdir = os.path.join(self.home, ".local", "lib", "wireshark", "plugins", majmin, "epan")
        os.makedirs(self.plugdir)
        os.makedirs(os.path.join(self.home, ".config", "wireshark"))
        self.plugin = os.path.join(self.plugdir, "psac.so")
        shutil.copy(plugin, self.plugin)
        self.caps = os.path.join(self.tmp, "captures")
        shutil.copytree(captures, self.caps)
        # committed captures and keys (VM captures, RSA keys, TLS key logs)
        data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
        for f in os.listdir(data):
            if not os.path.exists(os.path.join(self.caps, f)):
                shutil.copy(os.path.join(data, f), self.caps)
        for root, dirs, files in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        self.keys = json.load(open(os.path.join(self.caps, "keys.json")))
        self.prefix = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self.prefix = ["setpriv", "--reuid=%d" % nobody.pw_uid, "--regid=%d" % nobody.pw_gid,
                           "--clear-groups", "--"]
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("WIRESHARK_") and k not in ("HOME", "XDG_CONFIG_HOME")}
        self.env.update(HOME=self.home, XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
                        LC_ALL="C.UTF-8", WIRESHARK_ABORT_ON_DISSECTOR_BUG="1")
        asan = os.environ.get("PSAC_ASAN_PRELOAD")
        if asan:  # the plugin is built with ASan/UBSan (make asan-fuzz): preload the runtime
            self.env.update(LD_PRELOAD=asan, ASAN_OPTIONS="detect_leaks=0:abort_on_error=1",
                            UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
        self.runs = 0
        self.cache = {}
        try:
            self.ws = self.tshark_version()
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        # -T fields spelling of FT_BOOLEAN true and false (see the docstring)
        self.bool_text = ("True", "False") if self.ws >= (4, 2) else ("1", "0")
        # _ws.col.* fields hold the columns before the postdissectors ran
        self.col_fields_before_post = self.ws >= (4, 2)
        self._bool_fields = None

    def tshark_version(self):
        rc, out, err = self.run([TSHARK, "--version"])
        first = out.splitlines()[0] if out else ""
        # "TShark (Wireshark) 4.4.19." (a Git build adds " (v4.4.19-0-g...)")
        words = first.split()
        if rc != 0 or len(words) < 3 or not words[1] == "(Wireshark)":
            raise SystemExit("cannot tell the version of %s: %r %r" % (TSHARK, first, err[-300:]))
        return tuple(int(x) for x in words[2].rstrip(".").split(".")[:2])

    def bool_fields(self):
        """Abbreviations of every registered FT_BOOLEAN field."""
        if self._bool_fields is None:
            out = self.tshark(None, "-G", "fields")
            self._bool_fields = {l.split("\t")[2] for l in out.splitlines()
                                 if l.startswith("F\t") and l.count("\t") >= 3 and l.split("\t")[3] == "FT_BOOLEAN"}
        return self._bool_fields

    def bool_value(self, field, value):
        """A -T fields value of an FT_BOOLEAN field as "1"/"0" (occurrences
        joined by "|"), after checking it is spelled exactly as this tshark
        version spells booleans."""
        if value == "":
            return value
        t, f = self.bool_text
        out = []
        for v in value.split("|"):
            if v not in (t, f):
                raise Fail("%s: %r is not how tshark %d.%d prints a boolean (%r/%r)"
                           % (field, value, self.ws[0], self.ws[1], t, f))
            out.append("1" if v == t else "0")
        return "|".join(out)

    def cap(self, name):
        return os.path.join(self.caps, name)

    def run(self, args, timeout=60):
        self.runs += 1
        p = subprocess.run(self.prefix + args, env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, cwd=self.tmp)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def tshark(self, capture, *args, check=True):
        argv = [TSHARK]
        if capture:
            argv += ["-n", "-r", self.cap(capture)]
        rc, out, err = self.run(argv + list(args))
        if check and rc != 0:
            raise Fail("tshark %s exited %d: %s" % (" ".join(args), rc, err.strip()[-500:]))
        return out

    def fields(self, capture, fields, *args):
        """Rows of -T fields output, one dict per frame keyed by field.

        tshark starts in about a second here, so one run per capture and
        set of options asks for every field of ALL_FIELDS at once and the
        result is shared by the tests that use the same options."""
        extra = tuple(f for f in fields if f not in ALL_FIELDS)
        key = (capture, tuple(args), extra)
        if key not in self.cache:
            want = ALL_FIELDS + list(extra)
            argv = ["-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"]
            for f in ["frame.number"] + want:
                argv += ["-e", f]
            out = self.tshark(capture, *(argv + list(args)))
            bools = [f for f in want if f in self.bool_fields()]
            rows = {}
            for line in out.splitlines():
                cols = line.split("\t")
                cols += [""] * (1 + len(want) - len(cols))
                row = dict(zip(want, cols[1:]))
                for f in bools:
                    row[f] = self.bool_value(f, row[f])
                rows[int(cols[0])] = row
            self.cache[key] = rows
        return {fr: {f: row[f] for f in fields} for fr, row in self.cache[key].items()}

    def columns(self, capture, *args):
        """The finished Protocol and Info columns of every frame, as the
        packet list shows them: {frame: {"Protocol": ..., "Info": ...}}."""
        key = ("columns", capture, tuple(args))
        if key not in self.cache:
            out = self.tshark(capture, "-T", "tabs", "-o",
                              'gui.column.format:"No.","%m","Protocol","%p","Info","%i"', *args)
            rows = {}
            for line in out.splitlines():
                cols = line.split("\t")
                if len(cols) != 3:
                    raise Fail("tshark -T tabs: not 3 columns: %r" % line)
                rows[int(cols[0])] = {"Protocol": cols[1], "Info": cols[2]}
            self.cache[key] = rows
        return self.cache[key]

    def psk_opts(self, psk=None, key_id=None):
        return ["-o", 'uat:psac_psk:"%s","%s"' % (key_id or self.keys["psk_id"], psk or self.keys["psk"])]

    def mnha_opts(self):
        o = []
        for s in self.keys["mnha"]:
            o += ["-o", 'uat:mnha_sa:"%s","%s","%s","%s","%s","%s"' % (
                s["spi"], s["suite"], s["mn_to_ha_ekey"], s["mn_to_ha_ikey"],
                s["ha_to_mn_ekey"], s["ha_to_mn_ikey"])]
        return o


TESTS = []

# Every field the tests read; fields() asks for all of them in one run.
ALL_FIELDS = """
_ws.col.Info _ws.col.Protocol _ws.expert.message _ws.expert.severity _ws.expert.group _ws.malformed
psac.msgtype psac.xid psac.option psac.sa.peer psac.protocol psac.mode psac.sa.keyprot psac.encr.alg
psac.encr.key_bits psac.integ.alg psac.ulp psac.sa.spi_i2r psac.sa.spi_r2i psac.lifetime psac.sel.sport
psac.sel.dport psac.sa.pkey_len psac.sa.pkey.nonce psac.sa.pkey.tag psac.sa.pkey.eph psac.sa.pkey.ciphertext
psac.auth.realm psac.auth.key_id psac.auth.replay psac.auth.hmac psac.auth.hmac.status
psac.status.code psac.status.msg psac.pubkey.alg psac.pubkey.key psac.sareq.target
psac.reqparams.flags.esn psac.reqparams.requestor_spi psac.sel.icmpv6.type psac.sel.mh_type
psac.certsrv.loc_type psac.certsrv.fqdn psac.certsrv.uri psac.certsrv.addr psac.cert.type psac.cert.der
psac.sa.unwrap psac.sa.keymat psac.sa.key.enc_i2r psac.sa.key.enc_r2i psac.sa.key.auth_i2r
x509af.serialNumber dhcpv6.msgtype dhcpv6.xid dns.qry.name
mnha.ptype mnha.spi mnha.seq mnha.seq.prev mnha.encrypted mnha.icv.good mnha.direction mnha.next_header
mnha.pad_len mnha.suite mnha.sa_source icmpv6.type icmpv6.echo.sequence_number icmpv6.echo.identifier
mip6.mhtype ipv6.src
dhcpike.version dhcpike.msg_len dhcpike.notify.supported isakmp.notify.msgtype dhcp.option.dhcp dhcp.id
mhauth.message mhauth.identifier mhauth.request mhauth.mn_id mhauth.auth_method mhauth.mn_rand
mhauth.mip6_suitelist mhauth.status_code mhauth.mip6_spi mhauth.mip6_ciphersuite mhauth.mip6_ip6_hoa
mhauth.header.name mhauth.version mhauth.length mhauth.learned_spi mhauth.auth.verified
mhauth.cb mhauth.cb.source mhauth.cb.frame tls.handshake.type
""".split()


def test(fn):
    TESTS.append(fn)
    return fn


def eq(what, got, want):
    if got != want:
        raise Fail("%s: got %r, want %r" % (what, got, want))


def contains(what, text, needle):
    if needle not in text:
        raise Fail("%s: %r not in %r" % (what, needle, text[:800]))


def absent(what, text, needle):
    if needle in text:
        raise Fail("%s: %r unexpectedly in %r" % (what, needle, text[:800]))


def expert_has(rows, frame, *needles):
    msg = rows.get(frame, {}).get("_ws.expert.message", "")
    for n in needles:
        if n not in msg:
            raise Fail("frame %d: expert %r not in %r" % (frame, n, msg))


# ---------------------------------------------------------------------------
# Loading and registration
# ---------------------------------------------------------------------------

@test
def plugin_loads_from_private_home(e):
    out = e.tshark(None, "-G", "plugins")
    line = [l for l in out.splitlines() if l.startswith("psac.so")]
    if not line:
        raise Fail("psac.so not in tshark -G plugins (plugin did not load):\n" + out)
    contains("plugin path", line[0], e.plugin)
    contains("plugin type", line[0], "dissector")


@test
def install_folders_are_those_tshark_searches(e):
    """make install's per-user and global folders (dissector/Makefile) are
    the plugin folders of the Wireshark under test plus epan/: on 4.0, 4.4
    and 4.6 alike plugins/<major>.<minor>/epan."""
    d = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = subprocess.run(["make", "-s", "--no-print-directory", "-C", d, "plugin-dirs", "HOME=" + e.home],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        raise Fail("make plugin-dirs failed:\n" + out[-2000:])
    dirs = dict(l.split(" ", 1) for l in out.splitlines() if " " in l)
    folders = {}
    for l in e.tshark(None, "-G", "folders").splitlines():
        k, _, v = l.partition(":")
        folders.setdefault(k.strip(), v.strip())
    eq("per-user folder", dirs.get("user"), folders.get("Personal Plugins", "?") + "/epan")
    eq("the runner's folder", os.path.dirname(e.plugin), dirs.get("user"))
    eq("global folder", dirs.get("global"), folders.get("Global Plugins", "?") + "/epan")


@test
def protocols_registered(e):
    out = e.tshark(None, "-G", "protocols")
    names = {l.split("\t")[2] for l in out.splitlines() if l.count("\t") >= 2}
    for p in ("psac", "dhcpike", "mhauth", "mnha"):
        if p not in names:
            raise Fail("protocol %s not registered" % p)


@test
def fields_registered(e):
    out = e.tshark(None, "-G", "fields")
    abbrevs = {l.split("\t")[2] for l in out.splitlines() if l.startswith("F\t")}
    for f in ("psac.sa.spi_i2r", "psac.reqparams.flags.esn", "psac.auth.key_id", "psac.cert.der",
              "psac.certsrv.fqdn", "psac.sel.mh_type", "dhcpike.version", "mhauth.mn_id",
              "mhauth.mip6_mn_to_ha_ekey", "mnha.spi", "mnha.icv.good"):
        if f not in abbrevs:
            raise Fail("field %s not registered" % f)


@test
def preferences_registered(e):
    out = e.tshark(None, "-G", "defaultprefs")
    for p in ("psac.opt_sa: 65283", "psac.msg_saconfig: 240", "dhcpike.payload_type: 200",
              "dhcpike.notify_type: 40960", "mhauth.tls_port: 7873",
              "psac.register_esp_sa: TRUE"):
        contains("defaultprefs", out, "#" + p)


# ---------------------------------------------------------------------------
# PSAC: SACONFIGURATION and its reply
# ---------------------------------------------------------------------------

@test
def saconfig_info_column(e):
    c = e.columns("psac_saconfig.pcap")
    eq("frame 1 Info", c[1]["Info"].split(" XID")[0], "SACONFIGURATION")
    eq("frame 2 Info", c[2]["Info"].split(" XID")[0], "SACONFIGURATION-REPLY")
    r = e.fields("psac_saconfig.pcap", ["_ws.col.Info", "psac.msgtype", "psac.xid"])
    # the _ws.col.Info field: the finished column up to 4.0, the column
    # before the postdissectors (the DHCPv6 dissector's text) from 4.2 on
    if e.col_fields_before_post:
        eq("frame 1 _ws.col.Info (4.2+)", r[1]["_ws.col.Info"].split(" XID")[0], "Message Type 240")
        eq("frame 2 _ws.col.Info (4.2+)", r[2]["_ws.col.Info"].split(" XID")[0], "Message Type 241")
    else:
        eq("frame 1 _ws.col.Info", r[1]["_ws.col.Info"], c[1]["Info"])
        eq("frame 2 _ws.col.Info", r[2]["_ws.col.Info"], c[2]["Info"])
    eq("frame 1 msgtype", r[1]["psac.msgtype"], "240")
    eq("frame 2 msgtype", r[2]["psac.msgtype"], "241")
    eq("frame 1 xid", r[1]["psac.xid"], "0x5a1234")


@test
def saconfig_named_in_plain_tshark_list(e):
    """The one-line-per-packet output names the messages (and rename_info
    turns it off).  Wireshark's packet list, which builds its columns
    without our wanted fields, is covered by rename_info_treeless() and
    shown in docs/wireshark.png, not by this test."""
    out = e.tshark("vm-roles.pcap")
    contains("list", out, "SACONFIGURATION XID")
    contains("list", out, "SACONFIGURATION-REPLY XID")
    absent("list", out, "Message Type 24")
    out = e.tshark("vm-roles.pcap", "-o", "psac.rename_info:FALSE")
    contains("rename_info off", out, "Message Type 240")


@test
def saconfig_sa_fields(e):
    f = ["psac.option", "psac.sa.peer", "psac.protocol", "psac.mode", "psac.sa.keyprot", "psac.encr.alg",
         "psac.encr.key_bits", "psac.integ.alg", "psac.ulp", "psac.sa.spi_i2r", "psac.sa.spi_r2i",
         "psac.lifetime", "psac.sel.sport", "psac.sel.dport", "psac.sa.pkey_len", "psac.sa.pkey.nonce",
         "psac.sa.pkey.tag"]
    r = e.fields("psac_saconfig.pcap", f)[1]
    want = ["65283", "2001:db8::100", "50", "1", "2", "20", "256", "0", "17", "0x1000ab01", "0x1000ab02",
            "3600", "0", "53", "100", "0a0b0c0d0e0f101112131415"]
    for name, w in zip(f, want):
        eq(name, r[name], w)
    eq("tag length", len(r["psac.sa.pkey.tag"]), 32)


@test
def saconfig_tree_text(e):
    out = e.tshark("psac_saconfig.pcap", "-V", "-Y", "frame.number == 1")
    for s in ("Message type: SACONFIGURATION (240)", "Option: Security Association (65283)",
              "Key protection: PSK (target copy) (2)", "Encryption algorithm: AES-GCM-16 (20)",
              "Lifetime: 3600 seconds", "PSAC Security Association: peer 2001:db8::100 SPI 0x1000ab01/0x1000ab02",
              "Realm: example.net"):
        contains("tree", out, s)


@test
def auth_delayed_hmac_sha256(e):
    r = e.fields("psac_saconfig.pcap", ["psac.auth.realm", "psac.auth.key_id", "psac.auth.replay",
                                         "psac.auth.hmac"])
    eq("realm", r[1]["psac.auth.realm"], "example.net")
    eq("key id", r[1]["psac.auth.key_id"], "0x00000001")
    eq("replay", r[1]["psac.auth.replay"], "1")
    eq("hmac len", len(r[1]["psac.auth.hmac"]), 64)
    eq("reply realm (empty)", r[2]["psac.auth.realm"], "")
    eq("reply replay", r[2]["psac.auth.replay"], "7")


@test
def reply_status_in_sa_list(e):
    r = e.fields("psac_saconfig.pcap", ["psac.status.code", "psac.status.msg", "_ws.expert.message"])
    eq("frame 2 status", r[2]["psac.status.code"], "0")
    # the top-level AuthFailed, then the one inside SA_LIST
    eq("frame 10 status", r[10]["psac.status.code"], "65004|65002")
    eq("frame 10 msg", r[10]["psac.status.msg"], "bad hmac|chacha")
    expert_has(r, 10, "Status AuthFailed (65004)", "Status AlgNotSupported (65002)")


@test
def display_filter_on_spi(e):
    out = e.tshark("psac_saconfig.pcap", "-Y", "psac.sa.spi_i2r == 0x1000ab01", "-T", "fields", "-e", "frame.number")
    eq("frames", out.split(), ["1", "7"])
    out = e.tshark("psac_saconfig.pcap", "-Y", "psac.msgtype == 241", "-T", "fields", "-e", "frame.number")
    eq("replies", out.split(), ["2", "10"])


@test
def sa_delete_lifetime_zero(e):
    r = e.fields("psac_saconfig.pcap", ["psac.lifetime", "psac.sa.pkey_len", "_ws.expert.message"])
    eq("lifetime", r[7]["psac.lifetime"], "0")
    eq("no key", r[7]["psac.sa.pkey_len"], "0")
    expert_has(r, 7, "Lifetime 0: this SA pair is deleted")


@test
def json_output(e):
    out = e.tshark("psac_saconfig.pcap", "-T", "json", "-Y", "frame.number == 1")
    json.loads(out)  # valid JSON (tshark repeats keys: read the text for values)
    text = " ".join(out.split())
    contains("json", text, '"psac.sa.spi_i2r": "0x1000ab01"')
    contains("json", text, '"psac.auth.key_id": "0x00000001"')
    contains("json", text, '"psac.sa.pkey.nonce": "0a:0b:0c:0d:0e:0f:10:11:12:13:14:15"')


# ---------------------------------------------------------------------------
# PSAC: requestor side, certificates
# ---------------------------------------------------------------------------

@test
def inforeq_pubkey_and_sa_request(e):
    f = ["psac.pubkey.alg", "psac.pubkey.key", "psac.sareq.target", "psac.protocol", "psac.mode",
         "psac.reqparams.flags.esn", "psac.encr.alg", "psac.integ.alg", "psac.ulp", "psac.reqparams.requestor_spi",
         "psac.lifetime", "psac.sel.icmpv6.type", "psac.sel.mh_type", "psac.sel.mh_type_back"]
    r = e.fields("psac_inforeq.pcap", f)[1]
    eq("pk alg", r["psac.pubkey.alg"], "1")
    eq("pk len", len(r["psac.pubkey.key"]), 64)
    eq("target", r["psac.sareq.target"], "2001:db8::53")
    eq("protocols", r["psac.protocol"], "50|50|50")
    eq("modes", r["psac.mode"], "1|2|1")
    eq("esn", r["psac.reqparams.flags.esn"], "1|0|0")
    eq("encr", r["psac.encr.alg"], "20|12|28")
    eq("integ", r["psac.integ.alg"], "0|12|0")
    eq("ulp", r["psac.ulp"], "17|58|135")
    eq("requestor spi", r["psac.reqparams.requestor_spi"], "0x2000cd01|0x00000000|0x00000000")
    eq("lifetimes", r["psac.lifetime"], "3600|4294967295|600")
    eq("icmpv6 type", r["psac.sel.icmpv6.type"], "128")
    eq("mh type", r["psac.sel.mh_type"], "5")
    eq("mh type back", r["psac.sel.mh_type_back"], "6")


@test
def inforeq_value_strings(e):
    out = e.tshark("psac_inforeq.pcap", "-V", "-Y", "frame.number == 1")
    for s in ("PK-Alg: X25519 (1)", "ICMPv6 type: Echo Request (128)", "MH type: Binding Update (5)", "MH type back: Binding Acknowledgement (6)",
              "Encryption algorithm: ChaCha20-Poly1305 (28)", "Integrity algorithm: HMAC-SHA2-256-128 (12)",
              "Lifetime: Infinity (0xffffffff)", "Upper-layer protocol: Mobility Header (135)",
              "Mode: Tunnel (2)", "Extended Sequence Numbers: True"):
        contains("tree", out, s)


@test
def reply_sa_list_x25519(e):
    r = e.fields("psac_inforeq.pcap", ["psac.sa.keyprot", "psac.sa.pkey.eph", "psac.sa.pkey.ciphertext",
                                        "psac.sa.peer", "psac.status.code", "_ws.expert.message"])
    eq("keyprot", r[2]["psac.sa.keyprot"], "1")
    eq("eph len", len(r[2]["psac.sa.pkey.eph"]), 64)
    eq("ct len", len(r[2]["psac.sa.pkey.ciphertext"]), 144)
    eq("peer", r[2]["psac.sa.peer"], "2001:db8::53")
    eq("status", r[2]["psac.status.code"], "0")
    absent("no expert", r[2]["_ws.expert.message"], "length")


@test
def relayed_message_decorated(e):
    r = e.fields("psac_inforeq.pcap", ["dhcpv6.msgtype", "psac.sareq.target", "psac.encr.alg"])
    eq("relay msgtypes", r[3]["dhcpv6.msgtype"], "12|11")
    eq("target in relayed msg", r[3]["psac.sareq.target"], "2001:db8::53")
    eq("req params in relayed msg", r[3]["psac.encr.alg"], "20|12|28")


@test
def certificate_options_in_ia_pd(e):
    r = e.fields("psac_certs.pcap", ["psac.pubkey.alg", "psac.certsrv.loc_type", "psac.certsrv.fqdn",
                                      "psac.certsrv.uri", "psac.certsrv.addr", "psac.cert.type",
                                      "x509af.serialNumber", "_ws.expert.message"])
    eq("pubkey in IA_PD", r[1]["psac.pubkey.alg"], "1")
    eq("locators", r[2]["psac.certsrv.loc_type"], "2|3|1")
    eq("fqdn", r[2]["psac.certsrv.fqdn"], "ca.example.net")
    eq("uri", r[2]["psac.certsrv.uri"], "https://ca.example.net/est")
    eq("addr", r[2]["psac.certsrv.addr"], "2001:db8::ca")
    eq("cert types", r[2]["psac.cert.type"], "1|1")
    if not r[2]["x509af.serialNumber"].startswith("1092|"):  # 4242
        raise Fail("X.509 dissector not reached: serialNumber %r" % r[2]["x509af.serialNumber"])
    eq("no expert", r[2]["_ws.expert.message"], "")


@test
def certificate_tree_shows_subject(e):
    out = e.tshark("psac_certs.pcap", "-V", "-Y", "frame.number == 2")
    contains("tree", out, "router1.example.net")
    contains("tree", out, "PSAC Test CA")
    contains("tree", out, "Option: Certificate (65286)")


# ---------------------------------------------------------------------------
# PSAC: malformed input, one case per frame
# ---------------------------------------------------------------------------

MALFORMED = {
    1: ["Security Association: length 40, needs at least 46"],
    2: ["Requestor's Parameters: length 20, must be 24"],
    3: ["Option length 200 exceeds the 24 octets left in the SA Request"],
    4: ["Unknown key protection algorithm 9", "Unknown encryption algorithm 99"],
    5: ["X25519 public key is 31 octets, must be 32"],
    6: ["Requestor's Parameters belong inside an SA Request"],
    7: ["Reserved field is not zero"],
    8: ["Option 1 is not expected inside SA List"],
    9: ["without delayed HMAC-SHA256 authentication"],
    10: ["Delayed HMAC-SHA256 authentication: length 21, needs at least 47"],
    11: ["Protected-Key-Len 500 exceeds the 100 octets left"],
    12: ["Key material is 40 octets, AES-GCM-16/256 + None (AEAD) needs 72"],
    13: ["Unknown locator type 9"],
    14: ["Bad label length 5 in FQDN"],
    16: ["An MN-HA SA uses the same SPI in both directions", "An MN-HA SPI has 28 bits"],
    17: ["AEAD cipher with a separate integrity algorithm", "Key size 100 bits is not valid for AES-GCM-16"],
    18: ["PSAC needs delayed authentication (protocol 2) with HMAC-SHA256 (algorithm 2), not 2/1"],
    19: ["2 octets after the last option of the SA List"],
}


@test
def malformed_expert_infos(e):
    r = e.fields("psac_malformed.pcap", ["_ws.expert.message"])
    for frame, needles in MALFORMED.items():
        expert_has(r, frame, *needles)


@test
def malformed_expert_severity(e):
    r = e.fields("psac_malformed.pcap", ["_ws.expert.severity", "_ws.expert.group"])
    # 0x00800000 = PI_ERROR, 0x07000000 = PI_MALFORMED (epan/proto.h)
    if "8388608" not in r[1]["_ws.expert.severity"].split("|"):
        raise Fail("short SA not flagged as error: %r" % r[1])
    if "117440512" not in r[1]["_ws.expert.group"].split("|"):
        raise Fail("short SA not in the Malformed group: %r" % r[1])


@test
def malformed_der_contained(e):
    r = e.fields("psac_malformed.pcap", ["psac.cert.type", "psac.cert.der", "_ws.malformed"])
    eq("cert type still decoded", r[15]["psac.cert.type"], "1")
    eq("der", r[15]["psac.cert.der"], "308200ffff01"[:0] + "3082ffff01")


@test
def good_captures_have_no_psac_warnings(e):
    for cap in ("psac_inforeq.pcap", "psac_certs.pcap"):
        out = e.tshark(cap, "-Y", "_ws.expert.severity >= 6291456 && (psac || dhcpv6)", "-T", "fields",
                       "-e", "frame.number", "-e", "_ws.expert.message")
        eq(cap + " warnings", out.strip(), "")


@test
def pref_option_code_moves(e):
    r = e.fields("psac_saconfig.pcap", ["psac.sa.peer", "psac.auth.key_id"], "-o", "psac.opt_sa:65290")
    eq("SA not decoded under another code", r[1]["psac.sa.peer"], "")
    eq("AUTH still decoded", r[1]["psac.auth.key_id"], "0x00000001")
    r = e.fields("psac_saconfig.pcap", ["_ws.col.Info", "psac.msgtype"], "-o", "psac.msg_saconfig:250")
    eq("msgtype not recognised", r[1]["psac.msgtype"], "")
    contains("Info", r[1]["_ws.col.Info"], "Message Type 240")
    c = e.columns("psac_saconfig.pcap", "-o", "psac.msg_saconfig:250")
    contains("Info column", c[1]["Info"], "Message Type 240")


# ---------------------------------------------------------------------------
# PSAC: PSK, HMAC verification, key unwrap and ESP chaining
# ---------------------------------------------------------------------------

@test
def hmac_verified_with_psk(e):
    r = e.fields("psac_saconfig.pcap", ["psac.auth.hmac.status", "_ws.expert.message"], *e.psk_opts())
    for fr in (1, 2, 5, 7, 10):
        eq("frame %d hmac" % fr, r[fr]["psac.auth.hmac.status"], "1")
        expert_has(r, fr, "HMAC verified")
    eq("frame 8 hmac", r[8]["psac.auth.hmac.status"], "0")
    expert_has(r, 8, "HMAC does not verify with the PSK of Key-ID 0x00000001")
    eq("frame 9 no key", r[9]["psac.auth.hmac.status"], "")
    expert_has(r, 9, "No PSK configured for Key-ID 0x00000099")


@test
def no_psk_no_verdict(e):
    r = e.fields("psac_saconfig.pcap", ["psac.auth.hmac.status", "psac.sa.unwrap", "psac.sa.keymat"])
    for fr, row in r.items():
        eq("frame %d" % fr, (row["psac.auth.hmac.status"], row["psac.sa.unwrap"], row["psac.sa.keymat"]),
           ("", "", ""))


@test
def sa_key_unwrapped(e):
    r = e.fields("psac_saconfig.pcap", ["psac.sa.unwrap", "psac.sa.keymat", "psac.sa.key.enc_i2r",
                                         "psac.sa.key.enc_r2i", "psac.sa.key.auth_i2r"], *e.psk_opts())
    km = e.keys["keymat_esp"]
    eq("unwrap", r[1]["psac.sa.unwrap"], "1")
    eq("keymat", r[1]["psac.sa.keymat"], km)
    eq("Ke(I2R)", r[1]["psac.sa.key.enc_i2r"], km[:72])
    eq("Ke(R2I)", r[1]["psac.sa.key.enc_r2i"], km[72:])
    eq("no Ka for GCM", r[1]["psac.sa.key.auth_i2r"], "")
    km2 = e.keys["keymat_mnha_psac"]
    eq("mnha keymat", r[5]["psac.sa.keymat"], km2)
    eq("mnha ikey I2R", r[5]["psac.sa.key.auth_i2r"], km2[32:72])


@test
def sa_unwrap_fails_with_wrong_psk(e):
    r = e.fields("psac_saconfig.pcap", ["psac.sa.unwrap", "psac.sa.keymat", "_ws.expert.message"],
                 *e.psk_opts(psk=e.keys["other_psk"]))
    eq("unwrap", r[1]["psac.sa.unwrap"], "0")
    eq("no keymat", r[1]["psac.sa.keymat"], "")
    expert_has(r, 1, "Protected key does not unwrap with the configured PSK")


@test
def esp_decrypts_after_psac(e):
    r = e.fields("psac_saconfig.pcap", ["dns.qry.name"], "-o", "esp.enable_encryption_decode:TRUE",
                 *e.psk_opts())
    eq("I2R ESP", r[3]["dns.qry.name"], "chained.example.net")
    eq("R2I ESP", r[4]["dns.qry.name"], "back.example.net")
    r = e.fields("psac_saconfig.pcap", ["dns.qry.name"], "-o", "esp.enable_encryption_decode:TRUE")
    eq("no PSK, no DNS", r[3]["dns.qry.name"], "")
    r = e.fields("psac_saconfig.pcap", ["dns.qry.name"], "-o", "esp.enable_encryption_decode:TRUE",
                 "-o", "psac.register_esp_sa:FALSE", *e.psk_opts())
    eq("hand-off disabled, no DNS", r[3]["dns.qry.name"], "")


@test
def mnha_decrypts_after_psac(e):
    r = e.fields("psac_saconfig.pcap", ["mnha.icv.good", "mnha.sa_source", "icmpv6.echo.sequence_number"],
                 *e.psk_opts())
    eq("icv", r[6]["mnha.icv.good"], "1")
    eq("sa source", r[6]["mnha.sa_source"], "1")
    eq("inner echo", r[6]["icmpv6.echo.sequence_number"], "1")
    r = e.fields("psac_saconfig.pcap", ["mnha.icv.good", "_ws.expert.message"])
    expert_has(r, 6, "No SA for SPI 0x0000abc")


@test
def x25519_requestor_copy_unwrapped(e):
    x = ["-o", 'uat:psac_x25519:"%s","requestor 1"' % e.keys["req_x25519"]]
    r = e.fields("psac_inforeq.pcap", ["psac.sa.unwrap", "psac.sa.keymat", "_ws.expert.message"], *x)
    eq("unwrap", r[2]["psac.sa.unwrap"], "1")
    eq("keymat", r[2]["psac.sa.keymat"], e.keys["keymat_req"])
    expert_has(r, 2, "Protected key unwrapped with the X25519 key of public key")
    bad = ["-o", 'uat:psac_x25519:"%s",""' % ("11" * 32)]
    r = e.fields("psac_inforeq.pcap", ["psac.sa.unwrap", "_ws.expert.message"], *bad)
    eq("wrong key", r[2]["psac.sa.unwrap"], "0")
    expert_has(r, 2, "Protected key does not unwrap with the configured X25519 keys")


@test
def esp_decrypts_after_requestor_copy(e):
    x = ["-o", 'uat:psac_x25519:"%s",""' % e.keys["req_x25519"], "-o", "esp.enable_encryption_decode:TRUE"]
    r = e.fields("psac_inforeq.pcap", ["dns.qry.name"], *x)
    eq("I2R", r[4]["dns.qry.name"], "x25519.example.net")
    eq("R2I", r[5]["dns.qry.name"], "reply.example.net")


@test
def rsa_oaep_requestor_copy_unwrapped(e):
    """Key-Prot-Alg 3: RSAES-OAEP-SHA256 with the AAD as label, key from a PEM file."""
    x = ["-o", 'uat:psac_rsa:"%s","requestor rsa"' % e.cap("rsa-req.pem")]
    r = e.fields("psac_rsa.pcap", ["psac.pubkey.alg", "psac.sa.keyprot", "psac.sa.unwrap", "psac.sa.keymat",
                                    "psac.sa.key.enc_i2r", "_ws.expert.message"], *x)
    eq("RSA CLIENT_PUBKEY", r[1]["psac.pubkey.alg"], "2")
    eq("keyprot", r[2]["psac.sa.keyprot"], "3")
    eq("unwrap", r[2]["psac.sa.unwrap"], "1")
    eq("keymat", r[2]["psac.sa.keymat"], e.keys["keymat_rsa"])
    eq("Ke(I2R) with salt", r[2]["psac.sa.key.enc_i2r"], e.keys["keymat_rsa"][:40])
    expert_has(r, 2, "Protected key unwrapped with the RSA key")
    # SPI changed after wrapping: the OAEP label (AAD) check fails
    eq("tampered AAD", r[4]["psac.sa.unwrap"], "0")
    expert_has(r, 4, "Protected key does not unwrap with the configured RSA keys")


@test
def rsa_oaep_keys_chain_to_esp(e):
    x = ["-o", 'uat:psac_rsa:"%s",""' % e.cap("rsa-req.pem"), "-o", "esp.enable_encryption_decode:TRUE"]
    r = e.fields("psac_rsa.pcap", ["dns.qry.name"], *x)
    eq("ESP after the RSA-wrapped SA", r[3]["dns.qry.name"], "rsa.example.net")
    # the same key as PKCS#1 DER
    x = ["-o", 'uat:psac_rsa:"%s",""' % e.cap("rsa-req-pkcs1.der"), "-o", "esp.enable_encryption_decode:TRUE"]
    r = e.fields("psac_rsa.pcap", ["dns.qry.name", "psac.sa.unwrap"], *x)
    eq("PKCS#1 DER key", (r[2]["psac.sa.unwrap"], r[3]["dns.qry.name"]), ("1", "rsa.example.net"))
    r = e.fields("psac_rsa.pcap", ["dns.qry.name", "psac.sa.unwrap"], "-o", "esp.enable_encryption_decode:TRUE")
    eq("no key, no ESP", r[3]["dns.qry.name"], "")
    eq("no key, no verdict", r[2]["psac.sa.unwrap"], "")


@test
def rsa_oaep_wrong_key_fails(e):
    x = ["-o", 'uat:psac_rsa:"%s",""' % e.cap("rsa-other.pem")]
    r = e.fields("psac_rsa.pcap", ["psac.sa.unwrap", "psac.sa.keymat", "_ws.expert.message"], *x)
    eq("other RSA key", r[2]["psac.sa.unwrap"], "0")
    eq("no keymat", r[2]["psac.sa.keymat"], "")
    expert_has(r, 2, "Protected key does not unwrap with the configured RSA keys")


# ---------------------------------------------------------------------------
# MN-HA UDP encapsulation
# ---------------------------------------------------------------------------

@test
def mnha_header_fields(e):
    r = e.fields("mnha.pcap", ["mnha.ptype", "mnha.spi", "mnha.seq"])
    eq("plain", (r[1]["mnha.ptype"], r[1]["mnha.spi"], r[1]["mnha.seq"]), ("0", "0x00000000", "0"))
    eq("ptype 1", (r[2]["mnha.ptype"], r[2]["mnha.spi"], r[2]["mnha.seq"]), ("1", "0x00000123", "1"))
    eq("ptype 8", (r[4]["mnha.ptype"], r[4]["mnha.seq"]), ("8", "3"))
    eq("gcm spi", r[11]["mnha.spi"], "0x00000456")


@test
def mnha_plaintext_inner_ipv6(e):
    r = e.fields("mnha.pcap", ["ipv6.src", "icmpv6.type", "_ws.col.Protocol"])
    eq("inner src", r[1]["ipv6.src"], "2001:db8:ff::10|2001:db8:1::10")
    eq("icmpv6", r[1]["icmpv6.type"], "128")


@test
def mnha_without_sa(e):
    r = e.fields("mnha.pcap", ["mnha.encrypted", "icmpv6.type", "_ws.expert.message"])
    expert_has(r, 2, "No SA for SPI 0x0000123")
    eq("no inner", r[2]["icmpv6.type"], "")
    if not r[2]["mnha.encrypted"]:
        raise Fail("encrypted data missing")


@test
def mnha_decrypt_with_uat(e):
    r = e.fields("mnha.pcap", ["mnha.icv.good", "mnha.direction", "mnha.next_header", "mnha.pad_len",
                               "icmpv6.type", "mip6.mhtype", "mnha.suite", "mnha.sa_source"], *e.mnha_opts())
    eq("f2 icv", r[2]["mnha.icv.good"], "1")
    eq("f2 inner", r[2]["icmpv6.type"], "128")
    eq("f2 nh", r[2]["mnha.next_header"], "41")
    eq("f2 suite", r[2]["mnha.suite"], "0x002f")
    eq("f2 from uat", r[2]["mnha.sa_source"], "0")
    eq("f4 BU", r[4]["mip6.mhtype"], "5")
    eq("f4 nh", r[4]["mnha.next_header"], "135")
    eq("f7 HA to MN", (r[7]["mnha.direction"], r[7]["icmpv6.type"]), ("1", "129"))
    eq("f11 GCM BU", (r[11]["mnha.icv.good"], r[11]["mip6.mhtype"], r[11]["mnha.suite"]), ("1", "5", "0x009c"))
    eq("f14 XCBC", (r[14]["mnha.icv.good"], r[14]["icmpv6.type"]), ("1", "128"))


@test
def mnha_3des_cbc_hmac_sha1_decrypts(e):
    s = e.keys["mnha_3des"]
    u = ["-o", 'uat:mnha_sa:"%s","%s","%s","%s","%s","%s"' % (
        s["spi"], s["suite"], s["mn_to_ha_ekey"], s["mn_to_ha_ikey"], s["ha_to_mn_ekey"], s["ha_to_mn_ikey"])]
    f = ["mnha.icv.good", "mnha.direction", "mnha.suite", "mnha.pad_len", "mnha.next_header", "icmpv6.type",
         "icmpv6.echo.identifier", "icmp.type", "_ws.expert.message"]
    r = e.fields("mnha_3des.pcap", f, *u)
    eq("suite", r[1]["mnha.suite"], "0x000a")
    eq("MN to HA", (r[1]["mnha.icv.good"], r[1]["mnha.direction"], r[1]["icmpv6.type"],
                    r[1]["icmpv6.echo.identifier"]), ("1", "0", "128", "0x003d"))
    eq("padding to the 8-octet 3DES block", r[1]["mnha.pad_len"], "4")
    eq("HA to MN", (r[2]["mnha.icv.good"], r[2]["mnha.direction"], r[2]["icmpv6.type"]), ("1", "1", "129"))
    eq("IPv4 inside", (r[3]["mnha.icv.good"], r[3]["mnha.next_header"], r[3]["icmp.type"]), ("1", "4", "8"))
    eq("flipped ICV", r[4]["mnha.icv.good"], "0")
    expert_has(r, 4, "ICV does not verify")
    r = e.fields("mnha_3des.pcap", ["mnha.icv.good", "icmpv6.type"])
    eq("no SA, no plaintext", (r[1]["mnha.icv.good"], r[1]["icmpv6.type"]), ("", ""))


@test
def mnha_bad_icv_and_nh_mismatch(e):
    r = e.fields("mnha.pcap", ["mnha.icv.good", "icmpv6.type", "_ws.expert.message"], *e.mnha_opts())
    eq("f12 icv", r[12]["mnha.icv.good"], "0")
    expert_has(r, 12, "ICV does not verify with either direction's keys")
    eq("f12 no inner", r[12]["icmpv6.type"], "")
    expert_has(r, 15, "Next Header 41 does not go with PType 8")


@test
def mnha_sequence_analysis(e):
    for two_pass in ([], ["-2"]):
        r = e.fields("mnha.pcap", ["mnha.seq.prev", "_ws.expert.message"], *two_pass)
        expert_has(r, 5, "Sequence number 2 already seen (highest 3): replay")
        expert_has(r, 6, "Sequence number 10 after 3: 6 packet(s) missing")
        absent("frame 3 clean", r[3]["_ws.expert.message"], "Sequence")
        absent("frame 7 other direction", r[7]["_ws.expert.message"], "Sequence")


@test
def mnha_malformed(e):
    r = e.fields("mnha.pcap", ["_ws.expert.message"])
    expert_has(r, 8, "Unknown PType 3")
    expert_has(r, 9, "PType 0 needs SPI 0 and sequence number 0")
    expert_has(r, 10, "3 octets, the header alone has 8")
    expert_has(r, 13, "Sequence numbers start at 1")


@test
def mnha_port_preference(e):
    r = e.fields("mnha.pcap", ["mnha.ptype"])
    eq("port 7972 not mnha by default", r[16]["mnha.ptype"], "")
    r = e.fields("mnha.pcap", ["mnha.ptype", "icmpv6.type"], "-o", "mnha.udp.port:7972")
    eq("port 7972 with preference", (r[16]["mnha.ptype"], r[16]["icmpv6.type"]), ("0", "128"))


@test
def psac_inside_mnha_tunnel(e):
    r = e.fields("mnha.pcap", ["psac.msgtype", "psac.auth.hmac.status", "_ws.col.Info"], *e.psk_opts())
    eq("msgtype", r[17]["psac.msgtype"], "240")
    eq("hmac", r[17]["psac.auth.hmac.status"], "1")
    c = e.columns("mnha.pcap", *e.psk_opts())
    eq("Info column", c[17]["Info"], "Plaintext IP packet SPI=0x0000000 Seq=0 | SACONFIGURATION XID: 0x7e7e7e ")
    # _ws.col.Info: before the postdissectors from 4.2 on (see saconfig_info_column)
    eq("_ws.col.Info", r[17]["_ws.col.Info"],
       c[17]["Info"].replace("SACONFIGURATION", "Message Type 240") if e.col_fields_before_post else c[17]["Info"])


# ---------------------------------------------------------------------------
# DHCP over IKEv2
# ---------------------------------------------------------------------------

@test
def dhcpike_notify(e):
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.notify.supported", "isakmp.notify.msgtype"])
    eq("notify", r[1]["isakmp.notify.msgtype"], "40960")
    if "dhcpike.notify.supported" not in e.tshark("ikev2_dhcp.pcap", "-Y", "dhcpike.notify.supported",
                                                  "-T", "json"):
        raise Fail("notify not named")


@test
def dhcpike_dhcpv6_payload(e):
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.version", "dhcpike.msg_len", "dhcpv6.msgtype", "dhcpv6.xid",
                                     "_ws.col.Protocol", "_ws.col.Info"])
    eq("version", r[2]["dhcpike.version"], "6")
    eq("msgtype", r[2]["dhcpv6.msgtype"], "1")
    eq("xid", r[2]["dhcpv6.xid"], "0xabcde1")
    eq("protocol column kept", r[2]["_ws.col.Protocol"], "ISAKMP")
    contains("info column kept", r[2]["_ws.col.Info"], "IKE_AUTH MID=01 Initiator Request")
    absent("info column kept", r[2]["_ws.col.Info"], "Solicit")
    eq("response", r[7]["dhcpv6.msgtype"], "7")
    # From 4.2 on the _ws.col.* fields predate the postdissector that hands
    # the payload to DHCPv6: the finished columns must be unchanged too.
    c = e.columns("ikev2_dhcp.pcap")
    eq("finished protocol column kept", c[2]["Protocol"], "ISAKMP")
    eq("finished info column kept", c[2]["Info"], r[2]["_ws.col.Info"])


@test
def dhcpike_dhcpv4_payload(e):
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.version", "dhcp.option.dhcp", "dhcp.id"])
    eq("version", r[3]["dhcpike.version"], "4")
    eq("discover", r[3]["dhcp.option.dhcp"], "1")
    eq("xid", r[3]["dhcp.id"], "0x01020304")


@test
def dhcpike_malformed(e):
    r = e.fields("ikev2_dhcp.pcap", ["dhcpv6.msgtype", "_ws.expert.message"])
    expert_has(r, 4, "Unknown DHCP-Version 5", "Reserved field is not zero")
    eq("nothing handed on", r[4]["dhcpv6.msgtype"], "")
    expert_has(r, 5, "DHCP payload of 6 octets has no room for its 8-octet header")


@test
def psac_inside_ike(e):
    r = e.fields("ikev2_dhcp.pcap", ["psac.sareq.target", "psac.mode", "psac.encr.key_bits"])
    eq("target", r[6]["psac.sareq.target"], "2001:db8::53")
    eq("mode", r[6]["psac.mode"], "2")
    eq("bits", r[6]["psac.encr.key_bits"], "128")


@test
def dhcpike_inside_decrypted_sk(e):
    k = e.keys["ike"]
    uat = ('uat:ikev2_decryption_table:%s,%s,%s,%s,"AES-CBC-128 [RFC3602]",%s,%s,"HMAC_SHA2_256_128 [RFC4868]"'
           % (k["spii"], k["spir"], k["sk_ei"], k["sk_er"], k["sk_ai"], k["sk_ar"]))
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.version", "dhcpv6.msgtype", "psac.sareq.target", "_ws.col.Info"],
                 "-o", uat)
    eq("version", r[8]["dhcpike.version"], "6")
    eq("msgtype", r[8]["dhcpv6.msgtype"], "11")
    eq("psac in SK", r[8]["psac.sareq.target"], "2001:db8::53")
    contains("info column kept", r[8]["_ws.col.Info"], "IKE_AUTH MID=06")
    c = e.columns("ikev2_dhcp.pcap", "-o", uat)
    eq("finished info column kept", c[8]["Info"], r[8]["_ws.col.Info"])
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.version"])
    eq("without keys", r[8]["dhcpike.version"], "")


@test
def dhcpike_payload_type_preference(e):
    r = e.fields("ikev2_dhcp.pcap", ["dhcpike.version"], "-o", "dhcpike.payload_type:201")
    eq("not decoded under another type", r[2]["dhcpike.version"], "")


# ---------------------------------------------------------------------------
# MHAuth
# ---------------------------------------------------------------------------

MH = ["-d", "tcp.port==7873,mhauth"]


@test
def mhauth_default_is_tls(e):
    r = e.fields("mhauth.pcap", ["_ws.col.Protocol", "mhauth.identifier"])
    eq("TLS on the HAC port", r[4]["_ws.col.Protocol"] in ("TLS", "SSL"), True)
    eq("no plaintext mhauth", r[4]["mhauth.identifier"], "")


@test
def mhauth_messages(e):
    r = e.fields("mhauth.pcap", ["mhauth.message", "mhauth.identifier", "mhauth.request", "_ws.col.Info"], *MH)
    eq("f4", (r[4]["mhauth.message"], r[4]["mhauth.identifier"], r[4]["mhauth.request"]), ("0x10", "1", "1"))
    eq("f5", r[5]["mhauth.message"], "0x00")
    eq("f7 reassembled Done request", r[7]["mhauth.message"], "0x12")
    eq("f8 Done response", r[8]["mhauth.message"], "0x02")
    contains("Info", r[8]["_ws.col.Info"], "MHAuth-Done Response (Id 2)")
    contains("Info", r[4]["_ws.col.Info"], "MHAuth-Init Request (Id 1)")


@test
def mhauth_header_fields(e):
    r = e.fields("mhauth.pcap", ["mhauth.mn_id", "mhauth.auth_method", "mhauth.mn_rand", "mhauth.mip6_suitelist",
                                 "mhauth.status_code", "mhauth.mip6_spi", "mhauth.mip6_ciphersuite",
                                 "mhauth.mip6_ip6_hoa", "mhauth.header.name", "mhauth.version",
                                 "mhauth.length"], *MH)
    eq("mn-id", r[4]["mhauth.mn_id"], "mn1@example.net")
    eq("auth-method", r[4]["mhauth.auth_method"], "psk")
    eq("mn-rand", r[4]["mhauth.mn_rand"], "0123456789abcdef0123456789abcdef")
    eq("names", r[4]["mhauth.header.name"], "mn-id|auth-method|mn-rand")
    eq("version", r[4]["mhauth.version"], "0")
    eq("suitelist", r[7]["mhauth.mip6_suitelist"], "{00,9D} {00,9C} {00,2F}")
    eq("status", r[8]["mhauth.status_code"], "200")
    eq("spi", r[8]["mhauth.mip6_spi"], "0x789")
    eq("suite", r[8]["mhauth.mip6_ciphersuite"], "{00,9D}")
    eq("hoa", r[8]["mhauth.mip6_ip6_hoa"], "2001:0db8:0001:0000:0000:0000:0000:0010")


@test
def mhauth_keys_chain_to_mnha(e):
    r = e.fields("mhauth.pcap", ["mhauth.learned_spi", "mnha.icv.good", "mnha.sa_source", "icmpv6.echo.identifier"],
                 *MH)
    eq("learned", r[8]["mhauth.learned_spi"], "0x00000789")
    eq("decrypted", (r[9]["mnha.icv.good"], r[9]["mnha.sa_source"], r[9]["icmpv6.echo.identifier"]),
       ("1", "2", "0x0099"))
    r = e.fields("mhauth.pcap", ["mnha.icv.good"])
    eq("without MHAuth decode, no key", r[9]["mnha.icv.good"], "")


@test
def mhauth_psk_auth_verified(e):
    u = ["-o", 'uat:mhauth_psk:"mn1@example.net","%s","%s"' % (e.keys["mhauth_psk"], e.keys["mhauth_cb"])]
    r = e.fields("mhauth.pcap", ["mhauth.auth.verified", "_ws.expert.message"], *(MH + u))
    eq("MN Done request", r[7]["mhauth.auth.verified"], "1")
    eq("HAC Done response", r[8]["mhauth.auth.verified"], "1")
    expert_has(r, 8, "auth HMAC verified")
    eq("forged", r[12]["mhauth.auth.verified"], "0")
    expert_has(r, 12, "auth does not verify with the configured PSK (MN label)")
    bad_cb = ["-o", 'uat:mhauth_psk:"","%s","%s"' % (e.keys["mhauth_psk"], "00" * 32)]
    r = e.fields("mhauth.pcap", ["mhauth.auth.verified"], *(MH + bad_cb))
    eq("wrong channel binding", r[7]["mhauth.auth.verified"], "0")
    r = e.fields("mhauth.pcap", ["mhauth.auth.verified"], *MH)
    eq("no PSK, no verdict", r[7]["mhauth.auth.verified"], "")


@test
def mhauth_in_decrypted_tls(e):
    kl = ["-o", "tls.keylog_file:" + e.cap("mhauth_tls.keylog")]
    u = ["-o", 'uat:mhauth_psk:"mn2@example.net","%s","%s"' % (e.keys["mhauth_psk"], e.keys["mhauth_cb"])]
    r = e.fields("mhauth_tls.pcap", ["mhauth.message", "mhauth.mn_id", "mhauth.learned_spi", "mhauth.auth.verified",
                                     "mnha.icv.good", "mnha.sa_source", "icmpv6.echo.identifier"], *(kl + u))
    eq("messages", [r[i]["mhauth.message"] for i in (8, 9, 10, 11)], ["0x10", "0x00", "0x12", "0x02"])
    eq("mn-id", r[8]["mhauth.mn_id"], "mn2@example.net")
    eq("auth", (r[10]["mhauth.auth.verified"], r[11]["mhauth.auth.verified"]), ("1", "1"))
    eq("learned", r[11]["mhauth.learned_spi"], "0x00000654")
    eq("chained", (r[12]["mnha.icv.good"], r[12]["mnha.sa_source"], r[12]["icmpv6.echo.identifier"]),
       ("1", "2", "0x007a"))
    r = e.fields("mhauth_tls.pcap", ["mhauth.message", "mnha.icv.good"])
    eq("no key log, no MHAuth", r[8]["mhauth.message"], "")
    eq("no key log, no MN-HA keys", r[12]["mnha.icv.good"], "")
    r = e.fields("mhauth_tls.pcap", ["mhauth.message"], "-o", "mhauth.tls_port:7999", *kl)
    eq("other HAC port", r[8]["mhauth.message"], "")


def mhauth_session_verified(e, pcap, keylog, psk, mn_id=""):
    """A real TLS MHAuth session: with only the key log and the PSK (empty CB
    column), the channel binding comes from the HAC certificate of the TLS
    session; the MN's and the HAC's Done messages verify, the Done response
    hands its MN-HA SA on.  Returns (rows, done-request frame, done-response
    frame, certificate frame) for more checks.  For another capture of a real
    session (e.g. the VM's mhauth-vm.pcap), call this with its key log and PSK."""
    kl = ["-o", "tls.keylog_file:" + e.cap(keylog)]
    u = ["-o", 'uat:mhauth_psk:"%s","%s",""' % (mn_id, psk)]
    f = ["mhauth.message", "mhauth.auth.verified", "mhauth.cb.source", "mhauth.cb.frame", "mhauth.cb",
         "mhauth.learned_spi", "tls.handshake.type", "_ws.expert.message"]
    r = e.fields(pcap, f, *(kl + u))
    msgs = {fr: row["mhauth.message"] for fr, row in r.items() if row["mhauth.message"]}
    for m in ("0x10", "0x00", "0x12", "0x02"):
        if m not in msgs.values():
            raise Fail("%s: no MHAuth message %s in the decrypted session: %r" % (pcap, m, msgs))
    dreq = [fr for fr, m in msgs.items() if m == "0x12"][0]
    dresp = [fr for fr, m in msgs.items() if m == "0x02"][0]
    certs = [fr for fr, row in r.items() if "11" in row["tls.handshake.type"].split("|")]
    if not certs:
        raise Fail("%s: no TLS Certificate message visible with the key log" % pcap)
    for fr in (dreq, dresp):
        eq("frame %d auth verified" % fr, r[fr]["mhauth.auth.verified"], "1")
        eq("frame %d CB from the TLS session" % fr, r[fr]["mhauth.cb.source"], "2")
        eq("frame %d CB certificate frame" % fr, r[fr]["mhauth.cb.frame"], str(certs[0]))
        expert_has(r, fr, "auth HMAC verified")
    if not r[dresp]["mhauth.learned_spi"]:
        raise Fail("%s: the Done response handed no MN-HA SA on" % pcap)
    return r, dreq, dresp, certs[0]


def tls13_keys():
    return json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "mhauth-tls13.json")))


@test
def mhauth_tls13_cb_from_session_certificate(e):
    k = tls13_keys()
    r, dreq, dresp, cert = mhauth_session_verified(e, "mhauth-tls13.pcap", "mhauth-tls13.keylog", k["psk"], k["mn_id"])
    eq("CB value (SHA-256 of the ECDSA-SHA256 HAC certificate)", r[dreq]["mhauth.cb"], k["cb"])
    eq("learned SPI", r[dresp]["mhauth.learned_spi"], k["spi"])


@test
def mhauth_vm_interop_psac_hac_mn(e):
    """The real psac hac / psac mn exchange from the VM (selftests/psac_mhauth.sh)
    verifies in the plugin: both implementations agree on msg-octets, labels and
    the tls-server-endpoint channel binding, and the MN-HA SA chains on."""
    mhauth_session_verified(e, "mhauth-vm.pcap", "mhauth-vm.keys", data_text("mhauth-vm.psk"))


@test
def vm_mhauth_remote_mode3_saconfig(e):
    """psac hac pushing MN-HA SAs over PSAC to the kernel target role (VM,
    selftests/psac_mhauth_remote.sh): OPTION_SA mode 3 / UDP decoded and
    unwrapped with the PSK, the wrong-PSK pushes flagged, PSAC status codes
    named at the top level too, and the keyless SA echo of a
    SACONFIGURATION-REPLY not called malformed."""
    f = ["psac.msgtype", "psac.mode", "psac.protocol", "psac.auth.hmac.status", "psac.sa.unwrap",
         "psac.status.code", "_ws.expert.message"]
    r = e.fields("mhauth-remote-vm.pcap", f, "-o", 'uat:psac_psk:"9","%s"' % data_text("mhauth-remote-vm.psk"))
    sc = frames(r, **{"psac.msgtype": "240"})
    rep = frames(r, **{"psac.msgtype": "241"})
    eq("SACONFIGURATION / REPLY count", (len(sc), len(rep)), (7, 7))
    for fr in sc:
        eq("frame %d: mode 3 over UDP" % fr, (r[fr]["psac.mode"], r[fr]["psac.protocol"]), ("3", "17"))
    eq("three pushes with a wrong PSK, then good ones",
       [(r[fr]["psac.auth.hmac.status"], r[fr]["psac.sa.unwrap"]) for fr in sc],
       [("0", "0")] * 3 + [("1", "1")] * 4)
    eq("replies: AuthFailed x3, NoSuchTarget (top level and per SA), then success",
       [r[fr]["psac.status.code"] for fr in rep], ["65004"] * 3 + ["65001|65001"] + ["0"] * 3)
    for fr in rep:
        eq("frame %d: reply verified" % fr, r[fr]["psac.auth.hmac.status"], "1")
        if "SA without key material" in r[fr]["_ws.expert.message"]:
            raise Fail("frame %d: the keyless SA echo of a reply flagged as malformed" % fr)


@test
def mhauth_tls13_wrong_psk_or_cb_flagged(e):
    k = tls13_keys()
    kl = ["-o", "tls.keylog_file:" + e.cap("mhauth-tls13.keylog")]
    f = ["mhauth.message", "mhauth.auth.verified", "mhauth.cb.source", "mhauth.cb", "_ws.expert.message"]
    wrong = ["-o", 'uat:mhauth_psk:"%s","%s",""' % (k["mn_id"], "00" + k["psk"][2:])]
    r = e.fields("mhauth-tls13.pcap", f, *(kl + wrong))
    done = [fr for fr, row in r.items() if row["mhauth.message"] in ("0x12", "0x02")]
    eq("two Done messages", len(done), 2)
    for fr in done:
        eq("wrong PSK: frame %d" % fr, r[fr]["mhauth.auth.verified"], "0")
        eq("wrong PSK: the session CB was tried", r[fr]["mhauth.cb"], k["cb"])
        expert_has(r, fr, "auth does not verify with the configured PSK")
    # the right PSK with a tampered channel binding (CB column overrides the session)
    bad_cb = ["-o", 'uat:mhauth_psk:"%s","%s","%s"' % (k["mn_id"], k["psk"], "ff" + k["cb"][2:])]
    r = e.fields("mhauth-tls13.pcap", f, *(kl + bad_cb))
    for fr in done:
        eq("tampered CB: frame %d" % fr, r[fr]["mhauth.auth.verified"], "0")
        expert_has(r, fr, "auth does not verify")
    # the right CB in the column verifies too, and says so
    good_cb = ["-o", 'uat:mhauth_psk:"%s","%s","%s"' % (k["mn_id"], k["psk"], k["cb"])]
    r = e.fields("mhauth-tls13.pcap", f, *(kl + good_cb))
    eq("CB column", [(r[fr]["mhauth.auth.verified"], r[fr]["mhauth.cb.source"]) for fr in done],
       [("1", "1"), ("1", "1")])


@test
def mhauth_tls13_keys_chain_to_mnha(e):
    k = tls13_keys()
    kl = ["-o", "tls.keylog_file:" + e.cap("mhauth-tls13.keylog")]
    r = e.fields("mhauth-tls13.pcap", ["mnha.spi", "mnha.icv.good", "mnha.sa_source", "mnha.direction",
                                       "icmpv6.type", "icmpv6.echo.identifier", "_ws.expert.message"], *kl)
    pk = [fr for fr, row in r.items() if row["mnha.spi"]]
    eq("MN-HA packets", len(pk), 2)
    got = [(r[fr]["mnha.icv.good"], r[fr]["mnha.sa_source"], r[fr]["mnha.direction"], r[fr]["icmpv6.type"],
            r[fr]["icmpv6.echo.identifier"]) for fr in pk]
    eq("decrypted with the Done response's keys", got,
       [("1", "2", "0", "128", k["echo_id"]), ("1", "2", "1", "129", k["echo_id"])])
    for fr in pk:
        absent("no replay/gap", r[fr]["_ws.expert.message"], "Sequence number")
    r = e.fields("mhauth-tls13.pcap", ["mnha.spi", "mnha.icv.good"])
    eq("no key log, no keys", [r[fr]["mnha.icv.good"] for fr in pk], ["", ""])


@test
def mhauth_cb_from_certificate_file_preference(e):
    # mhauth.pcap is MHAuth over plain TCP (no TLS handshake): the channel
    # binding can only come from the HAC certificate file preference.
    u = ["-o", 'uat:mhauth_psk:"mn1@example.net","%s",""' % e.keys["mhauth_psk"]]
    f = ["mhauth.auth.verified", "mhauth.cb.source", "mhauth.cb", "_ws.expert.message"]
    r = e.fields("mhauth.pcap", f, *(MH + u + ["-o", "mhauth.hac_cert_file:" + e.cap("ca.der")]))
    eq("Done request", (r[7]["mhauth.auth.verified"], r[7]["mhauth.cb.source"]), ("1", "3"))
    eq("Done response", (r[8]["mhauth.auth.verified"], r[8]["mhauth.cb.source"]), ("1", "3"))
    eq("CB", r[7]["mhauth.cb"], e.keys["mhauth_cb"])
    r = e.fields("mhauth.pcap", f, *(MH + u + ["-o", "mhauth.hac_cert_file:" + e.cap("router.der")]))
    eq("another certificate", r[7]["mhauth.auth.verified"], "0")
    r = e.fields("mhauth.pcap", f, *(MH + u))
    eq("no CB anywhere: no verdict", r[7]["mhauth.auth.verified"], "")
    expert_has(r, 7, "auth not checked: no channel binding")


@test
def mhauth_malformed(e):
    r = e.fields("mhauth.pcap", ["_ws.expert.message"], *MH)
    expert_has(r, 10, "Version 1, RFC 6618 defines 0", "Unknown header \"x-extra\"",
               "Header after the auth header", "Content does not end with an empty line")
    expert_has(r, 11, "Header line without \"name: value\"", "status-code 403")
    r = e.fields("mhauth.pcap", ["_ws.expert.message"], *MH,
                 "-o", 'uat:mhauth_psk:"","%s",""' % e.keys["mhauth_psk"])
    expert_has(r, 13, "auth is not 32 hexadecimal octets", "Encryption keys missing or not 16 hex octets")


# ---------------------------------------------------------------------------
# Captures from the real module and tools in the VM
# (scripts/refresh-vm-captures.sh: selftests psac_roles and psac_mnha)
# ---------------------------------------------------------------------------

def data_text(name):
    return open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name)).read().strip()


def vm_roles_opts(psk=True, x25519=True, esp=True):
    o = []
    if psk:
        o += ["-o", 'uat:psac_psk:"7","%s"' % data_text("vm-roles.psk")]
    if x25519:
        o += ["-o", 'uat:psac_x25519:"%s","vm requestor"' % data_text("vm-roles.x25519")]
    if esp:
        o += ["-o", "esp.enable_encryption_decode:TRUE"]
    return o


VM_TGT, VM_REQ, VM_SRV = "2001:db8:2::1", "2001:db8:2::2", "2001:db8:1::2"
VM_ROLES_F = ["psac.msgtype", "ipv6.src", "ipv6.dst", "psac.auth.key_id", "psac.auth.realm",
              "psac.auth.hmac.status", "psac.sa.keyprot", "psac.sa.unwrap", "psac.sa.keymat", "psac.sa.spi_i2r",
              "psac.sa.spi_r2i", "psac.sa.peer", "psac.encr.alg", "psac.encr.key_bits", "psac.ulp",
              "psac.sel.dport", "psac.status.code", "dhcpv6.msgtype", "esp.spi", "udp.srcport", "udp.dstport",
              "udp.payload", "dns.qry.name", "dns.txt", "_ws.expert.message"]


def frames(r, **want):
    return [fr for fr, row in sorted(r.items()) if all(row[k] == v for k, v in want.items())]


@test
def vm_roles_saconfig_to_kernel_target_verified(e):
    """psac server -> psac.ko: SACONFIGURATION authenticated with key-id 7 and
    its PSK-wrapped key unwrapped; the kernel's SACONFIGURATION-REPLY verified."""
    r = e.fields("vm-roles.pcap", VM_ROLES_F, *vm_roles_opts(x25519=False, esp=False))
    sc = frames(r, **{"psac.msgtype": "240"})
    rp = frames(r, **{"psac.msgtype": "241"})
    if not sc or not rp:
        raise Fail("no SACONFIGURATION (%r) or reply (%r) in the VM capture" % (sc, rp))
    for fr in sc:
        row = r[fr]
        eq("SACONFIGURATION %d from the server to the target" % fr, (row["ipv6.src"], row["ipv6.dst"]),
           (VM_SRV, VM_TGT))
        eq("key id", row["psac.auth.key_id"], "0x00000007")
        eq("realm", row["psac.auth.realm"], "roles")
        eq("HMAC verified", row["psac.auth.hmac.status"], "1")
        eq("target copy under the PSK", (row["psac.sa.keyprot"], row["psac.sa.unwrap"]), ("2", "1"))
        eq("peer is the requestor", row["psac.sa.peer"], VM_REQ)
        eq("AES-GCM-16/128, UDP 53", (row["psac.encr.alg"], row["psac.encr.key_bits"], row["psac.ulp"],
                                      row["psac.sel.dport"]), ("20", "128", "17", "53"))
        eq("GCM KEYMAT (2 x 20 octets)", len(row["psac.sa.keymat"]), 80)
    for fr in rp:
        row = r[fr]
        eq("reply %d from the kernel target" % fr, (row["ipv6.src"], row["ipv6.dst"]), (VM_TGT, VM_SRV))
        eq("reply HMAC verified", row["psac.auth.hmac.status"], "1")
        eq("reply status Success", row["psac.status.code"].split("|")[0], "0")
    wrong = ["-o", 'uat:psac_psk:"7","%s"' % ("5a" * 32)]
    r = e.fields("vm-roles.pcap", VM_ROLES_F, *wrong)
    for fr in sc + rp:
        eq("wrong PSK: frame %d" % fr, r[fr]["psac.auth.hmac.status"], "0")
    expert_has(r, sc[0], "Protected key does not unwrap with the configured PSK")


@test
def vm_roles_requestor_copy_same_keymat(e):
    """The requestor's Reply (SA_LIST, key under its X25519 key) opens to the
    same KEYMAT and SPIs as the target's copy in the SACONFIGURATION."""
    r = e.fields("vm-roles.pcap", VM_ROLES_F, *vm_roles_opts(esp=False))
    sc = frames(r, **{"psac.msgtype": "240"})[0]
    rep = frames(r, **{"dhcpv6.msgtype": "7"})
    if not rep:
        raise Fail("no DHCPv6 Reply to the requestor")
    row = r[rep[0]]
    eq("Reply to the requestor", (row["ipv6.src"], row["ipv6.dst"]), (VM_SRV, VM_REQ))
    eq("requestor copy under X25519", (row["psac.sa.keyprot"], row["psac.sa.unwrap"]), ("1", "1"))
    eq("peer is the target", row["psac.sa.peer"], VM_TGT)
    eq("SPIs", (row["psac.sa.spi_i2r"], row["psac.sa.spi_r2i"]),
       (r[sc]["psac.sa.spi_i2r"], r[sc]["psac.sa.spi_r2i"]))
    eq("same KEYMAT as the target's copy", row["psac.sa.keymat"], r[sc]["psac.sa.keymat"])
    bad = ["-o", 'uat:psac_x25519:"%s",""' % ("42" * 32)]
    r = e.fields("vm-roles.pcap", VM_ROLES_F, *bad)
    eq("another X25519 key", r[rep[0]]["psac.sa.unwrap"], "0")


def vm_roles_esp(e, opts):
    r = e.fields("vm-roles.pcap", VM_ROLES_F, *opts)
    i2r = [fr for fr, row in sorted(r.items()) if row["esp.spi"] and row["ipv6.src"] == VM_REQ]
    r2i = [fr for fr, row in sorted(r.items()) if row["esp.spi"] and row["ipv6.src"] == VM_TGT]
    if not i2r or not r2i:
        raise Fail("no ESP in both directions: %r %r" % (i2r, r2i))
    return r, i2r[0], r2i[0]


@test
def vm_roles_esp_decrypts_after_psk_unwrap(e):
    """Key chaining on the target's copy: the kernel's ESP (UDP 53 query and
    answer) decrypts with nothing but the PSK configured."""
    r, q, a = vm_roles_esp(e, vm_roles_opts(x25519=False))
    sc = frames(r, **{"psac.msgtype": "240"})[0]
    eq("query SPI is SPI-I2R", "0x%08x" % int(r[q]["esp.spi"], 0), r[sc]["psac.sa.spi_i2r"])
    eq("query to port 53", r[q]["udp.dstport"], "53")
    contains("query payload", bytes.fromhex(r[q]["udp.payload"].replace(":", "")).decode("latin-1"),
             "psac-roles-query")
    eq("answer from port 53", r[a]["udp.srcport"], "53")
    contains("answer payload", bytes.fromhex(r[a]["udp.payload"].replace(":", "")).decode("latin-1"),
             "psac-roles-answer")
    eq("the decrypted query is DNS", r[q]["dns.qry.name"], "psac-roles-query.example")
    eq("the decrypted answer is DNS", r[a]["dns.txt"], "psac-roles-answer")
    r, q, a = vm_roles_esp(e, vm_roles_opts(psk=False, x25519=False))
    eq("no keys: ESP stays opaque", (r[q]["udp.dstport"], r[a]["udp.srcport"]), ("", ""))


@test
def vm_roles_esp_decrypts_after_x25519_unwrap(e):
    """Key chaining on the requestor's copy: only its X25519 key configured."""
    r, q, a = vm_roles_esp(e, vm_roles_opts(psk=False))
    eq("query", r[q]["udp.dstport"], "53")
    contains("payload", bytes.fromhex(r[q]["udp.payload"].replace(":", "")).decode("latin-1"),
             "psac-roles-query")
    eq("answer", r[a]["udp.srcport"], "53")


VM_MNHA_SUITES = {"null-sha1": "0002", "null-xcbc": "0003", "3des-sha1": "000a", "aes128-sha1": "002f",
                  "aes128-xcbc": "ffff", "aes128-gcm": "009c", "aes256-gcm": "009d"}


def vm_mnha_sa(spi):
    """The UAT entry of an SA the VM test generated ('spi N suite NAME ekey-mn2ha HEX ...')."""
    w = data_text("vm-mnha-keys.%s" % spi).split()
    kv = dict(zip(w[0::2], w[1::2]))
    uat = 'uat:mnha_sa:"%x","%s","%s","%s","%s","%s"' % (
        int(kv["spi"], 0), VM_MNHA_SUITES[kv["suite"]], kv.get("ekey-mn2ha", ""), kv.get("ikey-mn2ha", ""),
        kv.get("ekey-ha2mn", ""), kv.get("ikey-ha2mn", ""))
    return kv, ["-o", uat]


VM_MNHA_F = ["mnha.spi", "mnha.ptype", "mnha.icv.good", "mnha.direction", "mnha.suite", "icmpv6.type", "icmp.type",
             "mip6.mhtype", "_ws.expert.message"]


@test
def vm_mnha_every_suite_decrypts(e):
    """The mnha device's pings (IPv6 and IPv4 inside, both directions) decrypt
    for every suite psac_mnha.sh uses, with the keys it generated."""
    spis = {}
    for spi in range(257, 264):
        kv, _ = vm_mnha_sa(spi)
        spis[kv["suite"]] = spi
    eq("suites in the VM test", sorted(spis), sorted(VM_MNHA_SUITES))
    bad = []
    for suite, spi in sorted(spis.items()):
        kv, opts = vm_mnha_sa(spi)
        r = e.fields("vm-mnha-%s.pcap" % suite, VM_MNHA_F, *opts)
        pk = [fr for fr, row in sorted(r.items()) if row["mnha.spi"]]
        got = {(r[fr]["mnha.icv.good"], r[fr]["mnha.direction"], r[fr]["icmpv6.type"] or "v4:" + r[fr]["icmp.type"])
               for fr in pk}
        want = {("1", "0", "128"), ("1", "1", "129"), ("1", "0", "v4:8"), ("1", "1", "v4:0"),
                ("1", "1", "128"), ("1", "0", "129"), ("1", "1", "v4:8"), ("1", "0", "v4:0")}
        if len(pk) != 16 or got != want:
            bad.append("%s: %d packets, %r" % (suite, len(pk), sorted(got)))
        for fr in pk:
            if r[fr]["mnha.spi"] != "0x%08x" % spi:
                bad.append("%s frame %d: SPI %s" % (suite, fr, r[fr]["mnha.spi"]))
            if "Sequence number" in r[fr]["_ws.expert.message"]:
                bad.append("%s frame %d: %s" % (suite, fr, r[fr]["_ws.expert.message"]))
        # one key octet off: nothing verifies
        kv2 = dict(kv)
        k = "ikey-mn2ha" if "ikey-mn2ha" in kv else "ekey-mn2ha"
        kv2[k] = ("00" if kv[k][:2] != "00" else "11") + kv[k][2:]
        uat = 'uat:mnha_sa:"%x","%s","%s","%s","%s","%s"' % (
            spi, VM_MNHA_SUITES[suite], kv2.get("ekey-mn2ha", ""), kv2.get("ikey-mn2ha", ""),
            kv2.get("ekey-ha2mn", ""), kv2.get("ikey-ha2mn", ""))
        r = e.fields("vm-mnha-%s.pcap" % suite, VM_MNHA_F, "-o", uat)
        mn2ha = [fr for fr in pk if r[fr]["mnha.icv.good"] == "1" and r[fr]["mnha.direction"] == "0"]
        if mn2ha:
            bad.append("%s: MN->HA packets verify with a wrong key: %r" % (suite, mn2ha))
    if bad:
        raise Fail("\n".join(bad))


@test
def vm_mnha_ptype8_binding_update(e):
    """PType 8 from the real device: the raw MH socket's Binding Update and
    Binding Acknowledgement, AES-128-GCM over outer IPv4."""
    kv, opts = vm_mnha_sa("0x180")
    r = e.fields("vm-mnha-ptype8.pcap", VM_MNHA_F, *opts)
    mh = [fr for fr, row in sorted(r.items()) if row["mnha.ptype"] == "8"]
    eq("BU and BA", [(r[fr]["mnha.icv.good"], r[fr]["mnha.direction"], r[fr]["mip6.mhtype"]) for fr in mh],
       [("1", "0", "5"), ("1", "1", "6")])


# ---------------------------------------------------------------------------
# Fuzz smoke: editcap -E mutations through tshark
# ---------------------------------------------------------------------------

def fuzz_run(e, path, extra):
    # Full tree with MHAuth forced on TCP 7873, then the filter/fields path
    # (tree not visible) with TLS on that port and the key log.
    rc1, _, err1 = e.run([TSHARK, "-n", "-r", path, "-V"] + extra + MH, timeout=120)
    rc2, _, err2 = e.run([TSHARK, "-n", "-r", path, "-Y", "psac || mnha || mhauth || dhcpike",
                          "-T", "fields", "-e", "psac.sa.spi_i2r", "-e", "mnha.seq", "-e", "mhauth.message"]
                         + extra, timeout=120)
    bad = [(rc, err) for rc, err in ((rc1, err1), (rc2, err2))
           if rc != 0 or "Dissector bug" in err or "Segmentation" in err
           or "AddressSanitizer" in err or "runtime error:" in err]
    return bad


@test
def fuzz(e):
    n = FUZZ_VARIANTS
    # The plugin under test decodes (without it every mutation would "pass"):
    # make asan-fuzz and make fuzz run this test alone.
    eq("psac.so decodes before fuzzing", e.tshark("psac_saconfig.pcap", "-Y", "psac", "-T", "fields",
                                                  "-e", "psac.msgtype").split()[:2], ["240", "241"])
    k = e.keys["ike"]
    extra = e.psk_opts() + e.mnha_opts() + [
        "-o", "tls.keylog_file:" + e.cap("mhauth_tls.keylog"),
        "-o", 'uat:mhauth_psk:"","%s","%s"' % (e.keys["mhauth_psk"], e.keys["mhauth_cb"]),
        "-o", "esp.enable_encryption_decode:TRUE",
        "-o", 'uat:psac_x25519:"%s",""' % e.keys["req_x25519"],
        "-o", 'uat:ikev2_decryption_table:%s,%s,%s,%s,"AES-CBC-128 [RFC3602]",%s,%s,"HMAC_SHA2_256_128 [RFC4868]"'
        % (k["spii"], k["spir"], k["sk_ei"], k["sk_er"], k["sk_ai"], k["sk_ar"])]
    fdir = os.path.join(e.tmp, "fuzz")
    os.makedirs(fdir)
    os.chmod(fdir, 0o755)
    failures, total = [], 0
    caps = sorted(c for c in os.listdir(e.caps) if c.endswith(".pcap"))
    for cap in caps:
        # the capture itself first: under ASan it is a regression test too
        variants = [e.cap(cap)]
        for seed in range(1, n + 1):
            out = os.path.join(fdir, "%s.%d.pcap" % (cap[:-5], seed))
            subprocess.run([EDITCAP, "-E", "0.02", "--seed", str(seed), e.cap(cap), out], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.chmod(out, 0o644)
            variants.append(out)
        total += len(variants) - 1
        merged = os.path.join(fdir, cap[:-5] + ".all.pcap")
        subprocess.run([MERGECAP, "-a", "-F", "pcap", "-w", merged] + variants, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(merged, 0o644)
        if not fuzz_run(e, merged, extra):
            continue
        # Something broke: find which variants, one by one.
        for v in variants:
            bad = fuzz_run(e, v, extra)
            if bad:
                summary = [ln for ln in bad[0][1].splitlines() if ln.startswith("SUMMARY:")]
                failures.append("%s: rc %d: %s" % (os.path.basename(v), bad[0][0],
                                                   summary[0] if summary else bad[0][1].strip()[-300:]))
    print("# fuzz: %d captures x %d variants = %d mutated captures, %d failed"
          % (len(caps), n, total, len(failures)))
    if failures:
        raise Fail("\n".join(failures[:10]))


FUZZ_VARIANTS = 50


def main():
    global FUZZ_VARIANTS
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--captures", required=True)
    ap.add_argument("--only", help="run only tests whose name contains this")
    ap.add_argument("--fuzz-variants", type=int, default=50)
    a = ap.parse_args()
    FUZZ_VARIANTS = a.fuzz_variants
    majmin = os.environ.get("WS_MAJMIN", "4.0")
    e = Env(a.plugin, a.captures, majmin)
    passed = failed = 0
    t0 = time.time()
    try:
        tests = [t for t in TESTS if not a.only or a.only in t.__name__]
        for i, t in enumerate(tests, 1):
            try:
                t(e)
                print("ok %d - %s" % (i, t.__name__))
                passed += 1
            except Exception as ex:  # noqa: BLE001 - a crashing test is a failed test
                print("not ok %d - %s" % (i, t.__name__))
                for line in str(ex).splitlines() or [type(ex).__name__]:
                    print("#   " + line)
                failed += 1
            sys.stdout.flush()
    finally:
        shutil.rmtree(e.tmp, ignore_errors=True)
    print("# %d tshark runs in %.1f s" % (e.runs, time.time() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
