"""Partnering: build, broker and run multi-stakeholder partnerships."""
