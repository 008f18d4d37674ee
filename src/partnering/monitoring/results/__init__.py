"""The results chain: outputs contribute to outcomes, outcomes to impact (services, API,
pages)."""
