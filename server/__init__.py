"""Nuanxin central sync server."""
