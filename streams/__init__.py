"""newsevents: the stream service (faust app, agents, tables, web views) and its extraction engine.

`streams.extraction` is pure Python (no Kafka); the app modules build on it; `streams.cli`
builds on everything.
"""
