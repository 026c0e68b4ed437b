"""Tests for watcher."""
