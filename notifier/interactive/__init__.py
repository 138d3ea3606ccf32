"""Reader actions from Slack, the pure half: decode, check access, plan, draw. The I/O half — receivers, the
handler that writes, the Slack follow-ups — is the app's (`wirewatch/interactive/`).

actions.py          payload → Action (intent, alert id, actor, card); the action-id contract
blocks.py           the card's buttons, and what the card shows after presses (`reader_blocks`)
effects.py          Action + Alert → the silence / verdict / expiry to write (pure, deterministic ids)
outcome.py          what became of one action
access.py           workspace, users and user groups allowed to act
signing.py          Slack request signatures for the HTTP endpoint
settings.py         InteractiveSettings, the `notify.interactive` config section
"""
