"""Producing an edition: who writes what by when, the board, reminders and the digest."""
