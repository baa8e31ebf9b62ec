#!/usr/bin/env bash
# Text accuracy beyond the one official split: Mercato AUTO against the peers on five more seeded
# stratified 80/20 splits of every text set that is split by seed (BANKING77 has an official split).
#
#   examples/scripts/text-seeds.sh OUT [SEEDS...]      (default seeds 1 2 3 4 5)
#
# Needs ../shared (data and peers), /usr/bin/python3 with python3-sklearn, the fasttext binary, and the
# examples classpath in $CP (see docs/benchmarks.md). Accuracy only: the peers run one after another,
# Mercato after them, and the timings are not the point. Summary: examples/scripts/text-seeds-summary.py OUT
set -euo pipefail
OUT=${1:?usage: text-seeds.sh OUT [SEEDS...]}
shift
SEEDS=${*:-1 2 3 4 5}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$HERE/../shared}
DATA="$SHARED/data"
PEERS="$SHARED/peers"
: "${CP:?set CP to the examples classpath}"
SETS="sms-spam sentiment-sentences womens-clothing-reviews womens-clothing-reviews-rating chnsenticorp-htl"
for seed in $SEEDS; do
  dir="$OUT/s$seed"
  [ -d "$dir" ] || python3 "$PEERS/prepare" --out "$dir" --seed "$seed" "$DATA/sms-spam" \
    "$DATA/sentiment-sentences" "$DATA/womens-clothing-reviews" "$DATA/chnsenticorp-htl" > /dev/null
  for ds in $SETS; do
    lang=en
    [ "$(cat "$dir/$ds/kind")" = text-zh ] && lang=zh
    # fastText autotune only where it was the strongest peer on the official split (it takes a minute)
    autotune=--no-autotune
    [ "$ds" = womens-clothing-reviews-rating ] && autotune=
    /usr/bin/python3 "$PEERS/text-sklearn" "$dir/$ds/train.csv" "$dir/$ds/test.csv" --lang $lang | tail -1 > "$dir/$ds/sklearn.json"
    "$PEERS/text-fasttext" "$dir/$ds/train.csv" "$dir/$ds/test.csv" --lang $lang $autotune | tail -1 > "$dir/$ds/fasttext.json"
  done
  java -cp "$CP" io.mercato.examples.bench.TextBenchmark --prepared "$dir" --models auto \
    --datasets "${SETS// /,}" --warm-up-texts 0 --out "$dir/mercato.md" > "$dir/mercato.log" 2>&1
done
