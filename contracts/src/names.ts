/**
 * A station as it is written everywhere people read it — "柳州站", "永福南站" — whatever form a
 * source gives ("柳州" in the network and the timetable, "柳州站" in a typed address). A
 * passenger-facing name already ending in 站 is left as it is. The map, the queue, the reasons,
 * the ETA routes and the handover all show this one form.
 */
export function stationDisplayName(name: string): string {
  const n = name.trim();
  return n === '' || n.endsWith('站') ? n : `${n}站`;
}
