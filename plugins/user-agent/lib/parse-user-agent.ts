import { detect } from "detect-browser";
import { detectDevice, detectDeviceType } from "./detect-device.ts";

/** The properties the connector writes for a user agent. */
export interface UserAgentDetails {
  $browser: string;
  $browser_version: string | null;
  $os: string | null;
  $device: string;
  $device_type: string;
  $browser_type: string;
}

/** Parses a user agent with detect-browser plus the device helpers; null when detect-browser does not recognise it. */
export function parseUserAgent(ua: string): UserAgentDetails | null {
  const detected = detect(ua);
  if (!detected) return null;
  const device = detectDevice(ua);
  return {
    $browser: detected.name,
    $browser_version: detected.version,
    $os: detected.os,
    $device: device,
    $device_type: detectDeviceType(device),
    $browser_type: detected.type,
  };
}
