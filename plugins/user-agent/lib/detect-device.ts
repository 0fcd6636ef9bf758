/** posthog-js's device name for a user agent ("" when none matches), checks in the original's order. */
export function detectDevice(ua: string): string {
  if (/Windows Phone/i.test(ua) || ua.includes("WPDesktop")) return "Windows Phone";
  if (ua.includes("iPad")) return "iPad";
  if (ua.includes("iPod")) return "iPod Touch";
  if (ua.includes("iPhone")) return "iPhone";
  if (/BlackBerry|PlayBook|BB10/i.test(ua)) return "BlackBerry";
  if (ua.includes("Android")) return ua.includes("Mobile") ? "Android" : "Android Tablet";
  return "";
}

/** `Tablet` for iPad / Android Tablet, `Mobile` for any other device, else `Desktop`. */
export function detectDeviceType(device: string): string {
  if (device === "iPad" || device === "Android Tablet") return "Tablet";
  return device ? "Mobile" : "Desktop";
}
