"""Following without an account: subscriptions by email, digests, and their privacy."""
