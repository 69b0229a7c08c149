"""Supporter care on the account page: pausing payments, the cancel flow's
question and save offer, receipts and the yearly giving statement."""
