"""What every process of an install shares besides the database: the cache (config.py,
from CACHE_URL) and the rate-limit counters (ratelimits.py)."""
