"""Readers' button presses reach the store and come back to Slack. I/O lives here; decoding, planning and
drawing stay pure in `notifier/interactive/`.

handler.py          ActionHandler.handle(payload) → [Outcome]: the one entry point for receivers (writes)
socket_receiver.py  Socket Mode (the default): we dial out with the app-level token
http_receiver.py    the signed HTTP interactivity endpoint
responder.py        after a press: the card redrawn from the store, the reason modal, Why?, replies
why.py              the Why? answer: the running rules re-matched on the alert's item
build.py            build_handler / build_receiver
service.py          what the daemon starts and stops (`start_interactive`)
"""
