"""Inline keyboards, one module per feature; every button's callback_data comes from a
bot.callbacks factory and every label from the translator."""
