#!/usr/bin/env bash
# Usage: bash bench/bulk-roundtrip.sh sqlite|postgres (N=1000000 by default; after npm run build).
# A million generated customers: CSV → import → export → import into a fresh store → export; the two exports must match.
set -euo pipefail
cd /work/main
store=${1:-sqlite}
N=${N:-1000000}
D=$(mktemp -d /tmp/roundtrip.XXXX)
keys="TOKEN_SIGNING_KEY=$(printf 'k%.0s' {1..40}) CARD_HMAC_KEY=$(printf 'c%.0s' {1..40}) OUTBOX_KEY=$(printf 'o%.0s' {1..40}) SCRYPT_COST=1024 LOG_LEVEL=warn"
url() { if [ "$store" = sqlite ]; then echo "sqlite:$D/$1.db"; else psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database rt_$1_$$" >/dev/null; echo "postgres://postgres@127.0.0.1:5432/rt_$1_$$"; fi; }
A=$(url a); B=$(url b)
env $keys DATABASE_URL=$A node dist/cli/main.js seed --demo
env $keys DATABASE_URL=$A node dist/cli/main.js generate $N --seed 11 --csv $D/csv --no-answer-columns | tail -1
s=$(date +%s); env $keys DATABASE_URL=$A node dist/cli/main.js import $D/csv/customers.csv $D/csv/accounts.csv --cards $D/csv/cards.csv | tail -1; echo "import 1: $(( $(date +%s) - s )) s"
s=$(date +%s); env $keys DATABASE_URL=$A node dist/cli/main.js import $D/csv/customers.csv $D/csv/accounts.csv --cards $D/csv/cards.csv | tail -1; echo "re-import (updates): $(( $(date +%s) - s )) s"
env $keys DATABASE_URL=$A node dist/cli/main.js export $D/out1 | tail -1
env $keys DATABASE_URL=$B node dist/cli/main.js seed --demo
s=$(date +%s); env $keys DATABASE_URL=$B node dist/cli/main.js import $D/out1/customers.csv $D/out1/accounts.csv --cards $D/out1/cards.csv | tail -1; echo "import of the export: $(( $(date +%s) - s )) s"
env $keys DATABASE_URL=$B node dist/cli/main.js export $D/out2 | tail -1
for f in customers accounts cards; do
  if cmp -s <(sort $D/out1/$f.csv) <(sort $D/out2/$f.csv); then echo "$f.csv: identical ($(wc -l < $D/out1/$f.csv) lines)"; else echo "$f.csv: DIFFERENT"; fi
done
if [ "$store" = postgres ]; then for x in a b; do psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database rt_${x}_$$ with (force)" >/dev/null; done; fi
rm -rf $D
