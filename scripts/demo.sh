#!/usr/bin/env bash
# make run's demo of the loop, against the running suite: catalog → feedback and register results
# → follow-up's reading of variation and its signal → the leaders' e-mails and in-app inbox → the
# leader's page. Every step is idempotent (fixed ids, message ids and batch ids), so a second
# `make run` reuses what is there. Usage: scripts/demo.sh BIN_DIR MAIL_DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin=$1 mail=$2
kl="$bin/kl"
demo=.run/demo
mkdir -p "$demo"
step() { printf '\n\033[1mdemo: %s\033[0m\n' "$*"; }
show() { printf '  $ kl %s\n' "$*"; "$kl" "$@" | sed 's/^/    /'; }
json() { "$kl" "$@" --output json; }
field() { /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); exec("print("+sys.argv[1]+")")' "$1"; }
mails() { find "$mail" -name '*.eml' | wc -l; }
started=$(date +%s)
mails_before=$(mails)

step "1. The catalog: programme areas, healthcare regions and regions (shipped), units of Region Örebro län and Region Jönköpings län, knowledge supports"
units=(
    "SE-18-USO-HJARTA|Hjärt- och lungkliniken, Universitetssjukhuset Örebro|SE-18|SE2321000164-E000000001"
    "SE-18-KARLSKOGA-MED|Medicinkliniken, Karlskoga lasarett|SE-18|SE2321000164-E000000002"
    "SE-18-VC-TYBBLE|Tybble vårdcentral|SE-18|SE2321000164-E000000003"
    "SE-06-RYHOV-MED|Medicinska kliniken, Länssjukhuset Ryhov|SE-06|SE2321000065-E000000001"
    "SE-06-HOGLAND-MED|Medicinkliniken, Höglandssjukhuset Eksjö|SE-06|SE2321000065-E000000002"
    "SE-06-RYHOV-REUMA|Reumatologiska kliniken, Länssjukhuset Ryhov|SE-06|SE2321000065-E000000003"
)
unit_ids=()
for u in "${units[@]}"; do
    IFS='|' read -r id name parent hsa <<<"$u"
    "$kl" catalog org-upsert --id "$id" --name "$name" --level unit --parent "$parent" --hsa-id "$hsa" --actor demo >/dev/null
    unit_ids+=("$id")
done
if ! "$kl" catalog get leva-med-hjartsvikt >/dev/null 2>&1; then
    "$kl" catalog import docs/examples/catalog.jsonl --actor demo | sed 's/^/    /'
fi
show catalog orgs --root SE-18
show catalog search hjärtsvikt
support=$(json catalog get leva-med-hjartsvikt | field 'd["knowledge_support"]["id"]')
pathway=$(json catalog get hjartsvikt-vardforlopp | field 'd["knowledge_support"]["id"]')
ra=$(json catalog get reumatoid-artrit-vardforlopp | field 'd["knowledge_support"]["id"]')
for id in SE-18-USO-HJARTA SE-18-KARLSKOGA-MED SE-06-RYHOV-MED; do
    "$kl" catalog adopt "$pathway" "$id" --status adopted --by demo >/dev/null
done

step "2. The leaders: the unit's verksamhetschef and Region Örebro län's hälso- och sjukvårdsdirektör, each by e-mail (the local mail sink) and in-app"
recipient() { # email name role scope: added, or brought back to these settings
    local id fields=(--name "$2" --role "$3" --scope "$4" --kind signal-raised --kind next-step-overdue
                     --channel email --channel in-app --immediate --actor demo)
    id=$(json notify recipient list --email "$1" | field '(d.get("recipients") or [{}])[0].get("id","")')
    if [ -z "$id" ]; then
        id=$(json notify recipient add --email "$1" "${fields[@]}" | field 'd["recipient"]["id"]')
    else
        "$kl" notify recipient update "$id" "${fields[@]}" >/dev/null
    fi
    echo "$id"
}
chef=$(recipient karin.lind@regionorebrolan.se "Karin Lind" verksamhetschef SE-18-USO-HJARTA)
director=$(recipient per.ek@regionorebrolan.se "Per Ek" halso-och-sjukvardsdirektor SE-18)
show notify recipient list --organisation SE-18-USO-HJARTA

step "3. Indicators, and the results other systems send"
if ! "$kl" followup indicator get hjartsvikt-uppfoljning >/dev/null 2>&1; then
    "$kl" followup indicator define hjartsvikt-uppfoljning --actor demo --name "Uppföljning inom 30 dagar efter vård för hjärtsvikt" \
        --definition "Andel patienter med hjärtsvikt som följts upp inom 30 dagar efter utskrivning (RiksSvikt)." \
        --value-type proportion --granularity month --direction higher --target 0.75 --programme-area hjart-karlsjukdomar \
        --support "$pathway" --source RiksSvikt --stratum 'kon:Kön=kvinnor:Kvinnor,man:Män;gap=man' >/dev/null
    "$kl" followup indicator define ra-remission --actor demo --name "Remission sex månader efter diagnos, reumatoid artrit" \
        --definition "Andel med reumatoid artrit i remission (DAS28 < 2,6) sex månader efter diagnos (SRQ)." \
        --value-type proportion --granularity month --direction higher --target 0.5 --programme-area reumatiska-sjukdomar \
        --support "$ra" --source SRQ >/dev/null
fi
show followup indicator get hjartsvikt-uppfoljning
echo "  the Python publisher (clients/python, as a library): a year of weekly answers to ”Hjälpte informationen dig?”"
echo "  about ”Leva med hjärtsvikt” at Hjärt- och lungkliniken, steady at first, then clearly lower"
scripts/demo/feedback_year.py --slug leva-med-hjartsvikt --organisation SE-18-USO-HJARTA | sed 's/^/    /'
echo "  the C publisher (clients/c): the registers' monthly results for the units, one indicator per sex as well"
scripts/demo/register_months.py --units "$(IFS=,; echo "${unit_ids[*]}")" > "$demo/register.csv"
clients/c/build/publish_measurements --source-system RiksSvikt --batch-id "demo-register-$(date +%Y-%m)" "$demo/register.csv" \
    | sed 's/^/    /'

step "4. Feedback summarises the closed weeks; follow-up reads them as a p-chart and raises a signal"
code=feedback-helpful-week.$support
signal=""
for _ in $(seq 1 120); do
    signal=$(json followup signals --indicator "$code" --organisation SE-18-USO-HJARTA --open 2>/dev/null \
        | field '(d.get("signals") or [{}])[0].get("id","")' 2>/dev/null || true)
    [ -n "$signal" ] && break
    sleep 0.5
done
if [ -z "$signal" ]; then
    echo "demo: no signal on $code at SE-18-USO-HJARTA after 60 s; see .run/logs/feedback.log and followup.log" >&2
    exit 1
fi
show followup analysis "$code" SE-18-USO-HJARTA
show followup signal "$signal"

step "5. The leaders hear of it, once: the e-mails as received by the mail sink ($mail)"
for _ in $(seq 1 120); do
    [ "$(mails)" -ge $((mails_before + 2)) ] && break
    [ "$mails_before" -ge 2 ] && break # an earlier run's e-mails: the signal is told once
    sleep 0.5
done
if [ "$(mails)" -eq "$mails_before" ] && [ "$mails_before" -ge 2 ]; then
    echo "  (told in an earlier run: the signal is not sent twice; these are the e-mails then)"
fi
scripts/demo/show_mail.py "$mail"
show notify inbox "$chef"
curl -fsS "http://127.0.0.1:8083/indicators/$code/SE-18-USO-HJARTA" -o "$demo/ledarsida.html"
curl -fsS "http://127.0.0.1:8083/charts/$code/SE-18-USO-HJARTA.svg" -o "$demo/diagram.svg"
curl -fsS "http://127.0.0.1:8083/organisations/SE-18-USO-HJARTA" -o "$demo/oversikt.html"
echo "  the leader's page: http://127.0.0.1:8083/indicators/$code/SE-18-USO-HJARTA"
echo "  written to $demo/ledarsida.html, $demo/diagram.svg and $demo/oversikt.html (the unit's overview)"
if [ -n "${DISPLAY:-}" ] && command -v xdg-open >/dev/null; then xdg-open "$demo/ledarsida.html" >/dev/null 2>&1 || true; fi
printf '\ndemo: the loop closed in %s s\n' $(( $(date +%s) - started ))
