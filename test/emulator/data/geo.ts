// Where an IP address is, as Auth0's log events tell it (`location_info`), and which network
// (ASN) it belongs to. The seeded tenant's random addresses get a city from a hash of the
// address; the demo scenarios use fixed addresses whose network and city are chosen to tell a
// story (a home ISP in Seattle, four hosting providers in one day). Addresses stay in the
// documentation ranges (RFC 5737, RFC 3849).
import { BlockList, isIP } from 'node:net';
import type { LogLocationInfo } from '../../../src/auth0/types';

export interface Network {
  /** As Auth0 reports it in a token's `device`: the number as a string. */
  asn: string;
  organisation: string;
  /** A cloud or hosting provider: a person's browser rarely exchanges tokens from one. */
  hosting: boolean;
  location: LogLocationInfo;
}

function place(
  country_code: string,
  country_code3: string,
  country_name: string,
  city_name: string,
  latitude: number,
  longitude: number,
  time_zone: string,
  continent_code: string,
): LogLocationInfo {
  return { country_code, country_code3, country_name, city_name, latitude, longitude, time_zone, continent_code };
}

export const PLACES = {
  seattle: place('US', 'USA', 'United States', 'Seattle', 47.6062, -122.3321, 'America/Los_Angeles', 'NA'),
  newYork: place('US', 'USA', 'United States', 'New York', 40.7128, -74.006, 'America/New_York', 'NA'),
  ashburn: place('US', 'USA', 'United States', 'Ashburn', 39.0438, -77.4874, 'America/New_York', 'NA'),
  chicago: place('US', 'USA', 'United States', 'Chicago', 41.8781, -87.6298, 'America/Chicago', 'NA'),
  toronto: place('CA', 'CAN', 'Canada', 'Toronto', 43.6532, -79.3832, 'America/Toronto', 'NA'),
  london: place('GB', 'GBR', 'United Kingdom', 'London', 51.5074, -0.1278, 'Europe/London', 'EU'),
  berlin: place('DE', 'DEU', 'Germany', 'Berlin', 52.52, 13.405, 'Europe/Berlin', 'EU'),
  frankfurt: place('DE', 'DEU', 'Germany', 'Frankfurt am Main', 50.1109, 8.6821, 'Europe/Berlin', 'EU'),
  roubaix: place('FR', 'FRA', 'France', 'Roubaix', 50.6942, 3.1746, 'Europe/Paris', 'EU'),
  helsinki: place('FI', 'FIN', 'Finland', 'Helsinki', 60.1699, 24.9384, 'Europe/Helsinki', 'EU'),
  bucharest: place('RO', 'ROU', 'Romania', 'Bucharest', 44.4268, 26.1025, 'Europe/Bucharest', 'EU'),
  madrid: place('ES', 'ESP', 'Spain', 'Madrid', 40.4168, -3.7038, 'Europe/Madrid', 'EU'),
  warsaw: place('PL', 'POL', 'Poland', 'Warsaw', 52.2297, 21.0122, 'Europe/Warsaw', 'EU'),
  saoPaulo: place('BR', 'BRA', 'Brazil', 'São Paulo', -23.5505, -46.6333, 'America/Sao_Paulo', 'SA'),
  tokyo: place('JP', 'JPN', 'Japan', 'Tokyo', 35.6762, 139.6503, 'Asia/Tokyo', 'AS'),
  bengaluru: place('IN', 'IND', 'India', 'Bengaluru', 12.9716, 77.5946, 'Asia/Kolkata', 'AS'),
  sydney: place('AU', 'AUS', 'Australia', 'Sydney', -33.8688, 151.2093, 'Australia/Sydney', 'OC'),
} as const;

/** Cities a random seeded address may be in: mostly where the tenant's users live. */
const SEEDED_CITIES: readonly LogLocationInfo[] = [
  PLACES.seattle, PLACES.newYork, PLACES.chicago, PLACES.toronto, PLACES.london, PLACES.berlin,
  PLACES.madrid, PLACES.warsaw, PLACES.saoPaulo, PLACES.tokyo, PLACES.bengaluru, PLACES.sydney,
];

/** The fixed addresses of the demo scenarios and the network each belongs to. */
export const SCENARIO_NETWORKS: Readonly<Record<string, Network>> = {
  // Home and mobile ISPs.
  '198.51.100.23': { asn: '7922', organisation: 'Comcast Cable Communications', hosting: false, location: PLACES.seattle },
  '198.51.100.140': { asn: '701', organisation: 'Verizon Business', hosting: false, location: PLACES.newYork },
  '192.0.2.200': { asn: '2856', organisation: 'British Telecommunications', hosting: false, location: PLACES.london },
  '192.0.2.10': { asn: '3320', organisation: 'Deutsche Telekom', hosting: false, location: PLACES.berlin },
  '192.0.2.87': { asn: '3320', organisation: 'Deutsche Telekom', hosting: false, location: PLACES.berlin },
  '2001:db8:3320::1a': { asn: '3320', organisation: 'Deutsche Telekom', hosting: false, location: PLACES.berlin },
  '2001:db8:3320::7c': { asn: '3320', organisation: 'Deutsche Telekom', hosting: false, location: PLACES.berlin },
  '198.51.100.61': { asn: '7018', organisation: 'AT&T Services', hosting: false, location: PLACES.chicago },
  // Hosting providers: where a stolen token's script runs.
  '203.0.113.41': { asn: '14061', organisation: 'DigitalOcean', hosting: true, location: PLACES.frankfurt },
  '203.0.113.77': { asn: '16276', organisation: 'OVH SAS', hosting: true, location: PLACES.roubaix },
  '203.0.113.102': { asn: '24940', organisation: 'Hetzner Online', hosting: true, location: PLACES.helsinki },
  '203.0.113.150': { asn: '16509', organisation: 'Amazon.com (AWS)', hosting: true, location: PLACES.ashburn },
  // A second address in each of the four hosting networks the stolen laptop token is used from.
  '203.0.113.42': { asn: '14061', organisation: 'DigitalOcean', hosting: true, location: PLACES.frankfurt },
  '203.0.113.78': { asn: '16276', organisation: 'OVH SAS', hosting: true, location: PLACES.roubaix },
  '203.0.113.103': { asn: '24940', organisation: 'Hetzner Online', hosting: true, location: PLACES.helsinki },
  '203.0.113.151': { asn: '16509', organisation: 'Amazon.com (AWS)', hosting: true, location: PLACES.ashburn },
  '203.0.113.200': { asn: '9009', organisation: 'M247 Europe', hosting: true, location: PLACES.bucharest },
};

/** FNV-1a, so an address always lands in the same city. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value >>> 0;
}

/** `location_info` for an address: the scenario's city, or a stable city for any other address. */
export function locationOf(ip: string): LogLocationInfo {
  const known = SCENARIO_NETWORKS[ip];
  return { ...(known?.location ?? SEEDED_CITIES[hash(ip) % SEEDED_CITIES.length]) };
}

/** The network of a scenario address; throws for any other (a typo in a scenario must not pass). */
export function networkOf(ip: string): Network {
  const known = SCENARIO_NETWORKS[ip];
  if (known === undefined) {
    throw new Error(`no scenario network for ${ip}`);
  }
  return known;
}

/** Whether `ip` is an IPv4 or IPv6 address as the log event schemas require (`format: ipv4|ipv6`). */
export function isIpAddress(ip: string | null | undefined): ip is string {
  if (typeof ip !== 'string') {
    return false;
  }
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip)) {
    return ip.split('.').every((part) => Number(part) <= 255);
  }
  return /^[0-9a-f:]+$/i.test(ip) && ip.includes(':') && (ip.match(/::/g) ?? []).length <= 1;
}

/**
 * Addresses no geolocation database places, so Auth0 logs them without `location_info`: loopback,
 * private, link-local, shared (CGNAT), "this network", multicast, reserved and broadcast (IANA
 * special-purpose registries). The documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24,
 * 2001:db8::/32) are not here: the emulator's seeded and scenario addresses stand in them for
 * public ones.
 */
const UNPLACEABLE = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

/** Whether Auth0 would place `ip` (a public address); false for the UNPLACEABLE ranges, IPv4-mapped ones too. */
export function isGeolocatable(ip: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const family = isIP(address);
  return family !== 0 && !UNPLACEABLE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
