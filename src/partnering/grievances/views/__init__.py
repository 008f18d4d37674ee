"""Pages of the grievance mechanism: `public` for everyone (the service levels, the filing
form, the complainant's page by code and secret), `cases` for handlers."""
