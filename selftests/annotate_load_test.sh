#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown selftests - bpf-annotate's load tests (sealed, signed,
# clang-built objects loaded through the tool and its library), as a suite.
exec "$(cd "$(dirname "$0")/.." && pwd)/tools/annotate/tests/load.sh" "$@"
