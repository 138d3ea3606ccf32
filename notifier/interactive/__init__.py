"""Reader actions from Slack: decode (pure), check access, plan (pure), write; two receivers feed it.

actions.py          payload → Action (intent, alert id, actor, card); the action-id contract
blocks.py           the card's actions block and the receipt after a press (the contract's other half)
effects.py          Action + Alert → the silence / verdict / expiry to write (pure, deterministic ids)
access.py           workspace, users and user groups allowed to act
handler.py          ActionHandler.handle(payload) → [Outcome]: the one entry point for receivers
signing.py          Slack request signatures for the HTTP endpoint
http_receiver.py    the HTTP interactivity endpoint
socket_receiver.py  Socket Mode (the default)
settings.py         InteractiveSettings, the `notify.interactive` config section
build.py            build_handler(settings, store, …) and build_receiver(settings, handler): the wiring
"""
