"""Real servers on loopback for tests: a feed server and a Slack-compatible Web API server."""
