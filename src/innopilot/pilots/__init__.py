"""Pilot batches: yearly campaigns, district nominations, joint confirmation, invitations, coverage."""
