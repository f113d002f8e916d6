"""The push path's Telegram side: the scheduler (timer + lease), paced delivery, the
digest and reminder senders. The protocols themselves (who is due, claims, exactly-once)
are core services (core/services/digest_delivery.py, reminder_delivery.py,
maintenance.py, push_lease.py); this package renders and sends. Everything here is built
by the composition root, bot/app.py."""
