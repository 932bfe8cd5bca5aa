/**
 * The IANA time zone a wrong zone name most likely means, for a did-you-mean (never applied
 * without the user: the quick fix it gives is not safe). In order: the name in another letter
 * case; a zone of the same city (`Berlin` → `Europe/Berlin`); a country named in English
 * (`Asia/China` → `Asia/Shanghai`: the country's first zone, from `Intl.Locale#timeZones`); a
 * large city that the tz database does not name because another city of the same zone is its
 * name (`Asia/Beijing` → `Asia/Shanghai`). Never throws.
 */

/**
 * Cities people write as zone names that are not zone names, with the zone the tz database keeps
 * for them (its zone1970.tab comments say "Beijing Time" for Asia/Shanghai, and so on).
 */
const CITY_ZONES: Readonly<Record<string, string>> = {
  beijing: 'Asia/Shanghai',
  peking: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  guangzhou: 'Asia/Shanghai',
  delhi: 'Asia/Kolkata',
  new_delhi: 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata',
  osaka: 'Asia/Tokyo',
  kyoto: 'Asia/Tokyo',
  hanoi: 'Asia/Bangkok',
  abu_dhabi: 'Asia/Dubai',
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
  ottawa: 'America/Toronto',
  montreal: 'America/Toronto',
  washington: 'America/New_York',
  boston: 'America/New_York',
  miami: 'America/New_York',
  atlanta: 'America/New_York',
  philadelphia: 'America/New_York',
  san_francisco: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  portland: 'America/Los_Angeles',
  las_vegas: 'America/Los_Angeles',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  munich: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  milan: 'Europe/Rome',
  barcelona: 'Europe/Madrid',
  geneva: 'Europe/Zurich',
  st_petersburg: 'Europe/Moscow',
  saint_petersburg: 'Europe/Moscow',
  rio_de_janeiro: 'America/Sao_Paulo',
};

let zoneIndex: Map<string, string> | undefined;

/** Lower-cased zone name → canonical spelling. */
export function zoneNames(): Map<string, string> {
  if (!zoneIndex) {
    zoneIndex = new Map();
    try {
      for (const z of Intl.supportedValuesOf('timeZone')) zoneIndex.set(z.toLowerCase(), z);
    } catch {
      /* older runtimes: no suggestions */
    }
    zoneIndex.set('utc', 'UTC');
  }
  return zoneIndex;
}

let countryIndex: Map<string, string> | undefined;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** English country name, lower-cased with `_` for blanks → the country's first zone. */
function countryZones(): Map<string, string> {
  if (countryIndex) return countryIndex;
  countryIndex = new Map();
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const a of LETTERS)
      for (const b of LETTERS) {
        const region = a + b;
        const name = names.of(region);
        if (!name) continue;
        const zones = (new Intl.Locale('und-' + region) as Intl.Locale & { timeZones?: string[] }).timeZones;
        if (zones?.length) countryIndex.set(name.toLowerCase().replace(/\s+/g, '_'), zones[0]);
      }
  } catch {
    /* no Intl.DisplayNames or Intl.Locale#timeZones: no country suggestions */
  }
  return countryIndex;
}

/** Whether the runtime knows a zone (its canonical name or a link such as `Asia/Kolkata`). */
function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone a wrong zone name most likely means, or `''`. */
export function suggestZone(tz: string): string {
  try {
    const key = tz.trim().toLowerCase().replace(/\s+/g, '_');
    const z = zoneNames();
    const exact = z.get(key);
    if (exact) return exact;
    const city = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
    if (!city) return '';
    for (const [lower, canonical] of z) if (lower.endsWith('/' + city)) return canonical;
    const country = countryZones().get(city);
    if (country) return country;
    const known = Object.prototype.hasOwnProperty.call(CITY_ZONES, city) ? CITY_ZONES[city] : undefined;
    return known && isZone(known) ? known : '';
  } catch {
    return '';
  }
}
