#!/usr/bin/python3
"""uapi/psac.yaml agrees with uapi/linux/psac.h and the kernel module.

1. The spec validates against the schema its protocol names (genetlink-legacy:
   6.12's genetlink-c lacks uns-admin-perm) in linux-source-6.12.
2. ynl-gen-c.py (6.12) renders a uAPI header from it; every constant of
   that header exists in psac.h with the same value and vice versa (the
   *_UNSPEC placeholders aside), compiled with the C compiler.
3. The kernel's policies and split ops are generated from it
   (kmod/netlink-gen.[ch], scripts/netlink-gen.sh --check: what the spec
   renders with the generator `make deps` unpacks is what is committed).
4. What generation does not cover, attribute by attribute: the type in the
   spec matches the type comment in psac.h and what the kernel puts into
   replies; every spec attribute is in a request or emitted.
5. Each event is sent by the kernel on the group the spec names; the
   family's group table (kmod/netlink.c) has the spec's groups, in order.
Prints ok / not ok lines.
"""
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.environ.get('PSAC_CACHE', '/var/cache/psac')
fails = 0


def ok(cond, desc, detail=None):
    global fails
    if cond:
        print(f'ok - {desc}')
    else:
        fails += 1
        print(f'not ok - {desc}')
        for line in (detail or []):
            print(f'# {line}')
    return cond


def ynl_tree():
    """tools/net/ynl and Documentation/netlink of linux-source-6.12."""
    ver = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'linux-source-6.12'],
                         capture_output=True, text=True).stdout.strip()
    if not ver:
        return None
    d = f'{CACHE}/ynl-{ver}'
    if not os.path.exists(f'{d}/.done'):
        os.makedirs(d, exist_ok=True)
        subprocess.run(['tar', 'xJf', '/usr/src/linux-source-6.12.tar.xz', '-C', d,
                        '--strip-components=1', 'linux-source-6.12/tools/net/ynl',
                        'linux-source-6.12/Documentation/netlink'], check=True)
        open(f'{d}/.done', 'w').close()
    return d


def read(path):
    with open(os.path.join(TOP, path)) as f:
        return f.read()


def c_constants(header_text):
    """Names of the enum members and defines of a uAPI header."""
    body = re.sub(r'/\*.*?\*/', '', header_text, flags=re.S)
    names = set(re.findall(r'^#define\s+(PSAC_\w+)\s+\S', body, re.M))
    for block in re.findall(r'enum\s*\w*\s*\{(.*?)\}', body, re.S):
        for m in re.finditer(r'^\s*(_*PSAC_\w+)', block, re.M):
            names.add(m.group(1))
    names.discard('_UAPI_LINUX_PSAC_H')
    return names


def c_values(header_path, names, strings, tmp):
    """Compile a program against header_path that prints each constant."""
    src = os.path.join(tmp, 'v.c')
    with open(src, 'w') as f:
        f.write(f'#include <stdio.h>\n#include "{header_path}"\nint main(void) {{\n')
        for n in sorted(names):
            if n in strings:
                f.write(f'\tprintf("%s \\"%s\\"\\n", "{n}", {n});\n')
            else:
                f.write(f'\tprintf("%s %lld\\n", "{n}", (long long)({n}));\n')
        f.write('\treturn 0;\n}\n')
    exe = os.path.join(tmp, 'v')
    subprocess.run(['cc', '-Wall', '-Werror', '-o', exe, src], check=True)
    out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    return dict(line.split(' ', 1) for line in out.splitlines())


def cname(prefix, name):
    return (prefix + name).upper().replace('-', '_')


def main():
    spec = yaml.safe_load(read('uapi/psac.yaml'))
    hdr = read('uapi/linux/psac.h')
    ynl = ynl_tree()
    if not ok(ynl is not None, 'linux-source-6.12 is installed (ynl tools and schemas)'):
        return
    proto = spec.get('protocol', 'genetlink')
    with open(f'{ynl}/Documentation/netlink/{proto}.yaml') as f:
        schema = yaml.safe_load(f)
    try:
        jsonschema.validate(spec, schema)
        ok(True, f'psac.yaml validates against the 6.12 {proto} schema')
    except jsonschema.ValidationError as e:
        ok(False, f'psac.yaml validates against the 6.12 {proto} schema',
           str(e).splitlines()[:8])

    # --- 2. constants through the kernel's generator --------------------
    with tempfile.TemporaryDirectory() as tmp:
        # ynl-gen-c.py wants a kernel tree: MAINTAINERS at the root, the
        # schemas next to specs/.
        nl = f'{tmp}/Documentation/netlink'
        os.makedirs(f'{nl}/specs')
        open(f'{tmp}/MAINTAINERS', 'w').close()
        for s in os.listdir(f'{ynl}/Documentation/netlink'):
            if s.endswith('.yaml'):
                os.symlink(f'{ynl}/Documentation/netlink/{s}', f'{nl}/{s}')
        with open(f'{nl}/specs/psac.yaml', 'w') as f:
            f.write(read('uapi/psac.yaml'))
        gen = f'{tmp}/psac-gen.h'
        r = subprocess.run([sys.executable, f'{ynl}/tools/net/ynl/ynl-gen-c.py',
                            '--mode', 'uapi', '--header', '--spec',
                            f'{nl}/specs/psac.yaml', '-o', gen],
                           capture_output=True, text=True, cwd=tmp, timeout=120)
        if not ok(r.returncode == 0 and os.path.exists(gen),
                  'ynl-gen-c.py (6.12) renders a uAPI header from psac.yaml',
                  (r.stdout + r.stderr).splitlines()[-10:]):
            return
        with open(gen) as f:
            gtext = f.read()
        gnames, hnames = c_constants(gtext), c_constants(hdr)
        extra = sorted(n for n in hnames - gnames if not n.endswith('_UNSPEC'))
        ok(not extra, f'every constant of psac.h is in the spec ({len(hnames)} constants)',
           [f'only in psac.h: {n}' for n in extra])
        missing = sorted(gnames - hnames)
        ok(not missing, f'every constant the spec generates is in psac.h ({len(gnames)})',
           [f'only in the spec: {n}' for n in missing])
        strings = set(re.findall(r'#define\s+(PSAC_\w+)\s+"', hdr))
        common = gnames & hnames
        gv = c_values(gen, common, strings, tmp)
        hv = c_values(os.path.join(TOP, 'uapi/linux/psac.h'), common, strings, tmp)
        diff = [f'{n}: header {hv[n]}, spec {gv[n]}' for n in sorted(common) if gv[n] != hv[n]]
        ok(not diff, f'the {len(common)} common constants have the same values', diff)
        hvals = {k: int(v) for k, v in c_values(os.path.join(TOP, 'uapi/linux/psac.h'),
                                                   hnames - strings, strings, tmp).items()}
    # --- 3. the generated policies and ops ------------------------------
    r = subprocess.run([os.path.join(TOP, 'scripts/netlink-gen.sh'), '--check'],
                       capture_output=True, text=True, timeout=300)
    out = (r.stdout + r.stderr).splitlines()
    results = [ln for ln in out if ln.startswith(('ok ', 'not ok '))]
    ok(r.returncode == 0 and len(results) == 2 and all(ln.startswith('ok ') for ln in results),
       'kmod/netlink-gen.[ch] are what uapi/psac.yaml renders (scripts/netlink-gen.sh --check)',
       out[-40:] if r.returncode else None)
    compare_attributes(spec, hdr, hvals)
    compare_operations(spec, hvals)


# --- 4. attributes -----------------------------------------------------------


def kernel_sources():
    out = {}
    for d, _, files in os.walk(os.path.join(TOP, 'kmod')):
        if '/tests' in d:
            continue
        for fn in files:
            if fn.endswith(('.c', '.h')):
                with open(os.path.join(d, fn)) as f:
                    out[os.path.relpath(os.path.join(d, fn), TOP)] = f.read()
    return out


PUT_TO_SPEC = {'u8': 'u8', 'u16': 'u16', 'u32': 'u32', 'u64_64bit': 'u64', 'string': 'string',
               'in6_addr': 'binary', 'in_addr': 'binary', 'flag': 'flag', '': 'binary'}


def compare_attributes(spec, hdr, hvals):
    sets = {s['name']: s for s in spec['attribute-sets']}
    by_const = {}                         # C name -> (set, attribute)
    for s in spec['attribute-sets']:
        if 'subset-of' in s:
            continue
        for a in s['attributes']:
            by_const[cname(s['name-prefix'], a['name'])] = (s, a)
    enum_set = {s['enum-name'].replace('-', '_'): s['name'] for s in spec['attribute-sets']
                if 'subset-of' not in s}

    # header comments: "PSAC_X_A_Y, /* u64: ... */"
    bad = []
    n = 0
    block = None                          # "/* ... (u64), ... */" over a group
    for m in re.finditer(r'^\s*(?:(PSAC_\w+_A_\w+|PSAC_A_\w+),\s*)?/\*\s*([^*]*?)\s*\*/', hdr, re.M):
        c, comment = m.groups()
        if c is None:
            bm = re.search(r'\((u8|u16|u32|u64)\)', comment)
            block = bm.group(1) if bm else None
            continue
        if re.split(r'[:,\s]', comment)[0] not in ('u8', 'u16', 'u32', 'u64', 'binary',
                                                   'string', 'flag', 'nest'):
            if block is None:
                bad.append(f'{c}: psac.h does not document its type')
                continue
            comment = block
        if c not in by_const:
            bad.append(f'{c}: not in the spec')
            continue
        n += 1
        s, a = by_const[c]
        word = re.split(r'[:,\s]', comment)[0]
        want = {'binary': 'binary', 'string': 'string', 'flag': 'flag', 'nest': 'nest'}.get(word, word)
        if a['type'] != want:
            bad.append(f'{c}: header says {word}, spec {a["type"]}')
        if word == 'nest':
            inner = comment.split(':', 1)[1].split()[0]
            if enum_set.get(inner) != a.get('nested-attributes'):
                bad.append(f'{c}: header nests {inner}, spec {a.get("nested-attributes")}')
        if 'in6_addr' in comment and a.get('checks', {}).get('exact-len') != 16:
            bad.append(f'{c}: in6_addr but spec exact-len is not 16')
        if 'in_addr' in comment and 'in6_addr' not in comment and \
                a.get('checks', {}).get('exact-len') != 4:
            bad.append(f'{c}: in_addr but spec exact-len is not 4')
    ok(not bad and n > 50, f'each of the {n} attributes has the type psac.h documents', bad)

    srcs = kernel_sources()
    allsrc = '\n'.join(v for k, v in srcs.items() if not k.startswith('kmod/netlink-gen'))
    # What requests carry: the attributes of the sets the ops name (an input
    # subset names its own nest), recursively.
    sets = {x['name']: x for x in spec['attribute-sets']}

    def real(name):
        return sets[name].get('subset-of', name)

    accepted = set()

    def accept(setname, attrs):
        for an in attrs:
            a = next((x for x in sets[setname]['attributes'] if x['name'] == an), None)
            if a is None:
                continue
            base = sets[real(setname)]
            full = next(x for x in base['attributes'] if x['name'] == an)
            accepted.add(cname(base['name-prefix'], an))
            nest = a.get('nested-attributes', full.get('nested-attributes'))
            if nest:
                accept(nest, [x['name'] for x in sets[nest]['attributes']])

    for op in spec['operations']['list']:
        for sub in ('do', 'dump'):
            accept(op['attribute-set'], op.get(sub, {}).get('request', {}).get('attributes', []))

    # What the kernel emits.
    puts = {}
    for m in re.finditer(r'nla_put(?:_(\w+?))?\(\s*\w+,\s*(PSAC_\w+)', allsrc):
        puts.setdefault(m.group(2), set()).add(PUT_TO_SPEC.get(m.group(1) or '', m.group(1)))
    for m in re.finditer(r'nla_nest_start\(\s*\w+,\s*(PSAC_\w+)', allsrc):
        puts.setdefault(m.group(1), set()).add('nest')
    for m in re.finditer(r'PSAC_STAT\((PSAC_\w+),', allsrc):
        puts.setdefault(m.group(1), set()).add('u64')
    drop_tbl = re.search(r'psac_mdev_drop_attr\[[^\]]*\]\s*=\s*\{(.*?)\};', allsrc, re.S)
    for c in re.findall(r'=\s*(PSAC_MDEV_A_\w+)', drop_tbl.group(1) if drop_tbl else ''):
        puts.setdefault(c, set()).add('u64')
    bad = []
    for c, types in sorted(puts.items()):
        if c not in by_const:
            continue                      # PSAC_*_A_UNSPEC / PAD used as padattr
        a = by_const[c][1]
        if types != {a['type']}:
            bad.append(f'{c}: the kernel puts {sorted(types)}, spec says {a["type"]}')
    emitted = {c for c in puts if c in by_const}
    ok(not bad and len(emitted) > 60, f'the {len(emitted)} attributes the kernel emits have the spec type', bad)
    dead = sorted(c for c, (s, a) in by_const.items()
                  if a['type'] != 'pad' and c not in accepted and c not in emitted)
    ok(not dead, 'every spec attribute is accepted or emitted by the kernel',
       [f'{c}: neither in a policy nor put' for c in dead])


def func_body(src, name):
    m = re.search(r'^\w[^\n;]*\b' + name + r'\([^;{]*\)\s*\{(.*?)\n\}', src, re.S | re.M)
    return m.group(1) if m else ''


def sends_on(src, cmd, idx):
    """cmd is put into a message in a function that multicasts on idx, or
    passed to one that does."""
    for m in re.finditer(r'(\w+)\([^;()]*?\b' + cmd + r'\b', src):
        callee = m.group(1)
        if callee == 'genlmsg_put':
            # the enclosing function
            start = src.rfind('\n{', 0, m.start())
            end = src.find('\n}', m.start())
            if idx in src[start:end]:
                return True
        elif idx in func_body(src, callee):
            return True
    return False


# --- 5. events and groups -------------------------------------------------------
def compare_operations(spec, hvals):
    src = read('kmod/netlink.c')
    prefix = spec['operations']['name-prefix']
    allsrc = '\n'.join(v for k, v in kernel_sources().items()
                       if not k.startswith('kmod/netlink-gen'))
    # The family's group table: [PSAC_NLGRP_X] = { .name = PSAC_MCGRP_X, }
    kgroups = re.findall(r'\[PSAC_NLGRP_(\w+)\]\s*=\s*\{\s*\.name\s*=\s*(PSAC_MCGRP_\w+)', src)
    hdr = read('uapi/linux/psac.h')
    names = dict(re.findall(r'#define\s+(PSAC_MCGRP_\w+)\s+"(\w+)"', hdr))
    kn = [names.get(c) for _, c in kgroups]
    ki = [i.lower() for i, _ in kgroups]
    sn = [g['name'] for g in spec['mcast-groups']['list']]
    ok(kn == sn and ki == sn and len(sn) == 2,
       f'the family\'s group table has the spec\'s groups, in order: {sn}',
       [f'kernel names {kn}, indices {ki}'])
    bad = []
    for op in spec['operations']['list']:
        if 'event' not in op:
            continue
        c = cname(prefix, op['name'])
        idx = 'PSAC_NLGRP_' + op['mcgrp'].upper()
        if not sends_on(allsrc, c, idx):
            bad.append(f'{c}: not multicast on {idx}')
    ok(not bad, 'each event is sent, multicast on the group the spec names', bad)


if __name__ == '__main__':
    main()
    sys.exit(1 if fails else 0)
