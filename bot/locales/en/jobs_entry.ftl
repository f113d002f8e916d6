jobs_entry-profile_ready = Your profile is ready! Here is what I found for you.
jobs_entry-more = Use /jobs any time for more — and tap 👍 / 👎 so I learn what you like.
