#!/usr/bin/python3
"""Flash of a Cortex-M firmware by what it holds, from its GNU ld map.

The categories are `mote bench --target`'s (tools/mote/cmd_bench_target.cc,
Category/ParseMap): runtime_core (libmote_core.a minus src/ops), kernels
(per source), model, test_data, platform, libc, padding. For firmware that
`mote bench` does not configure itself, e.g. one built with
-DMOTE_KERNEL_ISA=portable. Usage: flash_split.py MAP SOURCE_DIR
"""
import collections
import os
import sys


def category(section, obj, source):
    if section.startswith('.rodata.mote_model'):
        return 'model', None
    if section.startswith('.rodata.mote_test_data'):
        return 'test_data', None
    if not obj:
        return 'padding', None
    paren = obj.find('(')
    archive = os.path.basename(obj[:paren] if paren >= 0 else obj)
    member = (os.path.basename(obj) if paren < 0 else obj[paren + 1:-1]).split('.')[0]
    if archive == 'libmote_kernels.a' or (
            archive == 'libmote_core.a' and os.path.exists(f'{source}/src/ops/{member}.cc')):
        return 'kernels', member
    if archive == 'libmote_core.a':
        return 'runtime_core', member
    if archive == 'libmote_dsp.a':
        return 'dsp', None
    if archive in ('libmote_fw_harness.a', 'libmote_cortex_m.a') or '.gen/' in obj:
        return 'platform', None
    return 'libc', None


def main(map_path, source):
    flash, parts = collections.Counter(), collections.defaultdict(collections.Counter)
    in_map, out_section, pending = False, '', ''

    def add(section, size, obj):
        if out_section not in ('.init', '.text', '.toc', '.data', '.tdata'):
            return
        cat, member = category(section, obj, source)
        flash[cat] += size
        if member:
            parts[cat][member] += size

    for line in open(map_path):
        line = line.rstrip('\n')
        if not in_map:
            in_map = line.startswith('Linker script and memory map')
            continue
        t = line.split()
        if not t:
            continue
        if line[0] == '.':
            out_section, pending = t[0], ''
            continue
        if line[0] != ' ':
            continue
        if t[0] == '*fill*' and len(t) >= 3 and t[2].startswith('0x'):
            add('*fill*', int(t[2], 16), '')
        elif t[0][0] == '.' or t[0] == 'COMMON':
            if len(t) >= 4 and t[1].startswith('0x') and t[2].startswith('0x'):
                add(t[0], int(t[2], 16), t[3])
                pending = ''
            elif len(t) == 1:
                pending = t[0]
        elif pending and len(t) >= 3 and t[0].startswith('0x') and t[1].startswith('0x'):
            add(pending, int(t[1], 16), t[2])
            pending = ''
    print(f'flash {sum(flash.values()):,}: ' +
          ', '.join(f'{k} {v:,}' for k, v in flash.most_common()))
    for cat in ('runtime_core', 'kernels'):
        print(f'{cat} {flash[cat]:,}: ' +
              ', '.join(f'{k} {v:,}' for k, v in parts[cat].most_common()))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
