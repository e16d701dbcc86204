#!/usr/bin/env bash
# Plays calls to the TwiML webhook as a telephony platform would, and prints what the caller hears.
# Each step follows the URL the previous answer gave (the <Gather> action, the <Redirect>, the <Dial>
# action), which carries the call's step and key, exactly as Twilio does.
#
#   scripts/play-call.sh              # María Guadalupe (demo data) books, hears and cancels
#   CITAS_URL=http://host:port scripts/play-call.sh
#
# With PHONE_AGENT_NUMBER set on the server, a second call asks for an agent and, nobody answering,
# leaves a call-back. In a shell, `source scripts/play-call.sh --functions` gives dial, press, quiet
# and agent_ends to play any call by hand.
set -euo pipefail

CITAS_URL=${CITAS_URL:-http://localhost:3000}
FROM=${FROM:-+525512345678}
CALL=''
ANSWER=''

# Posts one platform request (URL, then form fields) and prints what is said, [Dial] and [Hangup].
step() {
  local url=$1
  shift
  local fields=(--data-urlencode "CallSid=$CALL" --data-urlencode "From=$FROM")
  for field in "$@"; do fields+=(--data-urlencode "$field"); done
  ANSWER=$(curl -sS --fail-with-body -X POST "$url" "${fields[@]}")
  printf '%s\n' "$ANSWER" | grep -oE '<Say[^>]*>[^<]*|<Dial[^>]*>[^<]*|<Hangup/>' |
    sed -E 's/<Say[^>]*>/  /; s/<Dial[^>]*>/  [Dial] /; s/<Hangup\/>/  [Hangup]/'
}

# The URL in attribute $2 of the last answer's <$1> (or its text, for <Redirect>), unescaped.
next_url() {
  local url
  if [ "$1" = Redirect ]; then
    url=$(printf '%s' "$ANSWER" | grep -oE '<Redirect[^>]*>[^<]*' | sed -E 's/<Redirect[^>]*>//')
  else
    url=$(printf '%s' "$ANSWER" | grep -oE "<$1 [^>]*$2=\"[^\"]*\"" | sed -E "s/.*$2=\"([^\"]*)\"/\\1/")
  fi
  [ -n "$url" ] || { echo "the last answer has no <$1>: the caller cannot do that now" >&2; return 1; }
  printf '%s' "$url" | sed 's/&amp;/\&/g'
}

dial() {
  CALL="CA$(date +%s%N)$RANDOM"
  echo "── call $CALL from $FROM"
  step "$CITAS_URL/phone/twiml/voice"
}
press() { echo "» $1"; step "$(next_url Gather action)" "Digits=$1"; }
quiet() { echo "» (silence)"; step "$(next_url Redirect)"; }
agent_ends() { echo "» (agent line: $1)"; step "$(next_url Dial action)" "DialCallStatus=$1"; }

[ "${1:-}" = --functions ] && return 0

dial             # bienvenida, aviso de privacidad, «marca tu fecha de nacimiento»
press 12041978   # «Hola, María Guadalupe» and the main menu
press 1          # agendar: ¿para quién? (ella, Ricardo, Sofía; Mateo has no eligibility)
press 1          # para ella: ¿qué servicio?
press 1          # medicina familiar: the three earliest times, 9 for more
press 1          # the first: «Vas a agendar…, para confirmar, marca uno»
press 1          # booked: the folio spelled twice, SMS to the phone ending in 78
press 1          # back to the main menu
press 2          # consultar: the appointment just booked, with its folio
press 1          # main menu
press 3          # cancelar: which one
press 1          # that one: «para confirmar la cancelación, marca uno»
press 1          # cancelled, the slot is free again (within the change cut-off: refused, the menu)
quiet            # the caller says nothing: goodbye, [Hangup] (at the menu: asked again)

if [ "${AGENT_STEPS:-yes}" = yes ] && dial && press 12041978 && press 0 && printf '%s' "$ANSWER" | grep -q '<Dial'; then
  agent_ends no-answer   # nobody answered: call-back offered
  press 1                # «Un asesor te llamará al número terminado en siete, ocho» [Hangup]
fi
