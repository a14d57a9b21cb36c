#!/usr/bin/env bash
# Publishing benchmark of a whole P&C cycle: `zicht build` against Hugo on DOCUMENTS generated
# documents (begroting and jaarverslag of consecutive years) of PAGES pages each, with financial tables.
#
#   bash Benchmarks/cycle.sh              DOCUMENTS=10 PAGES=300 RUNS=5 by default; see publish.sh
#
# Everything else (building, the checks, cold runs, the table) is Benchmarks/publish.sh with
# INPUT=cycle; the check builds also compare every financial table of the two sites cell by cell.
set -euo pipefail
INPUT=cycle exec bash "$(dirname "${BASH_SOURCE[0]}")/publish.sh"
