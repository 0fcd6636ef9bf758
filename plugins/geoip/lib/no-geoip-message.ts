/** The exact message PostHog users know when the host has no GeoIP capability. */
export const NO_GEOIP_MESSAGE = "This PostHog version does not have GeoIP capabilities! Upgrade to PostHog 1.24.0 or later";
