jobs_entry-profile_ready = Here is what I found for you.
jobs_entry-more = Use /jobs any time for more — and tap 👍 / 👎 so I learn what you like.
jobs_entry-all_shown = That is every vacancy that fits you for now. Tap 👍 / 👎 so I learn what you like; new ones come in your daily digest, and /search finds more with your own words.
